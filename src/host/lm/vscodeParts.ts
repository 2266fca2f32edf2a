// VS Code's language-model part classes -> the plain LmMessage that src/core/lm maps to the wire.
// Only this file knows the classes; unknown parts (thinking, future kinds) are left out.
import * as vscode from 'vscode';
import type { LmMessage, LmPart, LmRole } from '../../core/lm/messages';

/** LanguageModelDataPart is newer than our 1.104 typings; where it exists it carries images. */
interface DataPartLike {
  mimeType: string;
  data: Uint8Array;
}

function isDataPart(part: unknown): part is DataPartLike {
  const ctor = (vscode as unknown as { LanguageModelDataPart?: new (...args: never[]) => unknown }).LanguageModelDataPart;
  if (ctor && part instanceof ctor) return true;
  return (
    typeof part === 'object' && part !== null && typeof (part as DataPartLike).mimeType === 'string' && (part as DataPartLike).data instanceof Uint8Array
  );
}

function role(r: vscode.LanguageModelChatMessageRole): LmRole {
  if (r === vscode.LanguageModelChatMessageRole.Assistant) return 'assistant';
  // 3 is System in newer VS Code (a proposed API in 1.104).
  return (r as number) === 3 ? 'system' : 'user';
}

export function toLmMessage(message: vscode.LanguageModelChatRequestMessage | vscode.LanguageModelChatMessage): LmMessage {
  const parts: LmPart[] = [];
  for (const part of message.content as readonly unknown[]) {
    const mapped = toLmPart(part);
    if (mapped) parts.push(mapped);
  }
  return { role: role(message.role), parts };
}

function toLmPart(part: unknown): LmPart | undefined {
  if (part instanceof vscode.LanguageModelTextPart) return { type: 'text', text: part.value };
  if (part instanceof vscode.LanguageModelToolCallPart) return { type: 'toolCall', callId: part.callId, name: part.name, input: part.input };
  if (part instanceof vscode.LanguageModelToolResultPart) return { type: 'toolResult', callId: part.callId, text: toolResultText(part.content) };
  if (isDataPart(part) && part.mimeType.startsWith('image/')) return { type: 'image', mimeType: part.mimeType, data: part.data };
  if (isDataPart(part) && isTextMime(part.mimeType)) return { type: 'text', text: new TextDecoder().decode(part.data) };
  return undefined;
}

function isTextMime(mime: string): boolean {
  return mime.startsWith('text/') || mime.includes('json');
}

/** Tool output goes to the model as text: text parts as they are, data decoded, the rest as JSON. */
function toolResultText(content: readonly unknown[]): string {
  const pieces: string[] = [];
  for (const item of content) {
    if (item instanceof vscode.LanguageModelTextPart) pieces.push(item.value);
    else if (isDataPart(item)) pieces.push(isTextMime(item.mimeType) ? new TextDecoder().decode(item.data) : `[${item.mimeType} data]`);
    else if (item instanceof vscode.LanguageModelPromptTsxPart) pieces.push(JSON.stringify(item.value));
    else if (typeof item === 'string') pieces.push(item);
  }
  return pieces.join('');
}
