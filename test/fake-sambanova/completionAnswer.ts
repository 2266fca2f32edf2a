// What the fake model answers to a code-completion prompt whose file it knows (sourceIndex.ts):
// the file's true continuation from the cursor, cut to the scenario's line limit and the request's
// stop sequences, shaped like the few-shot answers of a chat prompt (tags / fences), optionally
// with the artefacts real models add (fences, chatter, a repeated line, the suffix again).
import type { Located, SourceIndex } from './sourceIndex';

export type Artefact = 'fence' | 'chatter' | 'repeat' | 'overlap' | 'think';
export const artefactNames: readonly Artefact[] = ['fence', 'chatter', 'repeat', 'overlap', 'think'];

export interface CompletionPromptInput {
  route: 'chat' | 'completion' | 'tabby';
  /** Chat: every message; raw/Tabby: one user "message" holding the prompt. */
  messages: Array<{ role: string; content: string }>;
  stop: string[];
}

export interface CompletionOptions {
  /** At most this many lines of the hole (0 = the whole hole). */
  lines: number;
  artefacts: Artefact[];
  /** Language tag for an added fence. */
  fenceLanguage?: string;
}

export interface CompletionAnswer {
  text: string;
  located: Located;
  /** The true continuation before wrapping and artefacts (what a perfect client shows). */
  truth: string;
}

/**
 * Where the file is: for chat prompts the last user message first (few-shot examples come
 * before it), then every non-assistant message; for raw prompts and Tabby, everything.
 */
function promptTexts(input: CompletionPromptInput): string[] {
  if (input.route !== 'chat') return [input.messages.map((m) => m.content).join('\n')];
  const lastUser = [...input.messages].reverse().find((m) => m.role === 'user');
  const all = input.messages.filter((m) => m.role !== 'assistant').map((m) => m.content).join('\n');
  return lastUser ? [lastUser.content, all] : [all];
}

/** The wrapper the prompt's own few-shot answers use (`<COMPLETION>x</COMPLETION>`, a fence), if any. */
function exampleWrapper(input: CompletionPromptInput): { open: string; close: string } | undefined {
  const example = [...input.messages].reverse().find((m) => m.role === 'assistant')?.content;
  if (example === undefined) return undefined;
  const tag = /^\s*<([A-Za-z_][\w-]*)>/.exec(example);
  if (tag && example.trimEnd().endsWith(`</${tag[1]}>`)) return { open: `<${tag[1]}>`, close: `</${tag[1]}>` };
  const fence = /^\s*(```[\w+-]*\n)/.exec(example);
  if (fence && example.trimEnd().endsWith('```')) return { open: fence[1]!, close: '\n```' };
  return undefined;
}

function cutLines(text: string, lines: number): string {
  if (lines <= 0) return text;
  let at = -1;
  for (let i = 0; i < lines; i++) {
    at = text.indexOf('\n', at + 1);
    if (at === -1) return text;
  }
  return text.slice(0, at);
}

/** Generation stops before the first stop sequence, which the server does not return (SPEC). */
export function applyStop(text: string, stop: string[]): string {
  let end = text.length;
  for (const s of stop) {
    if (!s) continue;
    const at = text.indexOf(s);
    if (at !== -1 && at < end) end = at;
  }
  return text.slice(0, end);
}

export function answerCompletion(index: SourceIndex, input: CompletionPromptInput, options: CompletionOptions): CompletionAnswer | undefined {
  let located: Located | undefined;
  for (const text of promptTexts(input)) {
    located = index.locate(text);
    if (located) break;
  }
  if (!located) return undefined;
  const { source, cursor, holeEnd } = located;
  const truth = cutLines(source.slice(cursor, holeEnd), options.lines);
  let body = truth;
  const has = (a: Artefact) => options.artefacts.includes(a);
  if (has('repeat')) {
    // The model writes the whole current line again instead of only its rest.
    const lineStart = source.lastIndexOf('\n', cursor - 1) + 1;
    body = source.slice(lineStart, cursor) + body;
  }
  if (has('overlap')) {
    // It runs on into the code after the hole: the closing brackets the editor already has, or
    // (a hole of whole lines) the line after it.
    const rest = source.slice(holeEnd);
    const newline = rest.indexOf('\n');
    const next = newline === -1 ? rest : rest.slice(0, newline);
    const wholeLines = holeEnd > 0 && source[holeEnd - 1] === '\n';
    body += wholeLines && !body.endsWith('\n') ? `\n${next}` : next;
  }
  if (has('fence')) body = `\`\`\`${options.fenceLanguage ?? ''}\n${body}\n\`\`\``;
  const wrapper = input.route === 'chat' ? exampleWrapper(input) : undefined;
  if (wrapper && !(has('fence') && wrapper.open.startsWith('```'))) body = `${wrapper.open}${body}${wrapper.close}`;
  if (has('chatter')) body = `Here is the missing code:\n${body}`;
  if (has('think')) body = `<think>\nThe cursor is inside the function; complete it.\n</think>\n${body}`;
  return { text: applyStop(body, input.stop), located, truth };
}
