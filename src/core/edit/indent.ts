// Matching an answer's indentation to where it goes: the answer's base indent becomes the
// range's, and its indent unit (2 spaces, 4 spaces, tabs) becomes the file's.
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

/** Levels are counted in this many columns when the answer indents with tabs. */
const TAB_WIDTH = 4;

function width(ws: string, tabWidth: number): number {
  let w = 0;
  for (const ch of ws) w += ch === '\t' ? tabWidth : 1;
  return w;
}

/** The indent unit an answer uses: tabs, or the most common step between indented lines. */
export function detectIndentUnit(lines: readonly string[]): { tabs: boolean; size: number } {
  const indents = lines.filter((l) => l.trim() !== '').map(leadingWhitespace);
  if (indents.some((i) => i.startsWith('\t'))) return { tabs: true, size: TAB_WIDTH };
  const votes = new Map<number, number>();
  let previous = 0;
  for (const i of indents) {
    const step = i.length - previous;
    if (step > 0 && step <= 8) votes.set(step, (votes.get(step) ?? 0) + 1);
    previous = i.length;
  }
  let best = 0;
  let bestVotes = 0;
  for (const [step, n] of votes) if (n > bestVotes || (n === bestVotes && step < best)) [best, bestVotes] = [step, n];
  return { tabs: false, size: best || TAB_WIDTH };
}

/** Rewrites each line's indent from the answer's base and unit to the target's. */
export class Reindenter {
  private readonly unitWidth: number;
  private readonly tabWidth: number;

  constructor(
    private readonly target: IndentTarget,
    /** The answer's smallest indent, in columns. */
    private readonly baseWidth: number,
    answerUnit: { tabs: boolean; size: number },
  ) {
    this.tabWidth = answerUnit.tabs ? TAB_WIDTH : answerUnit.size;
    this.unitWidth = answerUnit.size;
  }

  static forLines(lines: readonly string[], target: IndentTarget): Reindenter {
    const unit = detectIndentUnit(lines);
    const tabWidth = unit.tabs ? TAB_WIDTH : unit.size;
    const widths = lines.filter((l) => l.trim() !== '').map((l) => width(leadingWhitespace(l), tabWidth));
    return new Reindenter(target, widths.length ? Math.min(...widths) : 0, unit);
  }

  line(text: string, index: number): string {
    if (text.trim() === '') return '';
    const ws = leadingWhitespace(text);
    const rel = Math.max(0, width(ws, this.tabWidth) - this.baseWidth);
    const levels = Math.floor(rel / this.unitWidth);
    const rest = rel % this.unitWidth;
    const { style } = this.target;
    const unit = style.insertSpaces ? ' '.repeat(style.tabSize) : '\t';
    const base = index === 0 && !this.target.indentFirstLine ? '' : this.target.baseIndent;
    return base + unit.repeat(levels) + ' '.repeat(rest) + text.slice(ws.length);
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
