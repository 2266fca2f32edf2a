// VS Code's language-model messages, as plain data, mapped to SambaNova's chat request. The host
// turns VS Code's part classes into LmPart (src/host/lm/vscodeParts.ts); everything about the
// wire shape is decided here:
// - text-only content goes as one string (several SambaNova models reject part lists);
// - images become base64 data URLs (SambaNova takes no image URLs), only for vision models;
// - tool results, which VS Code puts in a user message, become `tool` messages right after the
//   assistant message that called them, as the OpenAI format requires.
import type { ChatMessage, ContentPart, ToolDefinition } from '../client/types';
import { IMAGE_TOKENS, estimateTextTokens, type TemplateOverhead } from './tokenEstimate';

export type LmRole = 'user' | 'assistant' | 'system';

export type LmPart =
  | { type: 'text'; text: string }
  | { type: 'image'; mimeType: string; data: Uint8Array }
  | { type: 'toolCall'; callId: string; name: string; input: unknown }
  /** Tool output flattened to text by the host. */
  | { type: 'toolResult'; callId: string; text: string };

export interface LmMessage {
  role: LmRole;
  parts: LmPart[];
}

export interface LmTool {
  name: string;
  description?: string;
  inputSchema?: unknown;
}

export interface MapOptions {
  /** Whether the model reads images; otherwise an image becomes a short note in the text. */
  imageInput: boolean;
}

export const IMAGE_OMITTED = '[An image was attached, but this model does not read images.]';

export function toChatMessages(messages: readonly LmMessage[], options: MapOptions): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const message of messages) {
    if (message.role === 'assistant') {
      out.push(assistantMessage(message.parts));
      continue;
    }
    // Tool results first: they answer the previous assistant turn.
    for (const part of message.parts) {
      if (part.type === 'toolResult') out.push({ role: 'tool', toolCallId: part.callId, content: part.text });
    }
    const content = userContent(message.parts, options);
    if (content !== undefined) out.push({ role: message.role, content });
  }
  return out;
}

function assistantMessage(parts: readonly LmPart[]): ChatMessage {
  let text = '';
  const toolCalls = [];
  for (const part of parts) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'toolCall') toolCalls.push({ id: part.callId, name: part.name, arguments: argumentsText(part.input) });
  }
  const message: ChatMessage = { role: 'assistant', content: text };
  if (toolCalls.length > 0) message.toolCalls = toolCalls;
  return message;
}

function argumentsText(input: unknown): string {
  if (typeof input === 'string') return input;
  try {
    return JSON.stringify(input ?? {});
  } catch {
    return '{}';
  }
}

/** A string when there is only text; parts when an image goes along; undefined when empty. */
function userContent(parts: readonly LmPart[], options: MapOptions): string | ContentPart[] | undefined {
  const content: ContentPart[] = [];
  let hasImage = false;
  for (const part of parts) {
    if (part.type === 'text') {
      appendText(content, part.text);
    } else if (part.type === 'image') {
      if (options.imageInput) {
        content.push({ type: 'image_url', image_url: { url: `data:${part.mimeType};base64,${base64(part.data)}` } });
        hasImage = true;
      } else {
        appendText(content, content.length > 0 ? `\n${IMAGE_OMITTED}` : IMAGE_OMITTED);
      }
    }
  }
  if (content.length === 0) return undefined;
  if (!hasImage) return content.map((p) => (p.type === 'text' ? p.text : '')).join('');
  return content;
}

function appendText(content: ContentPart[], text: string): void {
  const last = content[content.length - 1];
  if (last?.type === 'text') last.text += text;
  else content.push({ type: 'text', text });
}

function base64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

export function toToolDefinitions(tools: readonly LmTool[] | undefined): ToolDefinition[] | undefined {
  if (!tools || tools.length === 0) return undefined;
  return tools.map((tool) => {
    const def: ToolDefinition = { name: tool.name };
    if (tool.description) def.description = tool.description;
    // OpenAI-style servers want an object schema even for tools without input.
    def.parameters = isObject(tool.inputSchema) ? tool.inputSchema : { type: 'object', properties: {} };
    return def;
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Tokens of one message as the model's template renders it (see tokenEstimate.ts). */
export function estimateMessageTokens(message: LmMessage, overhead: TemplateOverhead): number {
  let total = overhead.perMessage;
  for (const part of message.parts) {
    switch (part.type) {
      case 'text':
        total += estimateTextTokens(part.text);
        break;
      case 'image':
        total += IMAGE_TOKENS;
        break;
      case 'toolCall':
        total += estimateTextTokens(part.name) + estimateTextTokens(argumentsText(part.input)) + overhead.perMessage;
        break;
      case 'toolResult':
        // Its own `tool` message on the wire.
        total += estimateTextTokens(part.text) + overhead.perMessage;
        break;
    }
  }
  return total;
}

/** Tokens the tool definitions add to a request. */
export function estimateToolTokens(tools: readonly ToolDefinition[] | undefined, overhead: TemplateOverhead): number {
  if (!tools || tools.length === 0) return 0;
  // Templates print the definitions as indented JSON; count that form.
  const json = JSON.stringify(
    tools.map((t) => ({ type: 'function', function: t })),
    null,
    4,
  );
  return overhead.perToolList + estimateTextTokens(json);
}

/** The whole prompt: what the server will report as `usage.prompt_tokens`, or a little more. */
export function estimatePromptTokens(messages: readonly LmMessage[], tools: readonly ToolDefinition[] | undefined, overhead: TemplateOverhead): number {
  let total = overhead.perRequest + estimateToolTokens(tools, overhead);
  for (const message of messages) total += estimateMessageTokens(message, overhead);
  return total;
}
