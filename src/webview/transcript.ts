// The conversation: message entries, the once-per-frame render loop for streaming deltas, the
// stick-to-bottom scrolling, and one delegated click handler for every button and link inside.
import type { FixActionSchema, MessageView, WebviewMessage } from '../shared/protocol';
import type { z } from 'zod/mini';
import { button, el } from './dom';
import { MessageEntry } from './messageEntry';
import { codeOfBlock } from './streamingMarkdown';

type FixAction = z.infer<typeof FixActionSchema>;
const fixActions = new Set<string>(['setApiKey', 'chooseModel', 'retry', 'openBilling', 'openSettings', 'showLog', 'newChat']);
/** Distance from the bottom (px) within which the view keeps following new text. */
const stickSlack = 48;

export class Transcript {
  readonly element = el('div', { className: 'transcript-wrap' });
  readonly list = el('div', { className: 'transcript', role: 'list', 'aria-label': 'Conversation' });
  private readonly jump = button('Jump to bottom', 'jump-to-bottom', { className: 'jump-to-bottom', hidden: true });
  private entries: MessageEntry[] = [];
  private byId = new Map<string, MessageEntry>();
  private byElement = new WeakMap<Element, MessageEntry>();
  private dirty = new Set<MessageEntry>();
  private frame = 0;
  private countdownTimer: ReturnType<typeof setInterval> | undefined;
  private followBottom = true;
  private scrollSaveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly post: (message: WebviewMessage) => void,
    private readonly onScrollChanged: (scrollTop: number, scrolledUp: boolean) => void,
  ) {
    this.element.append(this.list, this.jump);
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.list.addEventListener('scroll', () => this.onScroll(), { passive: true });
    this.list.addEventListener('toggle', (event) => this.onToggle(event), true);
  }

  get messages(): readonly MessageEntry[] {
    return this.entries;
  }

  reset(messages: MessageView[]): void {
    this.cancelFrame();
    this.dirty.clear();
    this.entries = [];
    this.byId.clear();
    this.list.replaceChildren();
    for (const view of messages) this.insert(view);
    this.afterStructureChange();
  }

  add(view: MessageView): void {
    const existing = this.byId.get(view.id);
    if (existing) existing.update(view);
    else this.insert(view);
    this.afterStructureChange();
  }

  update(view: MessageView): void {
    const entry = this.byId.get(view.id);
    if (!entry) return this.add(view);
    this.dirty.delete(entry);
    entry.update(view);
    this.afterStructureChange();
  }

  delta(messageId: string, text: string | undefined, reasoning: string | undefined): void {
    const entry = this.byId.get(messageId);
    if (!entry) return;
    entry.appendDelta(text, reasoning);
    this.dirty.add(entry);
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.renderFrame());
  }

  /** Drops every message after `afterMessageId` (all of them for null). */
  truncateAfter(afterMessageId: string | null): void {
    const keep = afterMessageId === null ? 0 : this.entries.findIndex((e) => e.view.id === afterMessageId) + 1;
    if (afterMessageId !== null && keep === 0) return;
    for (const entry of this.entries.splice(keep)) {
      entry.element.remove();
      this.byId.delete(entry.view.id);
      this.dirty.delete(entry);
    }
    this.afterStructureChange();
  }

  scrollToBottom(): void {
    this.followBottom = true;
    this.list.scrollTop = this.list.scrollHeight;
    this.jump.hidden = true;
    // Off-screen messages start at an estimated height (content-visibility); once the ones now in
    // view have their real size, the bottom has moved: follow it once more.
    requestAnimationFrame(() => this.stickIfFollowing());
  }

  restoreScroll(scrollTop: number | undefined, scrolledUp: boolean | undefined): void {
    if (scrolledUp && scrollTop !== undefined) {
      this.list.scrollTop = scrollTop;
      this.followBottom = false;
      this.jump.hidden = false;
    } else {
      this.scrollToBottom();
    }
  }

  private insert(view: MessageView): void {
    const entry = new MessageEntry(view);
    entry.element.setAttribute('role', 'listitem');
    this.entries.push(entry);
    this.byId.set(view.id, entry);
    this.byElement.set(entry.element, entry);
    this.list.append(entry.element);
  }

  private afterStructureChange(): void {
    let lastAssistant: MessageEntry | undefined;
    for (const entry of this.entries) {
      entry.setLast(false);
      if (entry.view.role === 'assistant') lastAssistant = entry;
    }
    lastAssistant?.setLast(true);
    this.startCountdownIfNeeded();
    this.stickIfFollowing();
  }

  private renderFrame(): void {
    this.frame = 0;
    for (const entry of this.dirty) entry.flush();
    this.dirty.clear();
    this.stickIfFollowing();
  }

  private cancelFrame(): void {
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private stickIfFollowing(): void {
    if (this.followBottom) this.list.scrollTop = this.list.scrollHeight;
  }

  private onScroll(): void {
    const fromBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight;
    this.followBottom = fromBottom <= stickSlack;
    this.jump.hidden = this.followBottom;
    // Saving the position on every scroll event would serialize the view state ~60 times a second.
    clearTimeout(this.scrollSaveTimer);
    this.scrollSaveTimer = setTimeout(() => this.onScrollChanged(this.list.scrollTop, !this.followBottom), 250);
  }

  private startCountdownIfNeeded(): void {
    if (this.countdownTimer !== undefined) return;
    if (!this.list.querySelector('button[data-retry-at]')) return;
    this.countdownTimer = setInterval(() => {
      const now = Date.now();
      let pending = false;
      for (const button of this.list.querySelectorAll('button[data-retry-at]')) {
        const entry = this.entryOf(button);
        if (entry?.tickCountdown(now)) pending = true;
      }
      if (!pending) {
        clearInterval(this.countdownTimer);
        this.countdownTimer = undefined;
      }
    }, 250);
  }

  private entryOf(node: Element): MessageEntry | undefined {
    const article = node.closest('article.message');
    return article ? this.byElement.get(article) : undefined;
  }

  private onToggle(event: Event): void {
    const target = event.target;
    if (target instanceof HTMLDetailsElement && target.classList.contains('thinking')) {
      // Only user toggles count; ours happen while streaming (see MessageEntry).
      if (target.dataset.userToggle === '1') this.entryOf(target)?.markThinkingToggled();
      delete target.dataset.userToggle;
    }
  }

  private onKeyDown(event: KeyboardEvent): void {
    const target = event.target as Element | null;
    if (!(target instanceof HTMLTextAreaElement) || !target.classList.contains('edit-box')) return;
    const entry = this.entryOf(target);
    if (!entry) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.sendEdit(entry);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      entry.cancelEditing();
      entry.element.querySelector<HTMLButtonElement>('button[data-action="edit"]')?.focus();
    }
  }

  private sendEdit(entry: MessageEntry): void {
    const text = entry.editedText()?.trim();
    if (!text) return;
    this.post({ type: 'editResend', messageId: entry.view.id, text });
  }

  private onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const link = target.closest('a');
    if (link && this.list.contains(link)) {
      event.preventDefault();
      const href = link.getAttribute('href');
      if (href && /^(?:https?:|mailto:)/i.test(href)) this.post({ type: 'openLink', href });
      return;
    }
    const actionElement = target.closest<HTMLElement>('[data-action]');
    if (!actionElement) return;
    const action = actionElement.dataset.action;
    if (action === 'jump-to-bottom') return this.scrollToBottom();
    if (action === 'toggle-thinking') {
      const details = actionElement.closest('details');
      if (details) details.dataset.userToggle = '1';
      return;
    }
    const entry = this.entryOf(actionElement);
    if (!entry) return;
    const codeBlock = actionElement.closest('.code-block');
    const code = codeBlock ? codeOfBlock(codeBlock) : undefined;
    const codePayload = code ? { code: code.code, language: code.language || undefined } : undefined;
    switch (action) {
      case 'copy-code':
        if (codePayload) this.post({ type: 'copy', text: codePayload.code });
        return this.flash(actionElement, 'Copied');
      case 'insert-code':
        if (codePayload) this.post({ type: 'insertCode', ...codePayload });
        return;
      case 'apply-code':
        if (codePayload) this.post({ type: 'applyCode', ...codePayload });
        return;
      case 'new-file':
        if (codePayload) this.post({ type: 'newFile', ...codePayload });
        return;
      case 'copy-message':
        this.post({ type: 'copy', text: entry.copyText });
        return this.flash(actionElement, 'Copied');
      case 'regenerate':
        this.post({ type: 'regenerate', messageId: entry.view.id });
        return;
      case 'edit':
        entry.startEditing().focus();
        return;
      case 'edit-send':
        return this.sendEdit(entry);
      case 'edit-cancel':
        entry.cancelEditing();
        return;
      case 'fix': {
        const fix = actionElement.dataset.fix;
        if (fix && fixActions.has(fix)) this.post({ type: 'fixAction', action: fix as FixAction, messageId: entry.view.id });
        return;
      }
    }
  }

  private flash(target: HTMLElement, label: string): void {
    const original = target.textContent;
    target.textContent = label;
    setTimeout(() => {
      target.textContent = original;
    }, 1200);
  }
}
