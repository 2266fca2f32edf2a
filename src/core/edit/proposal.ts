// A proposal being streamed: the answer's text goes in chunk by chunk, the code comes out
// re-indented for its range, and the preview text (document before the range + code so far +
// document after it) is rebuilt from pieces whose cost does not grow with what came before.
import { extractCode, StreamingCodeExtractor } from './answer';
import { reindent, Reindenter, type ReindentOptions } from './indent';
import { leadingWhitespace } from './text';

export class StreamingProposal {
  private readonly extractor = new StreamingCodeExtractor();
  private reindenter: Reindenter | undefined;
  /** How many complete lines are in `done`. */
  private outLines = 0;
  /** Re-indented complete lines, each followed by the document's line break, appended as they come. */
  private done = '';
  private raw = '';
  private finalCode: string | undefined;

  constructor(
    /** Document text before the range. */
    readonly before: string,
    /** Document text after the range. */
    readonly after: string,
    private readonly indent: ReindentOptions,
  ) {}

  get answer(): string {
    return this.raw;
  }

  /** Feeds answer text. */
  push(text: string): void {
    this.raw += text;
    const added = this.extractor.push(text);
    if (added === 0) return;
    const lines = this.extractor.lines;
    for (let i = this.outLines; i < lines.length; i++) this.done += this.reindentLine(lines, i) + this.indent.eol;
    this.outLines = lines.length;
  }

  /**
   * The answer's base indent and unit are guessed from its first lines (finish() redoes it from
   * all of them). Until a line steps in or out of the first one, the unit is unknown: the guess
   * is made again at each line whose indent differs from the first's.
   */
  private reindentLine(lines: readonly string[], i: number): string {
    if (lines[i]!.trim() === '' && !this.reindenter) return '';
    if (!this.reindenter?.unit.known) {
      const first = lines.find((l) => l.trim() !== '')!;
      if (!this.reindenter || leadingWhitespace(lines[i]!) !== leadingWhitespace(first)) this.reindenter = Reindenter.forLines(lines.slice(0, i + 1), this.indent);
    }
    return this.reindenter.line(lines[i]!, i);
  }

  get streamingCode(): boolean {
    return this.extractor.inCode;
  }

  /** Whether any code has arrived yet (the preview has something new to show). */
  get hasCode(): boolean {
    return this.outLines > 0 || this.extractor.partial !== '';
  }

  /** The replacement as far as it has streamed (complete lines plus the line being written). */
  currentReplacement(): string {
    if (this.finalCode !== undefined) return this.finalCode;
    const partial = this.extractor.partial;
    const last = partial && this.reindenter ? this.reindenter.line(partial, this.outLines) : partial && this.indent.baseIndent + partial.trimStart();
    return this.done + last;
  }

  /** What the preview shows now. */
  previewText(): string {
    return this.before + this.currentReplacement() + this.after;
  }

  /** The final replacement, from the whole answer. Undefined when the answer held no code. */
  finish(): { replacement: string; fenced: boolean; complete: boolean } | undefined {
    const extracted = extractCode(this.raw);
    if (extracted.code.trim() === '') return undefined;
    this.finalCode = reindent(extracted.code, this.indent);
    return { replacement: this.finalCode, fenced: extracted.fenced, complete: extracted.complete };
  }
}
