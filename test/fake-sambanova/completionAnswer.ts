// What the fake model answers to a code-completion prompt whose file it knows (sourceIndex.ts):
// the file's true continuation from the cursor, cut to the scenario's line limit and the request's
// stop sequences, shaped like the few-shot answers of a chat prompt (tags / fences), optionally
// with the artefacts real models add (fences, chatter, a repeated line, the suffix again).
// Fallible mode (`wrong`, `messy`): a seeded share of answers is plausible but wrong (another
// identifier, another next statement, a block cut short) and another share carries one artefact.
// Which answers are wrong depends only on the seed, the file and the cursor, so every client
// asking at the same place gets the same answer whatever the order of requests.
import { hashString } from './content';
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
  /** Percent of answers that are plausible but wrong (0 = none). */
  wrong?: number;
  /** Percent of answers that get one artefact drawn from artefactNames, besides `artefacts`. */
  messy?: number;
  /** Seed of those draws. */
  seed?: number;
}

export type WrongKind = 'identifier' | 'statement' | 'truncated';

export interface CompletionAnswer {
  text: string;
  located: Located;
  /** The true continuation before wrapping and artefacts (what a perfect client shows). */
  truth: string;
  /** Set when the fallible mode made this answer wrong. */
  wrong?: WrongKind;
}

/** A number in [0, 100) fixed by the seed, the place and what is drawn. */
function draw(seed: number, located: Located, what: string): number {
  return (hashString(`${seed}:${what}:${located.path}:${located.cursor}`) >>> 0) % 100;
}

const KEYWORDS = new Set(
  'and as async await break case catch class const continue def del elif else except export false finally for from function if import in is let new none not null of or pass raise return self this throw true try type typeof var while with yield'.split(' '),
);

/**
 * The truth made plausible but wrong, or undefined when it has nothing to change. `identifier`:
 * a name in it replaced by another name of the file; `statement`: another line of the file at the
 * same depth instead; `truncated`: a block with its middle dropped (first line and last kept).
 */
export function makeWrong(truth: string, source: string, cursor: number, kind: WrongKind, pick: number): string | undefined {
  const lines = truth.split('\n');
  if (kind === 'truncated' && lines.filter((l) => l.trim() !== '').length >= 3) {
    return [lines[0], lines[lines.length - 1]].join('\n');
  }
  const linePrefix = source.slice(source.lastIndexOf('\n', cursor - 1) + 1, cursor);
  if ((kind === 'statement' || kind === 'truncated') && linePrefix.trim() === '' && lines[0]!.trim() !== '') {
    // At the start of a line: another statement of the file at the same depth.
    const candidates = [...new Set(source.split('\n'))].filter(
      (l) => l.startsWith(linePrefix) && /^\S/.test(l.slice(linePrefix.length)) && l.trim().length > 3 && !truth.includes(l.trim()),
    );
    if (candidates.length > 0) return candidates[pick % candidates.length]!.slice(linePrefix.length);
  }
  const names = [...truth.matchAll(/[A-Za-z_][A-Za-z0-9_]{2,}/g)].filter((m) => !KEYWORDS.has(m[0].toLowerCase()));
  if (names.length === 0) return undefined;
  const target = names[pick % names.length]!;
  const others = [...new Set(source.match(/[A-Za-z_][A-Za-z0-9_]{2,}/g) ?? [])].filter((n) => n !== target[0] && !KEYWORDS.has(n.toLowerCase()));
  const replacement = others.length > 0 ? others[pick % others.length]! : `${target[0]}2`;
  return truth.slice(0, target.index) + replacement + truth.slice(target.index! + target[0].length);
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
  const seed = options.seed ?? 0;
  let wrong: WrongKind | undefined;
  if ((options.wrong ?? 0) > 0 && truth.trim() !== '' && draw(seed, located, 'wrong') < options.wrong!) {
    const kinds: WrongKind[] = ['identifier', 'statement', 'truncated'];
    const kind = kinds[draw(seed, located, 'kind') % kinds.length]!;
    const changed = makeWrong(truth, source, cursor, kind, draw(seed, located, 'pick'));
    if (changed !== undefined && changed !== truth) {
      body = changed;
      wrong = kind;
    }
  }
  const artefacts = [...options.artefacts];
  if ((options.messy ?? 0) > 0 && draw(seed, located, 'messy') < options.messy!) {
    artefacts.push(artefactNames[draw(seed, located, 'artefact') % artefactNames.length]!);
  }
  const has = (a: Artefact) => artefacts.includes(a);
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
  return { text: applyStop(body, input.stop), located, truth, wrong };
}
