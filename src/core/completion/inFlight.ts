// The one request on its way: what it was asked for, what has streamed so far, and whether that
// can still serve the document after the user typed on (then the engine waits for it instead of
// asking again), plus the wait for it that the caller may abandon.
import { extractTagged, stripThinking } from './answerWrappers';
import type { CompletionDocument } from './completionDocument';
import { OPEN_TAG } from './prompt';

/** Where a request was sent and what it has answered so far. */
export interface InFlight {
  uri: string;
  offset: number;
  before: string;
  raw: string;
  linePrefix: string;
  done: Promise<void>;
  controller: AbortController;
  startedAt: number;
  serverMs?: number;
  endedAt?: number;
}

/** Whether the answer being streamed can still serve a document that moved on since the request. */
export function stillUseful(flying: InFlight, doc: CompletionDocument): boolean {
  if (flying.uri !== doc.uri || doc.offset < flying.offset) return false;
  if (doc.text.slice(flying.offset - flying.before.length, flying.offset) !== flying.before) return false;
  const typed = doc.text.slice(flying.offset, doc.offset);
  if (typed === '') return true;
  let partial = extractTagged(stripThinking(flying.raw));
  // Still inside "<COMPLETION>" or nothing yet: no evidence against it.
  if (OPEN_TAG.startsWith(flying.raw.trimStart()) || partial === '') return true;
  if (flying.linePrefix.trim() === '') partial = partial.replace(/^\n+/, '');
  const a = flying.linePrefix.trim() === '' ? partial.trimStart() : partial;
  const b = flying.linePrefix.trim() === '' ? typed.trimStart() : typed;
  return a.startsWith(b) || b.startsWith(a);
}

/** Resolves true when the promise settles, false when the signal aborts first. */
export function raceAbort(promise: Promise<void>, signal: AbortSignal | undefined): Promise<boolean> {
  if (!signal) return promise.then(() => true);
  if (signal.aborted) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    const onAbort = () => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    });
  });
}
