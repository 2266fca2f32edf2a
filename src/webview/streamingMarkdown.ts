// Renders one answer's markdown while it streams. Completed blocks are rendered once (with
// highlighting) and never touched again; only the open block is redrawn, at most once per
// flush (the transcript flushes once per animation frame). An open code fence grows by
// appending to a text node, so a long fence costs the size of each delta, not of the fence.
import { MarkdownBlockSplitter } from './blockSplitter';
import { el, iconButton } from './dom';
import { renderMarkdown, type CodeBlock } from './markdown';

/** Raw code behind each rendered code block, for the Copy / Insert / Apply / New file buttons. */
const codeByBlock = new WeakMap<Element, CodeBlock>();

export function codeOfBlock(block: Element): CodeBlock | undefined {
  return codeByBlock.get(block);
}

function codeToolbar(language: string): HTMLElement {
  return el(
    'div',
    { className: 'code-toolbar' },
    el('span', { className: 'code-language' }, language || 'text'),
    iconButton('copy', 'Copy', 'copy-code'),
    iconButton('insert', 'Insert at Cursor', 'insert-code'),
    iconButton('git-compare', 'Apply in Editor (shows a diff first)', 'apply-code'),
    iconButton('new-file', 'Insert into New File', 'new-file'),
  );
}

/** Markdown to frozen DOM, with a toolbar on each code block. */
export function renderBlock(source: string, highlight: boolean): DocumentFragment {
  const { fragment, codes } = renderMarkdown(source, highlight);
  // Only our fence renderer makes .code-block elements (model output cannot set classes), and it
  // makes them in document order, so the n-th element is the n-th fence.
  const blocks = fragment.querySelectorAll('.code-block');
  for (const [index, block] of blocks.entries()) {
    const code = codes[index];
    if (!code || blocks.length !== codes.length) continue;
    codeByBlock.set(block, code);
    block.prepend(codeToolbar(code.language));
  }
  return fragment;
}

interface FenceTail {
  kind: 'fence';
  element: HTMLElement;
  start: number;
  text: Text;
  shown: string;
}
interface MarkdownTail {
  kind: 'markdown';
  element: HTMLElement;
  start: number;
  shown: string;
}

export class StreamingMarkdown {
  readonly element = el('div', { className: 'markdown' });
  private splitter = new MarkdownBlockSplitter();
  private completed: string[] = [];
  private tail: FenceTail | MarkdownTail | null = null;
  private finished = false;

  /** The markdown so far, while streaming; empty once finished (the final text lives in the MessageView). */
  get text(): string {
    return this.splitter.fullText;
  }

  append(chunk: string): void {
    if (this.finished || chunk === '') return;
    for (const block of this.splitter.append(chunk)) this.completed.push(block);
  }

  /** Puts what arrived since the last flush on screen. */
  flush(): void {
    if (this.completed.length > 0) {
      this.dropTail();
      for (const block of this.completed) this.element.append(this.frozen(block));
      this.completed = [];
    }
    if (!this.finished) this.renderTail();
  }

  /** The answer is complete: the open block is rendered for good (with highlighting). */
  finish(): void {
    if (this.finished) return;
    const rest = this.splitter.finish();
    if (rest.trim() !== '') this.completed.push(rest);
    this.finished = true;
    this.flush();
    this.dropTail();
    // The rendered DOM is all a finished answer needs; keeping a second copy of its text would
    // make long transcripts cost twice the memory.
    this.splitter = new MarkdownBlockSplitter();
  }

  private frozen(source: string): HTMLElement {
    const block = el('div', { className: 'md-block' });
    block.append(renderBlock(source, true));
    return block;
  }

  private dropTail(): void {
    this.tail?.element.remove();
    this.tail = null;
  }

  private renderTail(): void {
    const open = this.splitter.openBlock();
    if (open.kind === 'fence') {
      let tail = this.tail;
      if (!tail || tail.kind !== 'fence' || tail.start !== open.start) {
        this.dropTail();
        const text = document.createTextNode('');
        const element = el(
          'div',
          { className: 'md-block open-block' },
          el(
            'div',
            { className: 'code-block streaming' },
            el('div', { className: 'code-toolbar' }, el('span', { className: 'code-language' }, open.language || 'text')),
            el('pre', {}, el('code', {}, text)),
          ),
        );
        tail = { kind: 'fence', element, start: open.start, text, shown: '' };
        this.tail = tail;
        this.element.append(element);
      }
      if (open.code === tail.shown) return;
      if (open.code.startsWith(tail.shown)) tail.text.appendData(open.code.slice(tail.shown.length));
      else tail.text.data = open.code;
      tail.shown = open.code;
      return;
    }
    if (open.text.trim() === '') {
      this.dropTail();
      return;
    }
    let tail = this.tail;
    if (!tail || tail.kind !== 'markdown' || tail.start !== open.start) {
      this.dropTail();
      tail = { kind: 'markdown', element: el('div', { className: 'md-block open-block' }), start: open.start, shown: '' };
      this.tail = tail;
      this.element.append(tail.element);
    }
    if (tail.shown === open.text) return;
    tail.element.replaceChildren(renderBlock(open.text, false));
    tail.shown = open.text;
  }
}
