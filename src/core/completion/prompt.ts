// Turns the context into a request: a hole-filling chat conversation for instruct models, or a
// raw FIM prompt for code models. The chat answer format is strict (<COMPLETION>…</COMPLETION>,
// stop on the closing tag) so the parser never has to guess where the code is.
import type { ChatMessage } from '../client/types';
import type { PromptContext } from './context';
import type { LineMode } from './lineMode';
import { fimTemplate, type TemplateId } from './templates';

/** Marks the hole in the chat prompt. Servers and fakes can find the cursor by it. */
export const HOLE = '{{FILL_HERE}}';
export const OPEN_TAG = '<COMPLETION>';
export const CLOSE_TAG = '</COMPLETION>';

export interface PromptInput {
  context: PromptContext;
  /** Shown to the model; a path relative to the workspace when the host knows it. */
  fileName: string;
  languageId: string;
  mode: LineMode;
  template: TemplateId;
}

export type BuiltPrompt =
  | { kind: 'chat'; messages: ChatMessage[]; stop: string[] }
  | { kind: 'fim'; prompt: string; stop: string[] };

const SYSTEM = [
  'You are a code completion engine inside a code editor.',
  `The user sends a file with a hole marked ${HOLE} at the cursor.`,
  `Reply with exactly the code that belongs in the hole, between ${OPEN_TAG} and ${CLOSE_TAG}, and nothing else:`,
  'no explanation, no markdown fences, no repeat of the code before or after the hole.',
  'Keep the indentation the file uses. If nothing belongs in the hole, reply with an empty completion.',
].join('\n');

// Two short worked examples teach the format better than more instructions.
const EXAMPLES: { user: string; answer: string }[] = [
  {
    user: `File: math.py (python)\nFill a block of lines.\n<QUERY>\ndef area(radius):\n    ${HOLE}\n\nprint(area(2))\n</QUERY>`,
    answer: `${OPEN_TAG}return 3.14159 * radius * radius${CLOSE_TAG}`,
  },
  {
    user: `File: list.ts (typescript)\nFill one line.\n<QUERY>\nconst names = users.map((u) => ${HOLE});\n</QUERY>`,
    answer: `${OPEN_TAG}u.name${CLOSE_TAG}`,
  },
];

function chatUserMessage(input: PromptInput): string {
  const parts: string[] = [];
  for (const s of input.context.snippets) {
    parts.push(`Related code from ${s.uri}:\n<SNIPPET>\n${s.text}\n</SNIPPET>`);
  }
  parts.push(`File: ${input.fileName} (${input.languageId})`);
  parts.push(input.mode === 'single' ? 'Fill one line (the rest of the current line at most).' : 'Fill a block of lines (stop where the block ends).');
  parts.push(`<QUERY>\n${input.context.prefix}${HOLE}${input.context.suffix}\n</QUERY>`);
  return parts.join('\n');
}

export function buildPrompt(input: PromptInput): BuiltPrompt {
  if (input.template === 'chat') {
    const messages: ChatMessage[] = [{ role: 'system', content: SYSTEM }];
    for (const ex of EXAMPLES) {
      messages.push({ role: 'user', content: ex.user }, { role: 'assistant', content: ex.answer });
    }
    messages.push({ role: 'user', content: chatUserMessage(input) });
    return { kind: 'chat', messages, stop: [CLOSE_TAG] };
  }
  const t = fimTemplate(input.template);
  const header = input.context.snippets.map((s) => `${commentFor(input.languageId)} ${s.uri}\n${s.text}\n`).join('');
  const stop = [...t.stop];
  // One line asked: a newline ends it (the API allows 4 stops; the newline replaces the last sentinel).
  if (input.mode === 'single') stop.splice(3, stop.length - 3, '\n');
  return { kind: 'fim', prompt: t.build(header + input.context.prefix, input.context.suffix), stop };
}

/** A line-comment marker for snippet headers in raw prompts. */
export function commentFor(languageId: string): string {
  switch (languageId) {
    case 'python':
    case 'ruby':
    case 'shellscript':
    case 'perl':
    case 'r':
    case 'yaml':
    case 'toml':
    case 'dockerfile':
    case 'makefile':
    case 'powershell':
      return '#';
    case 'sql':
    case 'lua':
    case 'haskell':
      return '--';
    default:
      return '//';
  }
}
