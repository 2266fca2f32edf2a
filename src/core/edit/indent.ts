// Matching an answer's indentation to where it goes: the answer's first line lands on the range's
// indent, and its indent unit (2 spaces, 4 spaces, tabs) becomes the file's. Block comments
// (JSDoc, Javadoc, KDoc, C) keep their inner alignment: the single space before each ` * ` is
// alignment under the `/**`, not an indent level.
import { leadingWhitespace } from './text';

export interface IndentStyle {
  insertSpaces: boolean;
  /** Spaces per level when insertSpaces; display width of a tab otherwise. */
  tabSize: number;
}

export interface IndentTarget {
  /** The leading whitespace of the range's first line in the document. */
  baseIndent: string;
  /** The file's indent unit (from the editor's options). */
  style: IndentStyle;
  /** False when the range starts after code on its first line: that line then gets no indent. */
  indentFirstLine: boolean;
}

export interface IndentUnit {
  tabs: boolean;
  size: number;
  /** False when no line steps in or out, so `size` is only a default. */
  known: boolean;
}

/** Levels are counted in this many columns when the answer indents with tabs. */
const TAB_WIDTH = 4;

function width(ws: string, tabWidth: number): number {
  let w = 0;
  for (const ch of ws) w += ch === '\t' ? tabWidth : 1;
  return w;
}

/** A block comment still open after a line: where its opening line was, before and after. */
interface OpenComment {
  /** The opening line's indent in the answer, in columns. */
  width: number;
  /** The opening line's indent as written out. */
  out: string;
}

/**
 * A block comment opens on a line that starts with `/*` and does not close it. Only a line that
 * starts with one counts: `/*` inside a string ('src/**' + '/*.ts') must not turn code into comment.
 */
function opensComment(trimmed: string): boolean {
  return trimmed.startsWith('/*') && !trimmed.includes('*/', 2);
}

/** For each line, whether it is inside a block comment opened on an earlier line. */
function commentInteriors(lines: readonly string[]): boolean[] {
  let open = false;
  return lines.map((line) => {
    const inside = open;
    const trimmed = line.trim();
    if (open) open = !trimmed.includes('*/');
    else if (opensComment(trimmed)) open = true;
    return inside;
  });
}

/**
 * The indent unit an answer uses: tabs, or the most common step in or out between consecutive
 * code lines (blank lines and block-comment interiors do not vote).
 */
export function detectIndentUnit(lines: readonly string[]): IndentUnit {
  const inside = commentInteriors(lines);
  const indents = lines.filter((l, i) => l.trim() !== '' && !inside[i]).map(leadingWhitespace);
  if (indents.some((i) => i.startsWith('\t'))) return { tabs: true, size: TAB_WIDTH, known: true };
  const votes = new Map<number, number>();
  for (let k = 1; k < indents.length; k++) {
    const step = Math.abs(indents[k]!.length - indents[k - 1]!.length);
    if (step > 0 && step <= 8) votes.set(step, (votes.get(step) ?? 0) + 1);
  }
  let best = 0;
  let bestVotes = 0;
  for (const [step, n] of votes) if (n > bestVotes || (n === bestVotes && step < best)) [best, bestVotes] = [step, n];
  return { tabs: false, size: best || TAB_WIDTH, known: best > 0 };
}

/**
 * Rewrites each line's indent from the answer's to the target's. Lines go through `line()` in
 * order (a line may be given again, as when a streamed line grows): what a line does to the
 * comment state is recorded for the line after it.
 */
export class Reindenter {
  private readonly unitWidth: number;
  private readonly tabWidth: number;
  /** openBefore[i]: the block comment open before line i. */
  private readonly openBefore: (OpenComment | undefined)[] = [undefined];

  constructor(
    private readonly target: IndentTarget,
    /** The indent of the answer's first non-blank line, in columns: it lands on the target's base. */
    private readonly baseWidth: number,
    readonly unit: IndentUnit,
  ) {
    this.tabWidth = unit.tabs ? TAB_WIDTH : unit.size;
    this.unitWidth = unit.size;
  }

  /** A Reindenter for `lines` (the whole answer, or its first lines), with their comment state. */
  static forLines(lines: readonly string[], target: IndentTarget): Reindenter {
    const unit = detectIndentUnit(lines);
    const first = lines.find((l) => l.trim() !== '');
    const r = new Reindenter(target, first === undefined ? 0 : width(leadingWhitespace(first), unit.tabs ? TAB_WIDTH : unit.size), unit);
    lines.forEach((l, i) => r.line(l, i));
    return r;
  }

  line(text: string, index: number): string {
    const open = this.openBefore[index];
    const trimmed = text.trim();
    if (trimmed === '') {
      this.openBefore[index + 1] = open;
      return '';
    }
    const ws = leadingWhitespace(text);
    const w = width(ws, this.tabWidth);
    const indent = open && w >= open.width ? open.out + ' '.repeat(w - open.width) : this.codeIndent(w);
    if (open) this.openBefore[index + 1] = trimmed.includes('*/') ? undefined : open;
    else this.openBefore[index + 1] = opensComment(trimmed) ? { width: w, out: indent } : undefined;
    this.openBefore.length = index + 2;
    const skipIndent = index === 0 && !this.target.indentFirstLine;
    return (skipIndent ? '' : indent) + text.slice(ws.length);
  }

  /** A code line's indent: its levels relative to the first line, in the file's unit. */
  private codeIndent(w: number): string {
    const { style, baseIndent } = this.target;
    const unit = style.insertSpaces ? ' '.repeat(style.tabSize) : '\t';
    const rel = w - this.baseWidth;
    if (rel >= 0) return baseIndent + unit.repeat(Math.floor(rel / this.unitWidth)) + ' '.repeat(rel % this.unitWidth);
    // Shallower than the first line (the range began inside a block): whole levels come off the base.
    let out = baseIndent;
    for (let n = Math.ceil(-rel / this.unitWidth); n > 0 && out !== ''; n--) {
      if (out.endsWith('\t')) out = out.slice(0, -1);
      else out = out.slice(0, out.length - Math.min(style.tabSize, out.length - out.replace(/ +$/, '').length));
    }
    return out;
  }
}

export interface ReindentOptions extends IndentTarget {
  /** The document's line break. */
  eol: '\n' | '\r\n';
  /** Whether the replaced text ended with a line break (then so does the replacement). */
  trailingNewline: boolean;
}

/** The final replacement text for `code` (lines joined by \n) going into a range. */
export function reindent(code: string, options: ReindentOptions): string {
  const lines = code.split('\n');
  const r = Reindenter.forLines(lines, options);
  const out = lines.map((l, i) => r.line(l, i)).join(options.eol);
  return options.trailingNewline ? out + options.eol : out;
}
