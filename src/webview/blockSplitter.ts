// Splits streaming markdown into top-level blocks as it arrives, so that a finished block is
// rendered once and frozen and only the last, still-open block is re-rendered. Only whole lines
// are examined, each exactly once: the cost of a chunk is proportional to the chunk, not to the
// message. Boundaries are conservative: when in doubt two blocks stay one (a block that is too
// big only costs speed; a wrong split would change how the markdown renders).

interface OpenFence {
  char: '`' | '~';
  length: number;
  /** False for a fence indented inside a list item: it belongs to the list's block. */
  topLevel: boolean;
  /** Offset of the first content line (just after the opening line). */
  contentStart: number;
  language: string;
}

/** The still-open block, as the renderer should show it. */
export type OpenBlock =
  | { kind: 'markdown'; start: number; text: string }
  /** An unclosed top-level code fence: shown as plain text until it closes. */
  | { kind: 'fence'; start: number; language: string; code: string };

const fenceOpenPattern = /^( {0,3})(`{3,}|~{3,})([^`]*)$/;
const fenceClosePattern = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const listItemPattern = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
const headingPattern = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const blankPattern = /^[ \t]*$/;
/** A last, unfinished line that may yet become a closing fence: kept out of the open code view. */
const partialClosePattern = /^ {0,3}(?:`+|~+)[ \t]*$/;

export class MarkdownBlockSplitter {
  /**
   * Only the open block's text is kept here; completed blocks move to `done`. Appending to one
   * ever-growing string would make each indexOf flatten the whole message (quadratic).
   */
  private text = '';
  private readonly done: string[] = [];
  /** Offset of the open block in the whole message. */
  private base = 0;
  /** Start of the open block within `text` (0 except transiently while cutting). */
  private blockStart = 0;
  /** Start of the first line not examined yet (it has no newline so far), within `text`. */
  private scanFrom = 0;
  private blockHasContent = false;
  private blockIsList = false;
  private blankSeen = false;
  private fence: OpenFence | null = null;

  get fullText(): string {
    return this.done.join('') + this.text;
  }

  /** Adds streamed text; returns the blocks it completed, in order. */
  append(chunk: string): string[] {
    this.text += chunk;
    const done: string[] = [];
    let newline = this.text.indexOf('\n', this.scanFrom);
    while (newline !== -1) {
      const lineStart = this.scanFrom;
      const lineEnd = newline + 1;
      const line = this.text.slice(lineStart, newline).replace(/\r$/, '');
      this.scanFrom = lineEnd;
      this.examineLine(line, lineStart, lineEnd, done);
      newline = this.text.indexOf('\n', this.scanFrom);
    }
    this.compact();
    return done;
  }

  /** The open block (possibly empty text). */
  openBlock(): OpenBlock {
    const fence = this.fence;
    if (fence && fence.topLevel) {
      let code = this.text.slice(fence.contentStart);
      const lastLineStart = code.lastIndexOf('\n') + 1;
      if (partialClosePattern.test(code.slice(lastLineStart))) code = code.slice(0, lastLineStart);
      return { kind: 'fence', start: this.base, language: fence.language, code };
    }
    return { kind: 'markdown', start: this.base, text: this.text };
  }

  /** The stream ended: whatever is open is final. */
  finish(): string {
    const rest = this.text;
    this.done.push(rest);
    this.base += rest.length;
    this.text = '';
    this.blockStart = 0;
    this.scanFrom = 0;
    this.fence = null;
    this.blockHasContent = false;
    this.blockIsList = false;
    this.blankSeen = false;
    return rest;
  }

  private cut(at: number, done: string[]): void {
    if (at > this.blockStart) {
      const block = this.text.slice(this.blockStart, at);
      done.push(block);
      this.done.push(block);
    }
    this.blockStart = at;
    this.blockHasContent = false;
    this.blockIsList = false;
    this.blankSeen = false;
  }

  /** Drops the completed blocks' text so offsets stay relative to the open block. */
  private compact(): void {
    if (this.blockStart === 0) return;
    const shift = this.blockStart;
    this.text = this.text.slice(shift);
    this.base += shift;
    this.scanFrom -= shift;
    if (this.fence) this.fence.contentStart -= shift;
    this.blockStart = 0;
  }

  private examineLine(line: string, lineStart: number, lineEnd: number, done: string[]): void {
    const fence = this.fence;
    if (fence) {
      const close = fenceClosePattern.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) {
        this.fence = null;
        if (fence.topLevel) this.cut(lineEnd, done);
      }
      return;
    }
    if (blankPattern.test(line)) {
      if (this.blockHasContent) this.blankSeen = true;
      return;
    }
    if (this.blankSeen) {
      // After a blank line an indented line (or, in a list, the next item) continues the block.
      const continues = /^[ \t]/.test(line) || (this.blockIsList && listItemPattern.test(line));
      if (!continues) this.cut(lineStart, done);
      this.blankSeen = false;
    }
    const open = fenceOpenPattern.exec(line);
    if (open) {
      const indent = open[1]!.length;
      const topLevel = indent === 0 || !this.blockIsList || !this.blockHasContent;
      if (topLevel) this.cut(lineStart, done);
      const marks = open[2]!;
      this.fence = {
        char: marks[0] as '`' | '~',
        length: marks.length,
        topLevel,
        contentStart: lineEnd,
        language: (open[3] ?? '').trim().split(/\s+/)[0] ?? '',
      };
      this.blockHasContent = true;
      return;
    }
    if (headingPattern.test(line) && (!this.blockIsList || line[0] === '#')) {
      this.cut(lineStart, done);
      this.cut(lineEnd, done);
      return;
    }
    if (!this.blockHasContent) this.blockIsList = listItemPattern.test(line);
    this.blockHasContent = true;
  }
}
