// Getting the code out of a model's answer. The prompts ask for one fenced block and nothing
// else, but models add prose, several blocks or no fence at all; only code is ever applied.
// Thinking never reaches here: the client's one splitter (core/client/thinkSplitter.ts) sends it
// as reasoning, and the editor commands read only the answer text.

export interface ExtractedCode {
  code: string;
  /** False when the answer had no fence (the whole answer is taken as code). */
  fenced: boolean;
  /** False when the chosen block was never closed (the answer was cut off). */
  complete: boolean;
}

const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;

function isFenceClose(line: string, open: string): boolean {
  const t = line.trim();
  return t.length >= open.length && t[0] === open[0] && /^(`+|~+)$/.test(t);
}

function trimBlankLines(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a]!.trim() === '') a++;
  while (b > a && lines[b - 1]!.trim() === '') b--;
  return lines.slice(a, b);
}

/**
 * The code in a complete answer: the longest fenced block (a model that adds a usage example
 * after the code still has the code as its biggest block); with no fence, the whole answer
 * without surrounding blank lines. Lines are returned joined by \n, without a final newline.
 */
export function extractCode(answer: string): ExtractedCode {
  const lines = answer.replace(/\r\n/g, '\n').split('\n');
  const blocks: { lines: string[]; complete: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i]!);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !isFenceClose(lines[j]!, open[1]!)) body.push(lines[j++]!);
    blocks.push({ lines: body, complete: j < lines.length });
    i = j;
  }
  if (blocks.length === 0) return { code: trimBlankLines(lines).join('\n'), fenced: false, complete: true };
  const size = (b: { lines: string[] }) => b.lines.reduce((n, l) => n + l.length + 1, 0);
  const best = blocks.reduce((a, b) => (size(b) > size(a) ? b : a));
  return { code: best.lines.join('\n'), fenced: true, complete: best.complete };
}

/**
 * Streams the first fenced block of an answer as it arrives, for the live preview. Each push
 * costs only the new text (no re-scan of what came before), so updates stay cheap along a long
 * answer. The final text is still taken with extractCode (which may choose a bigger block).
 */
export class StreamingCodeExtractor {
  private state: 'before' | 'inside' | 'after' = 'before';
  private pending = '';
  private fence = '';
  private readonly done: string[] = [];

  /** Complete code lines so far (without line breaks). Shared array: read, don't modify. */
  get lines(): readonly string[] {
    return this.done;
  }

  /** The code line still being written (only while inside the block). */
  get partial(): string {
    return this.state === 'inside' && !this.couldBeClose(this.pending) ? this.pending : '';
  }

  get inCode(): boolean {
    return this.state === 'inside' || this.state === 'after';
  }

  /** Adds answer text; returns how many complete code lines it produced. */
  push(text: string): number {
    const before = this.done.length;
    this.pending += text;
    let nl = this.pending.indexOf('\n');
    while (nl !== -1) {
      const line = this.pending.slice(0, nl).replace(/\r$/, '');
      this.pending = this.pending.slice(nl + 1);
      this.line(line);
      nl = this.pending.indexOf('\n');
    }
    return this.done.length - before;
  }

  private couldBeClose(text: string): boolean {
    const t = text.trim();
    return t !== '' && /^(`+|~+)$/.test(t) && t[0] === this.fence[0];
  }

  private line(line: string): void {
    switch (this.state) {
      case 'before': {
        const open = FENCE_OPEN.exec(line);
        if (open) {
          this.fence = open[1]!;
          this.state = 'inside';
        }
        return;
      }
      case 'inside':
        if (isFenceClose(line, this.fence)) this.state = 'after';
        else this.done.push(line);
        return;
      default:
        return;
    }
  }
}
