// Separates `<think>...</think>` reasoning from the answer in streamed content, with tags split
// across chunks at any character.
//
// Strategy (chosen so no text is ever lost and ordinary answers cost nothing):
// - An opening `<think>` counts only at the very start of the content (after whitespace). A
//   `<think>` later in an answer is text the model wrote (e.g. about HTML or prompts) and passes through.
// - "Implicit" mode is for models that begin thinking without the opening tag (original
//   DeepSeek-R1, QwQ, templates with thinking enabled): content is reasoning until `</think>`.
//   If such a stream ends without any `</think>`, the "reasoning" was really the answer; end()
//   reports that so the caller can reclassify it in hindsight.
// - In normal mode a `</think>` without an opening tag is left in the text: we cannot take back
//   text already shown, and the raw tag at least shows what happened.
// - After the block, the separator newlines the model writes are dropped.
// Once the block is over the splitter is a plain pass-through, so long answers pay nothing.

const OPEN = '<think>';
const CLOSE = '</think>';

type State = 'opening' | 'think' | 'afterThink' | 'text';

export interface ThinkSink {
  text(text: string): void;
  reasoning(text: string): void;
}

export class ThinkTagSplitter {
  private state: State = 'opening';
  private pending = '';
  private closed = false;

  constructor(
    private readonly sink: ThinkSink,
    private readonly implicit: boolean,
  ) {}

  push(chunk: string): void {
    if (chunk === '') return;
    if (this.state === 'text') {
      this.sink.text(chunk);
      return;
    }
    this.pending += chunk;
    this.drain(false);
  }

  /**
   * Flushes what is held back. Returns true when implicit-mode reasoning never saw its `</think>`:
   * everything emitted as reasoning was, in hindsight, the answer.
   */
  end(): boolean {
    this.drain(true);
    return this.implicit && !this.closed && this.state === 'think';
  }

  private drain(final: boolean): void {
    for (;;) {
      const text = this.pending;
      if (text === '') return;
      switch (this.state) {
        case 'opening': {
          const lead = text.length - text.trimStart().length;
          const rest = text.slice(lead);
          if (rest.startsWith(OPEN)) {
            this.pending = rest.slice(OPEN.length);
            this.state = 'think';
            continue;
          }
          if (!final && OPEN.startsWith(rest)) return; // maybe a tag still arriving
          this.state = this.implicit ? 'think' : 'text';
          if (this.state === 'text') {
            this.pending = '';
            this.sink.text(text);
            return;
          }
          continue;
        }
        case 'think': {
          const at = text.indexOf(CLOSE);
          if (at >= 0) {
            if (at > 0) this.sink.reasoning(text.slice(0, at));
            this.pending = text.slice(at + CLOSE.length);
            this.closed = true;
            this.state = 'afterThink';
            continue;
          }
          const keep = final ? 0 : partialTagSuffix(text, CLOSE);
          const out = text.slice(0, text.length - keep);
          this.pending = text.slice(text.length - keep);
          if (out !== '') this.sink.reasoning(out);
          return;
        }
        case 'afterThink': {
          let i = 0;
          while (i < text.length && (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13)) i++;
          if (i === text.length) {
            this.pending = '';
            return;
          }
          this.state = 'text';
          this.pending = '';
          this.sink.text(i === 0 ? text : text.slice(i));
          return;
        }
        case 'text':
          this.pending = '';
          this.sink.text(text);
          return;
      }
    }
  }
}

/** Length of the longest end of `text` that is a proper beginning of `tag`. */
function partialTagSuffix(text: string, tag: string): number {
  const max = Math.min(tag.length - 1, text.length);
  for (let n = max; n > 0; n--) {
    if (text.endsWith(tag.slice(0, n))) return n;
  }
  return 0;
}

/** Models known to start thinking without the opening tag. */
export function startsWithImplicitThinking(model: string, chatTemplateKwargs?: Record<string, unknown>): boolean {
  if (chatTemplateKwargs && (chatTemplateKwargs.enable_thinking === true || chatTemplateKwargs.thinking === true)) return true;
  return /(^|[-_/ .])(r1|qwq)([-_/ .]|$)/i.test(model);
}
