// The one place that decides what part of a model's answer text is thinking. The stream assembler
// runs every chat answer through it, so the chat, the editor commands, the language-model
// provider and @sambanova receive text and reasoning already separated and strip nothing again.
// (Inline completion's raw /v1/completions prompts carry their own template and are not split
// here: implicit thinking is off for them; a tagged block at the start is still split.)
//
// Thinking is only what the model emits as reasoning:
// - a separate field (`delta.reasoning` / `reasoning_content`; not handled here, the stream
//   assembler forwards it as reasoning, and then content never starts in implicit thinking);
// - a `<think>` block at the very start of the content (leading whitespace allowed);
// - for models known to start thinking without the opening tag (original DeepSeek-R1, QwQ, a
//   template with thinking enabled: see startsWithImplicitThinking), everything up to the first
//   `</think>`.
// A `<think>` or `</think>` anywhere else is text the model wrote (explaining R1 output, an XML
// parser, a quoted log) and passes through untouched. Tags may arrive split across chunks at any
// character: a possible tag prefix is held back until the next chunk decides it.
//
// An implicit-mode block that never closes was, in hindsight, the answer: end() says so and the
// caller reclassifies what it showed as thinking (the stream assembler emits the whole text again
// with `replacesReasoning`, so nothing is shown twice).
// After the block, the blank lines the model writes before its answer are dropped. Once the block
// is over the splitter is a plain pass-through, so long answers pay nothing.

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
          const rest = text.trimStart();
          if (rest.startsWith(OPEN)) {
            this.pending = rest.slice(OPEN.length);
            this.state = 'think';
            continue;
          }
          if (!final && OPEN.startsWith(rest)) return; // maybe a tag still arriving
          if (this.implicit) {
            this.state = 'think';
            continue;
          }
          this.state = 'text';
          this.pending = '';
          this.sink.text(text);
          return;
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
          this.pending = '';
          if (i === text.length) return;
          this.state = 'text';
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

/** Models known to start thinking without the opening tag (see API-NOTES §3, "Reasoning content"). */
export function startsWithImplicitThinking(model: string, chatTemplateKwargs?: Record<string, unknown>): boolean {
  if (chatTemplateKwargs && (chatTemplateKwargs.enable_thinking === true || chatTemplateKwargs.thinking === true)) return true;
  return /(^|[-_/ .])(r1|qwq)([-_/ .]|$)/i.test(model);
}
