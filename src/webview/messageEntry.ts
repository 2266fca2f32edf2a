// One message in the transcript: its DOM and how it changes while an answer streams. Buttons
// carry data-action; the transcript handles all clicks in one delegated listener, so a message
// adds no listeners of its own (500 messages cost DOM, not closures). A finished message far
// from the viewport is "parked": its DOM is dropped and only its view (the source) and its
// measured height stay, so a long chat costs a box per message, not a rendered page each.
import type { ErrorView, MessageView } from '../shared/protocol';
import { button, el, iconButton } from './dom';
import { formatFigures, formatRetryCountdown } from '../shared/present';
import { StreamingMarkdown } from './streamingMarkdown';

const imageDataUrl = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/;

// Fix-it labels come with the error from the host (one table, src/core/client/errors.ts); this is only
// for a message that somehow has none.
const FALLBACK_ACTION_LABEL = 'Fix it';

export class MessageEntry {
  readonly element: HTMLElement;
  view: MessageView;
  private body: StreamingMarkdown | null = null;
  private readonly bodySlot = el('div', { className: 'message-body' });
  private readonly footer = el('div', { className: 'message-footer' });
  private thinking: { details: HTMLDetailsElement; text: Text; userToggled: boolean } | null = null;
  /** Answer text as it arrived (thinking comes separately, split by the host), to reconcile with the final message. */
  private rawText = '';
  private rawReasoning = '';
  private pendingText = '';
  private pendingReasoning = '';
  /** The user's own open/closed choice for the thinking section, kept while parked. */
  private thinkingChoice: boolean | undefined;
  private isParked = false;

  constructor(view: MessageView, parked = false) {
    this.view = view;
    this.element = el('article', {
      className: `message ${view.role}`,
      'data-role': view.role,
      'data-message-id': view.id,
      'aria-label': view.role === 'user' ? 'You' : 'SambaNova',
    });
    if (parked) this.park(estimateHeight(view));
    else this.build();
  }

  get parked(): boolean {
    return this.isParked;
  }

  /** Drops the DOM and holds the place with the height it had (or an estimate). */
  park(height: number): void {
    this.isParked = true;
    this.body = null;
    this.thinking = null;
    this.bodySlot.replaceChildren();
    this.footer.replaceChildren();
    this.element.replaceChildren();
    this.element.classList.add('parked');
    const px = Math.round(height);
    this.element.style.height = `${Number.isFinite(px) && px >= 1 ? px : estimateHeight(this.view)}px`;
  }

  /** Renders the message again from its view, e.g. when it scrolls back near the viewport. */
  restore(): void {
    if (!this.isParked) return;
    this.isParked = false;
    this.element.classList.remove('parked');
    // Chromium may still leave an empty style="" behind (harmless; the XSS check knows it).
    this.element.style.removeProperty('height');
    this.element.removeAttribute('style');
    this.build();
  }

  get isStreaming(): boolean {
    return this.view.role === 'assistant' && this.view.status === 'streaming';
  }

  /** Text for "Copy message": what the model said, without the thinking. */
  get copyText(): string {
    if (this.view.role === 'assistant' && this.isStreaming && this.body) return this.body.text;
    return this.view.text;
  }

  appendDelta(text: string | undefined, reasoning: string | undefined): void {
    if (text) this.pendingText += text;
    if (reasoning) this.pendingReasoning += reasoning;
  }

  /** Applies buffered deltas to the DOM; called once per animation frame. */
  flush(): void {
    if (this.pendingReasoning) {
      this.rawReasoning += this.pendingReasoning;
      this.addReasoning(this.pendingReasoning);
      this.pendingReasoning = '';
    }
    if (this.pendingText) {
      this.rawText += this.pendingText;
      this.addAnswerText(this.pendingText);
      this.pendingText = '';
    }
    this.body?.flush();
  }

  /** The host's word on this message (final text, metrics, error, stopped...). */
  update(view: MessageView): void {
    if (this.isParked) {
      this.view = view;
      return;
    }
    const sameRole = view.role === this.view.role;
    const previous = this.view;
    this.view = view;
    if (!sameRole || view.role === 'user') {
      this.build();
      return;
    }
    this.flush();
    const text = this.rawText;
    const reasoning = this.rawReasoning;
    if (view.text.startsWith(text) && (view.reasoning ?? '').startsWith(reasoning)) {
      this.appendDelta(view.text.slice(text.length), (view.reasoning ?? '').slice(reasoning.length));
      this.flush();
    } else {
      this.build();
      return;
    }
    if (view.status !== 'streaming') this.finishAnswer();
    if (previous.notice !== view.notice || previous.waiting !== view.waiting || view.status !== 'streaming') this.renderChrome();
  }

  /** Ticks the 429 countdown; returns false once nothing is left to count. */
  tickCountdown(now: number): boolean {
    const retry = this.element.querySelector<HTMLButtonElement>('button[data-retry-at]');
    if (!retry) return false;
    const retryAt = Number(retry.dataset.retryAt);
    retry.textContent = formatRetryCountdown(retryAt, now);
    if (retryAt <= now) {
      retry.disabled = false;
      retry.removeAttribute('data-retry-at');
      return false;
    }
    return true;
  }

  setLast(isLast: boolean): void {
    this.element.classList.toggle('is-last', isLast);
  }

  /** Inline editor for "Edit and resend" on a user message. */
  startEditing(): HTMLTextAreaElement {
    const editor = el('textarea', { className: 'edit-box', 'aria-label': 'Edit message', rows: '4' });
    editor.value = this.view.text;
    this.bodySlot.replaceChildren(
      editor,
      el('div', { className: 'edit-actions' }, button('Save and send', 'edit-send'), button('Cancel', 'edit-cancel')),
    );
    this.element.classList.add('editing');
    return editor;
  }

  editedText(): string | undefined {
    return this.bodySlot.querySelector('textarea')?.value;
  }

  cancelEditing(): void {
    this.element.classList.remove('editing');
    this.build();
  }

  private build(): void {
    const view = this.view;
    this.thinking = null;
    this.body = null;
    this.rawText = '';
    this.rawReasoning = '';
    this.pendingText = '';
    this.pendingReasoning = '';
    this.bodySlot.replaceChildren();
    this.element.replaceChildren();
    this.element.classList.remove('editing');
    if (view.role === 'user') {
      this.bodySlot.append(el('div', { className: 'user-text' }, view.text));
      const rows = [this.attachmentsRow(), this.imagesRow()].filter((row): row is HTMLElement => row !== null);
      this.element.append(...rows, this.bodySlot, this.footer);
    } else {
      this.element.append(this.bodySlot, this.footer);
      this.rawText = view.text;
      this.rawReasoning = view.reasoning ?? '';
      if (view.reasoning) this.addReasoning(view.reasoning);
      if (view.text) this.addAnswerText(view.text);
      // A finished answer is rendered once, final; only a streaming one shows its open block.
      if (view.status !== 'streaming') this.finishAnswer();
      else if (view.text) this.ensureBody().flush();
    }
    this.renderChrome();
  }

  private attachmentsRow(): HTMLElement | null {
    const attachments = this.view.attachments ?? [];
    if (attachments.length === 0) return null;
    return el(
      'ul',
      { className: 'message-attachments', 'aria-label': 'Attached context' },
      ...attachments.map((a) => el('li', { className: `chip chip-${a.kind}`, title: a.detail }, a.label)),
    );
  }

  private imagesRow(): HTMLElement | null {
    const images = (this.view.images ?? []).filter((url) => imageDataUrl.test(url));
    if (images.length === 0) return null;
    return el(
      'div',
      { className: 'message-images' },
      ...images.map((src, i) => el('img', { src, alt: `Attached image ${i + 1}`, className: 'thumbnail' })),
    );
  }

  private ensureBody(): StreamingMarkdown {
    if (!this.body) {
      this.body = new StreamingMarkdown();
      this.bodySlot.append(this.body.element);
    }
    return this.body;
  }

  private addAnswerText(text: string): void {
    this.ensureBody().append(text);
    // The answer started: fold the thinking away unless the user chose to keep it open.
    if (this.thinking && !this.thinking.userToggled) this.thinking.details.open = false;
  }

  private addReasoning(text: string): void {
    if (!this.thinking) {
      const content = document.createTextNode('');
      const details = el(
        'details',
        { className: 'thinking', open: this.thinkingChoice ?? !this.body },
        el('summary', { 'data-action': 'toggle-thinking' }, 'Thinking'),
        el('div', { className: 'thinking-text' }, content),
      );
      this.thinking = { details, text: content, userToggled: this.thinkingChoice !== undefined };
      this.bodySlot.prepend(details);
    }
    this.thinking.text.appendData(text);
  }

  markThinkingToggled(): void {
    if (!this.thinking) return;
    this.thinking.userToggled = true;
    // The toggle event fires after the change: 'open' is the user's choice.
    this.thinkingChoice = this.thinking.details.open;
  }

  private finishAnswer(): void {
    this.ensureBody().finish();
    if (this.thinking && !this.thinking.userToggled) this.thinking.details.open = false;
  }

  /** Notice, figures, stopped marker, error callout and message actions. */
  private renderChrome(): void {
    const view = this.view;
    this.element.classList.toggle('streaming', this.isStreaming);
    this.element.querySelector(':scope > .message-notice')?.remove();
    if (view.notice) this.element.prepend(el('div', { className: 'message-notice', role: 'note' }, view.notice));
    const parts: (HTMLElement | null)[] = [];
    if (view.role === 'assistant') {
      if (view.status === 'stopped') parts.push(el('div', { className: 'stopped-marker' }, 'Stopped'));
      // A 429 retry countdown while the answer waits to start; the host updates the words.
      if (view.waiting && view.status === 'streaming') parts.push(el('div', { className: 'message-notice retry-wait', role: 'status' }, view.waiting));
      if (view.error) parts.push(this.errorCallout(view.error));
      if (view.metrics && view.status !== 'streaming') {
        parts.push(el('div', { className: 'figures', title: view.metrics.model }, formatFigures(view.metrics)));
      }
    }
    if (!this.isStreaming) parts.push(this.actions());
    this.footer.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
  }

  private errorCallout(error: ErrorView): HTMLElement {
    const callout = el('div', { className: 'error-callout', role: 'alert' }, el('div', { className: 'error-text' }, error.message));
    if (error.action) {
      const label = error.actionLabel ?? FALLBACK_ACTION_LABEL;
      const fix = button(label, 'fix', { 'data-fix': error.action });
      if (error.action === 'retry' && error.retryAt !== undefined && error.retryAt > Date.now()) {
        fix.disabled = true;
        fix.dataset.retryAt = String(error.retryAt);
        fix.textContent = formatRetryCountdown(error.retryAt, Date.now());
      }
      callout.append(fix);
    }
    return callout;
  }

  private actions(): HTMLElement {
    const row = el('div', { className: 'message-actions' }, iconButton('copy', 'Copy message', 'copy-message'));
    if (this.view.role === 'user') row.append(iconButton('edit', 'Edit and resend', 'edit'));
    else row.append(iconButton('refresh', 'Regenerate', 'regenerate', { className: 'regenerate' }));
    return row;
  }
}

/**
 * Height of a message never rendered yet: its text wrapped at a typical sidebar width. Only a
 * placeholder for the scrollbar; the real height replaces it once the message has been shown.
 */
function estimateHeight(view: MessageView): number {
  const charsPerLine = 48;
  const lineHeight = 19;
  let lines = 0;
  for (const line of view.text.split('\n')) lines += Math.max(1, Math.ceil(line.length / charsPerLine));
  return 40 + lines * lineHeight + (view.images?.length ? 100 : 0);
}
