// R1-style models put their thinking inside <think>…</think> in the answer text. The chat shows
// thinking in its own collapsible section, so this separates the two as the text streams in,
// including tags split across chunks. Some R1 builds omit the opening tag: when a closing tag
// arrives with no opening one, everything so far was thinking (`moveTextToReasoning`).
export type SplitPiece =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'moveTextToReasoning' };

const OPEN = '<think>';
const CLOSE = '</think>';

export class ThinkSplitter {
  private inThink = false;
  private sawOpen = false;
  private sawClose = false;
  private pending = '';

  push(chunk: string): SplitPiece[] {
    const out: SplitPiece[] = [];
    let buf = this.pending + chunk;
    this.pending = '';
    while (buf.length > 0) {
      const tag = this.inThink ? CLOSE : OPEN;
      const at = buf.indexOf(tag);
      const closeAt = !this.inThink && !this.sawOpen && !this.sawClose ? buf.indexOf(CLOSE) : -1;
      if (closeAt !== -1 && (at === -1 || closeAt < at)) {
        // A closing tag with no opening one: what came before was thinking.
        if (closeAt > 0) emit(out, 'text', buf.slice(0, closeAt));
        out.push({ type: 'moveTextToReasoning' });
        this.sawClose = true;
        buf = buf.slice(closeAt + CLOSE.length);
        continue;
      }
      if (at === -1) {
        // Hold back a suffix that could be the start of the tag.
        const keep = partialTagSuffix(buf, tag);
        emit(out, this.inThink ? 'reasoning' : 'text', buf.slice(0, buf.length - keep));
        this.pending = buf.slice(buf.length - keep);
        break;
      }
      emit(out, this.inThink ? 'reasoning' : 'text', buf.slice(0, at));
      buf = buf.slice(at + tag.length);
      if (this.inThink) this.sawClose = true;
      else this.sawOpen = true;
      this.inThink = !this.inThink;
    }
    return out;
  }

  /** The stream ended: release anything held back. */
  flush(): SplitPiece[] {
    const out: SplitPiece[] = [];
    emit(out, this.inThink ? 'reasoning' : 'text', this.pending);
    this.pending = '';
    return out;
  }
}

function emit(out: SplitPiece[], type: 'text' | 'reasoning', text: string): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last && last.type === type) last.text += text;
  else out.push({ type, text });
}

function partialTagSuffix(buf: string, tag: string): number {
  const candidates = [tag, CLOSE];
  let best = 0;
  for (const t of candidates) {
    for (let n = Math.min(t.length - 1, buf.length); n > best; n--) {
      if (buf.endsWith(t.slice(0, n))) {
        best = n;
        break;
      }
    }
  }
  return best;
}
