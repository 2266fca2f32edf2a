// Answers we already have, and how to reuse them without a new request. An answer is kept
// with the place it was made for (document, offset, the text just before and after). A later
// position is served from it when the user typed along the suggestion (the rest is still
// right), deleted back over what they typed (the answer applies again, with the deleted
// characters put back in front), accepted a word or a line (the same as typing it), or went
// on to the next line of a multi-line answer. Everything else misses and costs a request.

export interface CachedAnswer {
  uri: string;
  /** Cursor offset the answer was made for. */
  offset: number;
  /** The text right before that offset (up to ANCHOR chars), to tell whether it still applies. */
  before: string;
  /** The rest of that line after the cursor, and the next lines (up to AFTER chars). */
  after: string;
  /** The cleaned suggestion, as shown there. */
  completion: string;
  /**
   * The whole answer the suggestion was cut from (at the end of its line or block), when the
   * model wrote more: once the user has gone past the shown part along it (accepted it, pressed
   * Enter), the rest serves the next pauses with no new request.
   */
  whole?: string;
}

export interface ForwardHit {
  /** What to show now. */
  text: string;
  /** 'cache' when the cursor is where the answer was made, 'forward' when it moved along it. */
  kind: 'cache' | 'forward';
  /** Characters the user typed along the answer (negative: deleted back). */
  moved: number;
  /** From the whole answer past the shown part: still to be cut and fitted for this place. */
  continued?: boolean;
}

export const ANCHOR = 256;
export const AFTER = 160;

export function anchorOf(text: string, offset: number): { before: string; after: string } {
  return { before: text.slice(Math.max(0, offset - ANCHOR), offset), after: text.slice(offset, offset + AFTER) };
}

/**
 * The part of a cached answer still ahead of the cursor, or undefined when the answer does not
 * apply. `text`/`offset` describe the document now.
 */
export function forward(entry: CachedAnswer, uri: string, text: string, offset: number): ForwardHit | undefined {
  if (entry.uri !== uri) return undefined;
  const moved = offset - entry.offset;
  const anchorStart = entry.offset - entry.before.length;
  if (anchorStart < 0) return undefined;
  if (moved >= 0) {
    // Cheap checks first: the typed characters, then the anchor.
    const typed = text.slice(entry.offset, offset);
    const along = moved < entry.completion.length && entry.completion.startsWith(typed);
    // Past the shown part, along the rest of the whole answer (a line break typed included: the
    // rest is what the model wrote for the next lines).
    const beyond = !along && entry.whole !== undefined && moved < entry.whole.length && typed.includes('\n') && entry.whole.startsWith(typed);
    if (!along && !beyond) return undefined;
    if (text.slice(anchorStart, entry.offset) !== entry.before) return undefined;
    if (!suffixStillFits(entry.after, text, offset)) return undefined;
    if (beyond) return { text: entry.whole!.slice(moved), kind: 'forward', moved, continued: true };
    return { text: entry.completion.slice(moved), kind: moved === 0 ? 'cache' : 'forward', moved };
  }
  // Backspace over characters before the answer's anchor: only within the anchor's own line.
  const deleted = entry.before.slice(entry.before.length + moved);
  if (deleted.length !== -moved || deleted.includes('\n')) return undefined;
  if (text.slice(anchorStart, offset) !== entry.before.slice(0, entry.before.length + moved)) return undefined;
  if (!suffixStillFits(entry.after, text, offset)) return undefined;
  return { text: deleted + entry.completion, kind: 'forward', moved };
}

/**
 * What follows the cursor must be what followed it when the answer was made, give or take
 * closers the editor inserted automatically in front of it (typing `(` adds `)`) and the line
 * break and indentation Enter put before it (`{|}` + Enter moves the `}` down).
 */
function suffixStillFits(after: string, text: string, offset: number): boolean {
  const now = text.slice(offset, offset + AFTER + 8);
  if (now.startsWith(after) || after.startsWith(now)) return true;
  if (/^\s*\n/.test(now)) {
    const a = after.trimStart();
    const b = now.trimStart();
    if (a !== '' && (b.startsWith(a.slice(0, b.length)) || a.startsWith(b))) return true;
  }
  const m = /^[)\]}>'"`]{1,4}/.exec(now);
  if (!m) return false;
  const rest = now.slice(m[0].length);
  return rest.startsWith(after.slice(0, rest.length)) || after.startsWith(rest);
}

/** Most recent answers, newest first; a few dozen are plenty for one editing session. */
export class CompletionCache {
  private readonly entries: CachedAnswer[] = [];

  constructor(private readonly capacity = 64) {}

  add(entry: CachedAnswer): void {
    const same = this.entries.findIndex((e) => e.uri === entry.uri && e.offset === entry.offset && e.before === entry.before);
    if (same >= 0) this.entries.splice(same, 1);
    this.entries.unshift(entry);
    if (this.entries.length > this.capacity) this.entries.length = this.capacity;
  }

  /** The newest answer that still applies; it moves to the front (least recently used goes first). */
  lookup(uri: string, text: string, offset: number): ForwardHit | undefined {
    for (let i = 0; i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      const hit = forward(entry, uri, text, offset);
      if (hit && hit.text.trim() !== '') {
        if (i > 0) {
          this.entries.splice(i, 1);
          this.entries.unshift(entry);
        }
        return hit;
      }
    }
    return undefined;
  }

  /** Forgets a document's answers (closed, or edited where offsets no longer mean anything). */
  forget(uri: string): void {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i]!.uri === uri) this.entries.splice(i, 1);
  }

  get size(): number {
    return this.entries.length;
  }
}
