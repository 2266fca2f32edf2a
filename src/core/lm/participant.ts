// The @sambanova chat participant's decisions, without VS Code: which editor-command prompt a
// slash command uses (the builders in src/core/edit/prompts.ts, not a copy), how a plain question
// carries the conversation and the referenced files, which followups to offer, and how the
// figures line is written into markdown.
import { buildEditMessages, type EditKind, type EditPromptInput, type EditPromptOverrides } from '../edit/prompts';
import { fenceFor } from '../promptText';
import type { ChatMessage } from '../client/types';

export type ParticipantCommand = 'explain' | 'fix' | 'tests' | 'doc';

export const PARTICIPANT_COMMANDS: readonly ParticipantCommand[] = ['explain', 'fix', 'tests', 'doc'];

export function commandKind(command: string | undefined): EditKind | undefined {
  return PARTICIPANT_COMMANDS.find((c) => c === command);
}

/** A file or selection the question is about. */
export interface CodeContext {
  /** Workspace-relative path or file name. */
  path: string;
  languageId: string;
  text: string;
  /** 1-based first line when it is a part of the file. */
  startLine?: number;
}

/** A slash command: the editor command's prompt for the first piece of code, the user's words as the instruction. */
export function commandMessages(
  kind: EditKind,
  code: CodeContext,
  prompt: string,
  extra: Pick<EditPromptInput, 'diagnostics'>,
  overrides: EditPromptOverrides,
): ChatMessage[] {
  const input: EditPromptInput = { languageId: code.languageId, fileName: code.path, code: code.text };
  const instruction = prompt.trim();
  if (instruction) input.instruction = instruction;
  if (extra.diagnostics?.length) input.diagnostics = extra.diagnostics;
  return buildEditMessages(kind, input, overrides);
}

export interface Turn {
  role: 'user' | 'assistant';
  text: string;
}

/** A plain question: system prompt, the earlier turns with @sambanova, then the question with its files. */
export function questionMessages(systemPrompt: string, history: readonly Turn[], prompt: string, files: readonly CodeContext[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (systemPrompt.trim()) messages.push({ role: 'system', content: systemPrompt });
  for (const turn of history) if (turn.text.trim()) messages.push({ role: turn.role, content: turn.text });
  const attached = files.map(fileBlock);
  messages.push({ role: 'user', content: [...attached, prompt].join('\n\n') });
  return messages;
}

function fileBlock(file: CodeContext): string {
  const fence = fenceFor(file.text);
  const where = file.startLine ? `${file.path} (from line ${file.startLine})` : file.path;
  return `${where}:\n${fence}${file.languageId}\n${file.text}${file.text.endsWith('\n') ? '' : '\n'}${fence}`;
}

export interface FollowupSuggestion {
  label: string;
  command?: ParticipantCommand;
  prompt: string;
}

/** What usually comes next after each command. */
export function followupsFor(command: string | undefined): FollowupSuggestion[] {
  switch (command) {
    case 'explain':
      return [
        { label: 'Write tests for this code', command: 'tests', prompt: '' },
        { label: 'Add documentation comments', command: 'doc', prompt: '' },
      ];
    case 'fix':
      return [{ label: 'Write tests for the fixed code', command: 'tests', prompt: '' }];
    case 'tests':
      return [{ label: 'Which edge cases are still untested?', prompt: 'Which edge cases do these tests still miss?' }];
    case 'doc':
      return [{ label: 'Explain this code', command: 'explain', prompt: '' }];
    default:
      return [{ label: 'Explain the selected code', command: 'explain', prompt: '' }];
  }
}

/**
 * The fence that closes a code block the answer left open (cut by max_tokens, or stopped), so
 * the figures line after it is not rendered as code. Empty when every block is closed.
 */
export function closingFence(markdown: string): string {
  let open: string | undefined;
  for (const line of markdown.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (!m) continue;
    const fence = m[1]!;
    if (open === undefined) open = fence;
    else if (fence[0] === open[0] && fence.length >= open.length && m[2]!.trim() === '') open = undefined;
  }
  return open === undefined ? '' : `${markdown.endsWith('\n') ? '' : '\n'}${open}`;
}

/** The chat panel's figures line as a markdown paragraph; `$` escaped so it never starts math. */
export function figuresMarkdown(line: string): string {
  return `\n\n---\n\n*${line.replace(/[\\`*_$[\]]/g, (c) => `\\${c}`)}*`;
}

export const NO_CODE_MESSAGE =
  'Select some code in the editor, or reference a file with `#file`, then run the command again.';
