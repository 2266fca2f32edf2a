// Replays a typing trace through one provider in real time, the way VS Code drives an inline
// completion provider, with VS Code's editing rules applied to every key (editorModel.ts) and a
// person (typist.ts) who types the intended file, accepts a suggestion with Tab when it is what
// they were about to type and has been on screen long enough to read, and types past a wrong one.
// Each edit cancels the pending call; VS Code waits 50 ms, then asks; a non-empty answer becomes
// the ghost text; typing the characters the ghost text shows keeps it on screen (VS Code does
// that itself) until the provider answers again. A cursor move (stepping over a closer) hides it
// and asks nothing. What the replay records is turned into the bench's figures by summarize().
import type { DocState, Provider, ProviderAnswer } from './providers';
import type { Trace } from './trace';
import { Typist, type Suggestion, type TypistAction } from './typist';

/** VS Code's own wait before it calls the provider after a change. */
const EDITOR_DEBOUNCE_MS = 50;
/** A gap before a key longer than this is a pause (a chance for ghost text to be read). */
export const PAUSE_MS = 300;
/** How long ghost text must have been on screen before the person takes it. */
export const READ_MS = 250;
/** Keys the person presses that are not the text itself (Delete, an arrow) come this fast. */
const FIX_KEY_MS = 110;

export interface CallRecord {
  action: number;
  /** Unix ms (performance.timeOrigin-based, comparable with the stand-in's request log). */
  startedAt: number;
  endedAt: number;
  answer: ProviderAnswer;
}

export interface ActionRecord {
  file: number;
  kind: TypistAction['kind'];
  keys: number;
  /** Unix ms when the key was pressed. */
  at: number;
  /** The wait before it. */
  delayMs: number;
  /** Typed while ghost text showed exactly these characters next. */
  along: boolean;
  /** The ghost text stayed on screen through this key (typed along). */
  carried: boolean;
  /** After this key the cursor was at the end of its line (only closers or nothing after it). */
  lineEnd: boolean;
  /** Ghost text visible at some moment before the next key (and when it first was, Unix ms). */
  shownAt?: number;
  /** The ghost text on screen when the next key came, and whether it was what the person meant to type. */
  ghost?: string;
  right?: boolean;
  /** Characters a Tab accepted (kind 'accept'). */
  accepted?: number;
}

export interface FileResult {
  path: string;
  identical: boolean;
  acceptedChars: number;
  /** Accepted characters still in the file at the end: all of them, minus what the file has that the intended text does not. */
  keptChars: number;
  /** The end of the replayed file where it differs from the intended text. */
  difference?: string;
}

export interface ReplayResult {
  provider: string;
  bucket: string;
  actions: ActionRecord[];
  calls: CallRecord[];
  files: FileResult[];
  startedAt: number;
  endedAt: number;
}

const unixNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Ghost {
  item: Suggestion;
  /** What the editor shows after the cursor. */
  text: string;
  since: number;
}

/** The ghost text an item shows at the cursor, if it is an insertion the editor can show there. */
export function ghostOf(text: string, offset: number, item: Suggestion): string | undefined {
  if (item.start > offset || item.end < offset) return undefined;
  const typed = text.slice(item.start, offset);
  if (!item.insertText.startsWith(typed)) return undefined;
  // What the item replaces after the cursor (an auto-closed bracket) must reappear in it, in
  // order: VS Code then shows the rest as ghost text around it.
  const ghost = item.insertText.slice(typed.length);
  // VS Code 1.139 shows nothing for a suggestion ending in a line break on an empty line with
  // nothing after it in the file (seen in the e2e typing specs: right answers never shown).
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (/\n[ \t]*$/.test(ghost) && text.slice(lineStart, offset) === '' && text.slice(offset).trim() === '') return undefined;
  const replacedAfter = text.slice(offset, item.end);
  let at = 0;
  for (const ch of replacedAfter) {
    at = ghost.indexOf(ch, at) + 1;
    if (at === 0) return undefined;
  }
  return ghost === '' ? undefined : ghost;
}

function lineEndAt(text: string, offset: number): boolean {
  const nl = text.indexOf('\n', offset);
  return /^[\s)\]}'"`;,]*$/.test(text.slice(offset, nl < 0 ? text.length : nl));
}

/** Characters the file has that the intended text does not (between their common start and end). */
function strayChars(actual: string, intended: string): number {
  let head = 0;
  while (head < actual.length && head < intended.length && actual[head] === intended[head]) head++;
  let tail = 0;
  while (tail < actual.length - head && tail < intended.length - head && actual[actual.length - 1 - tail] === intended[intended.length - 1 - tail]) tail++;
  return actual.length - head - tail;
}

export async function replay(provider: Provider, trace: Trace): Promise<ReplayResult> {
  const actions: ActionRecord[] = [];
  const calls: CallRecord[] = [];
  const files: FileResult[] = [];
  const startedAt = unixNow();
  let current: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;

  for (let f = 0; f < trace.files.length; f++) {
    const file = trace.files[f]!;
    const typist = new Typist(file.source, file.start, file.end, file.languageId, file.indentUnit);
    const doc = (): DocState => ({ file, text: typist.editor.text, offset: typist.editor.cursor });
    let ghost: Ghost | undefined;
    let acceptedChars = 0;
    // The editor opens the file with the cursor at the hole; a person looks before typing.
    let due = performance.now();
    let lastP = -1;
    let previous: ActionRecord | undefined;

    const show = (item: Suggestion | undefined, snapshot: DocState, record: ActionRecord) => {
      const text = item ? ghostOf(snapshot.text, snapshot.offset, item) : undefined;
      ghost = text && item ? { item, text, since: performance.now() } : undefined;
      if (text) record.shownAt ??= unixNow();
    };

    const ask = (index: number, snapshot: DocState, record: ActionRecord, controller: AbortController) => {
      timer = setTimeout(() => {
        const call: CallRecord = { action: index, startedAt: unixNow(), endedAt: 0, answer: { items: [], waitMs: 0, cancelled: true } };
        calls.push(call);
        void provider.provide(snapshot, controller.signal).then((answer) => {
          call.endedAt = unixNow();
          call.answer = answer;
          if (controller.signal.aborted || controller !== current) return;
          if (answer.cancelled) return; // VS Code keeps what it showed
          show(answer.items[0], snapshot, record);
        });
      }, EDITOR_DEBOUNCE_MS);
    };

    while (!typist.done) {
      const delay = lastP === -1 ? 800 : typist.p === lastP ? FIX_KEY_MS : (file.delays[typist.p - file.start] ?? FIX_KEY_MS);
      due += delay;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      lastP = typist.p;

      // What the person sees as the key comes: take it with Tab, or type on.
      if (previous) {
        previous.ghost = ghost?.text;
        previous.right = ghost ? typist.readsRight(ghost.item) : undefined;
      }
      const before = typist.editor.text;
      const cursorBefore = typist.editor.cursor;
      let action: TypistAction;
      const take = ghost !== undefined && previous?.right === true && performance.now() - ghost.since >= READ_MS;
      if (take) {
        acceptedChars += ghost!.item.insertText.length - (cursorBefore - ghost!.item.start);
        action = typist.accept(ghost!.item);
      } else action = typist.step();

      clearTimeout(timer);
      current?.abort();
      current = undefined;
      const typed = typist.editor.text.slice(cursorBefore, typist.editor.cursor);
      const along = action.kind === 'char' && ghost !== undefined && typed !== '' && ghost.text.startsWith(typed);
      const record: ActionRecord = {
        file: f,
        kind: action.kind,
        keys: action.keys,
        at: unixNow(),
        delayMs: delay,
        along,
        carried: false,
        lineEnd: lineEndAt(typist.editor.text, typist.editor.cursor),
        accepted: take ? typist.editor.cursor - cursorBefore : undefined,
      };
      actions.push(record);
      if (along && ghost) {
        // VS Code keeps ghost text the person types along; the item's range moves with the text.
        const delta = typist.editor.text.length - before.length;
        const item = { ...ghost.item, end: ghost.item.end + delta };
        const text = ghostOf(typist.editor.text, typist.editor.cursor, item);
        ghost = text ? { item, text, since: ghost.since } : undefined;
        if (ghost) record.shownAt = unixNow();
      } else ghost = undefined;
      record.carried = ghost !== undefined;
      if (action.edited) {
        current = new AbortController();
        ask(actions.length - 1, doc(), record, current);
      }
      previous = record;
    }
    // Let the last call finish before the next file opens.
    await sleep(600);
    clearTimeout(timer);
    current?.abort();
    current = undefined;
    if (previous) {
      previous.ghost = ghost?.text;
      previous.right = ghost ? typist.readsRight(ghost.item) : undefined;
    }
    typist.finish();
    const text = typist.editor.text;
    const identical = text === file.source;
    const stray = identical ? 0 : strayChars(text, file.source);
    files.push({
      path: file.path,
      identical,
      acceptedChars,
      keptChars: Math.max(0, acceptedChars - stray),
      difference: identical ? undefined : firstDifference(text, file.source),
    });
  }
  return { provider: provider.name, bucket: provider.bucket, actions, calls, files, startedAt, endedAt: unixNow() };
}

function firstDifference(actual: string, intended: string): string {
  let i = 0;
  while (i < actual.length && actual[i] === intended[i]) i++;
  const from = actual.lastIndexOf('\n', i - 1) + 1;
  return JSON.stringify(actual.slice(from, from + 120));
}
