// Some models (DeepSeek-R1, Qwen3...) stream their reasoning inline as "<think>...</think>" at the
// start of the answer. The host may already separate it; if it does not, this keeps the reasoning
// out of the answer. Tags split across chunks are handled by holding back a possible tag prefix.

const openTag = '<think>';
const closeTag = '</think>';

export interface ThinkSplit {
  answer: string;
  reasoning: string;
}

export class ThinkTagSplitter {
  private phase: 'start' | 'thinking' | 'answer' = 'start';
  private held = '';
  /** Blank lines right after "</think>" are dropped, even when they come in later chunks. */
  private trimAnswerStart = false;

  push(chunk: string): ThinkSplit {
    if (this.phase === 'answer') return { answer: this.answerText(chunk), reasoning: '' };
    const text = this.held + chunk;
    this.held = '';
    if (this.phase === 'start') {
      const trimmed = text.trimStart();
      if (trimmed.length < openTag.length && openTag.startsWith(trimmed)) {
        this.held = text;
        return { answer: '', reasoning: '' };
      }
      if (!trimmed.startsWith(openTag)) {
        this.phase = 'answer';
        return { answer: text, reasoning: '' };
      }
      this.phase = 'thinking';
      return this.thinking(trimmed.slice(openTag.length));
    }
    return this.thinking(text);
  }

  /** The stream ended: release anything held back. */
  end(): ThinkSplit {
    const held = this.held;
    this.held = '';
    if (this.phase === 'thinking') return { answer: '', reasoning: held };
    return { answer: held, reasoning: '' };
  }

  private answerText(text: string): string {
    if (!this.trimAnswerStart) return text;
    const trimmed = text.replace(/^\s+/, '');
    if (trimmed !== '') this.trimAnswerStart = false;
    return trimmed;
  }

  private thinking(text: string): ThinkSplit {
    const close = text.indexOf(closeTag);
    if (close !== -1) {
      this.phase = 'answer';
      this.trimAnswerStart = true;
      return { reasoning: text.slice(0, close), answer: this.answerText(text.slice(close + closeTag.length)) };
    }
    // Hold back a tail that could be the start of "</think>".
    for (let keep = Math.min(closeTag.length - 1, text.length); keep > 0; keep--) {
      if (closeTag.startsWith(text.slice(text.length - keep))) {
        this.held = text.slice(text.length - keep);
        return { reasoning: text.slice(0, text.length - keep), answer: '' };
      }
    }
    return { reasoning: text, answer: '' };
  }
}
