// Replays a typing trace through one provider in real time, the way VS Code drives an inline
// completion provider: each keystroke cancels the pending call, VS Code waits 50 ms, then asks;
// a non-empty answer becomes the ghost text; typing the characters the ghost text shows keeps it
// on screen (VS Code does that itself) until the provider answers again. What the replay records
// is turned into the bench's figures by summarize().
import type { DocState, Provider, ProviderAnswer } from './providers';
import type { Trace } from './trace';

/** VS Code's own wait before it calls the provider after a change. */
const EDITOR_DEBOUNCE_MS = 50;
export const PAUSE_MS = 300;

export interface CallRecord {
  key: number;
  /** Unix ms (performance.timeOrigin-based, comparable with the stand-in's request log). */
  startedAt: number;
  endedAt: number;
  answer: ProviderAnswer;
}

export interface KeyRecord {
  file: number;
  /** Unix ms when the key was typed. */
  at: number;
  delayMs: number;
  /** Typed while ghost text showed exactly these characters next. */
  along: boolean;
  /** The ghost text stayed on screen through this keystroke (typed along), so nothing had to arrive. */
  carried: boolean;
  /** Ghost text visible at some moment before the next keystroke (and when it first was, Unix ms). */
  shownAt?: number;
  /** The ghost text the user saw last before the next keystroke, and the true rest of the code. */
  ghost?: string;
  truth: string;
}

export interface ReplayResult {
  provider: string;
  bucket: string;
  keys: KeyRecord[];
  calls: CallRecord[];
  startedAt: number;
  endedAt: number;
}

const unixNow = () => performance.timeOrigin + performance.now();

/** The ghost text an item shows at the cursor, if it is an insertion the editor can show there. */
function ghostOf(doc: DocState, item: { insertText: string; start: number; end: number }): string | undefined {
  if (item.start > doc.offset || item.end < doc.offset) return undefined;
  const typed = doc.text.slice(item.start, doc.offset);
  if (!item.insertText.startsWith(typed)) return undefined;
  // What the item replaces after the cursor (an auto-closed bracket) must reappear in it, in
  // order: VS Code then shows the rest as ghost text around it.
  const ghost = item.insertText.slice(typed.length);
  const replacedAfter = doc.text.slice(doc.offset, item.end);
  let at = 0;
  for (const ch of replacedAfter) {
    at = ghost.indexOf(ch, at) + 1;
    if (at === 0) return undefined;
  }
  return ghost;
}

export async function replay(provider: Provider, trace: Trace, keyLimit = trace.keys.length): Promise<ReplayResult> {
  const keys: KeyRecord[] = [];
  const calls: CallRecord[] = [];
  const startedAt = unixNow();
  let doc: DocState | undefined;
  let fileIndex = -1;
  let ghost: string | undefined;
  let current: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  let due = performance.now();

  const show = (text: string | undefined, key: KeyRecord) => {
    ghost = text;
    if (text) {
      key.shownAt ??= unixNow();
      key.ghost = text;
    } else key.ghost = undefined;
  };

  const ask = (keyIndex: number, snapshot: DocState, record: KeyRecord, controller: AbortController) => {
    timer = setTimeout(() => {
      const call: CallRecord = { key: keyIndex, startedAt: unixNow(), endedAt: 0, answer: { items: [], waitMs: 0, cancelled: true } };
      calls.push(call);
      void provider.provide(snapshot, controller.signal).then((answer) => {
        call.endedAt = unixNow();
        call.answer = answer;
        if (controller.signal.aborted || controller !== current) return;
        if (answer.cancelled) return; // VS Code keeps what it showed
        const first = answer.items[0];
        show(first ? ghostOf(snapshot, first) : undefined, record);
      });
    }, EDITOR_DEBOUNCE_MS);
  };

  for (let k = 0; k < Math.min(keyLimit, trace.keys.length); k++) {
    const key = trace.keys[k]!;
    if (key.file !== fileIndex) {
      fileIndex = key.file;
      const file = trace.files[fileIndex]!;
      doc = { file, text: file.source.slice(0, file.start) + file.source.slice(file.end), offset: file.start };
      ghost = undefined;
      // The editor opens the file with the cursor at the hole; a person looks before typing.
      due = performance.now();
    }
    due += key.delayMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

    // The keystroke: cancel what is pending, apply the text, keep the ghost text if typed along.
    clearTimeout(timer);
    current?.abort();
    const along = ghost !== undefined && ghost.startsWith(key.text);
    const file = doc!.file;
    const text = doc!.text.slice(0, doc!.offset) + key.text + doc!.text.slice(doc!.offset);
    doc = { file, text, offset: doc!.offset + key.text.length };
    const typedSoFar = doc.offset - file.start;
    const record: KeyRecord = {
      file: key.file,
      at: unixNow(),
      delayMs: key.delayMs,
      along,
      carried: false,
      truth: file.source.slice(file.start + typedSoFar, file.end),
    };
    keys.push(record);
    show(along ? ghost!.slice(key.text.length) || undefined : undefined, record);
    record.carried = record.ghost !== undefined;
    if (record.ghost === undefined) record.shownAt = undefined;
    current = new AbortController();
    ask(k, doc, record, current);
  }
  // Let the last call finish.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  clearTimeout(timer);
  current?.abort();
  return { provider: provider.name, bucket: provider.bucket, keys, calls, startedAt, endedAt: unixNow() };
}
