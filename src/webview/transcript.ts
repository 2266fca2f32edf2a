// The conversation: message entries, the once-per-frame render loop for streaming deltas, the
// stick-to-bottom scrolling, keeping only messages near the viewport rendered, and one delegated
// click handler for every button and link inside.
import type { FixActionSchema, MessageView, WebviewMessage } from '../shared/protocol';
import type { z } from 'zod/mini';
import { el, iconButton } from './dom';
import { icon } from './icons';
import { MessageEntry } from './messageEntry';
import { codeOfBlock } from './streamingMarkdown';

type FixAction = z.infer<typeof FixActionSchema>;
const fixActions = new Set<string>(['setApiKey', 'allowKeyHost', 'chooseModel', 'retry', 'openBilling', 'openSettings', 'showLog', 'newChat']);
/** Distance from the bottom (px) within which a user scroll counts as "back at the bottom". */
const stickSlack = 48;
/** How long after a wheel, key or touch the scroll events that follow are the user's. */
const userScrollWindowMs = 700;
/** Messages within this many viewport heights above or below stay rendered. */
const keepRenderedViewports = 1.5;
const scrollKeys = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ']);

export class Transcript {
  readonly element = el('div', { className: 'transcript-wrap' });
  /** The scrolling box. */
  readonly scroller = el('div', { className: 'transcript' });
  readonly list = el('div', { className: 'transcript-list', role: 'list', 'aria-label': 'Conversation' });
  private readonly jump = iconButton('arrow-down', 'Jump to bottom', 'jump-to-bottom', { className: 'jump-to-bottom', hidden: true });
  private entries: MessageEntry[] = [];
  private byId = new Map<string, MessageEntry>();
  private byElement = new WeakMap<Element, MessageEntry>();
  private dirty = new Set<MessageEntry>();
  private frame = 0;
  private countdownTimer: ReturnType<typeof setInterval> | undefined;
  /**
   * Keep the end of the conversation in view. Only the user turns this off (wheel, keys, touch
   * or the scrollbar taking the view up); layout changes and our own scrolling never do.
   */
  private followBottom = true;
  private userScrollUntil = 0;
  private pointerScrolling = false;
  private scrollSaveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly resizes = new ResizeObserver(() => this.onLayoutChanged());
  private readonly nearness: IntersectionObserver;

  constructor(
    private readonly post: (message: WebviewMessage) => void,
    private readonly onScrollChanged: (scrollTop: number, scrolledUp: boolean) => void,
    /** Park finished messages far from the viewport (off only for the benchmark's peer). */
    private readonly virtualize = true,
  ) {
    this.scroller.append(this.list);
    this.element.append(this.scroller, this.jump);
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    this.scroller.addEventListener('wheel', (event) => this.onUserScrollIntent(event.deltaY < 0), { passive: true });
    this.scroller.addEventListener('touchmove', () => this.onUserScrollIntent(false), { passive: true });
    this.scroller.addEventListener('pointerdown', (event) => {
      // A press on the scroller itself (not on a message) is a press on its scrollbar.
      if (event.target === this.scroller) this.pointerScrolling = true;
    });
    window.addEventListener('pointerup', () => (this.pointerScrolling = false));
    window.addEventListener('keydown', (event) => {
      const editable = event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
      if (!editable && scrollKeys.has(event.key)) {
        this.onUserScrollIntent(event.key === 'ArrowUp' || event.key === 'PageUp' || event.key === 'Home' || (event.key === ' ' && event.shiftKey));
      }
    });
    this.list.addEventListener('toggle', (event) => this.onToggle(event), true);
    // Anything that changes the height of the conversation or of the box (a finished answer's
    // highlighting, images loading, blocks leaving their size estimate, the composer growing)
    // lands here, after layout and before paint: the bottom is followed without a visible jump.
    this.resizes.observe(this.list);
    this.resizes.observe(this.scroller);
    this.nearness = new IntersectionObserver((records) => this.onNearness(records), {
      root: this.scroller,
      rootMargin: `${keepRenderedViewports * 100}% 0px`,
    });
  }

  get messages(): readonly MessageEntry[] {
    return this.entries;
  }

  get following(): boolean {
    return this.followBottom;
  }

  reset(messages: MessageView[]): void {
    this.cancelFrame();
    this.dirty.clear();
    for (const entry of this.entries) this.nearness.unobserve(entry.element);
    this.entries = [];
    this.byId.clear();
    this.list.replaceChildren();
    // A chat opens at its end (restoreScroll may then put the user back where they were).
    this.followBottom = true;
    // Every message starts parked; the ones the user will see are rendered right away below.
    for (const view of messages) this.insert(view, this.virtualize && view.status !== 'streaming');
    this.afterStructureChange();
  }

  add(view: MessageView): void {
    const existing = this.byId.get(view.id);
    if (existing) existing.update(view);
    else this.insert(view, false);
    // Sending a message means "show me the answer".
    if (view.role === 'user' && !existing) this.followBottom = true;
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
    entry.restore();
    entry.appendDelta(text, reasoning);
    this.dirty.add(entry);
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.renderFrame());
  }

  /** Drops every message after `afterMessageId` (all of them for null). */
  truncateAfter(afterMessageId: string | null): void {
    const keep = afterMessageId === null ? 0 : this.entries.findIndex((e) => e.view.id === afterMessageId) + 1;
    if (afterMessageId !== null && keep === 0) return;
    for (const entry of this.entries.splice(keep)) {
      this.nearness.unobserve(entry.element);
      entry.element.remove();
      this.byId.delete(entry.view.id);
      this.dirty.delete(entry);
    }
    this.afterStructureChange();
  }

  scrollToBottom(): void {
    this.followBottom = true;
    this.stick();
    this.renderNearViewport();
    this.updateJump();
  }

  restoreScroll(scrollTop: number | undefined, scrolledUp: boolean | undefined): void {
    if (scrolledUp && scrollTop !== undefined) {
      this.followBottom = false;
      this.scroller.scrollTop = scrollTop;
      this.renderNearViewport();
      this.updateJump();
    } else {
      this.scrollToBottom();
    }
  }

  private insert(view: MessageView, parked: boolean): void {
    const entry = new MessageEntry(view, parked);
    entry.element.setAttribute('role', 'listitem');
    this.entries.push(entry);
    this.byId.set(view.id, entry);
    this.byElement.set(entry.element, entry);
    this.list.append(entry.element);
    if (this.virtualize) this.nearness.observe(entry.element);
  }

  private afterStructureChange(): void {
    let lastAssistant: MessageEntry | undefined;
    for (const entry of this.entries) {
      entry.setLast(false);
      if (entry.view.role === 'assistant') lastAssistant = entry;
    }
    lastAssistant?.setLast(true);
    this.stick();
    this.renderNearViewport();
    this.startCountdownIfNeeded();
  }

  private renderFrame(): void {
    this.frame = 0;
    for (const entry of this.dirty) entry.flush();
    this.dirty.clear();
    this.stick();
  }

  private cancelFrame(): void {
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** Scrolls to the end when following; a no-op when already there. */
  private stick(): void {
    if (!this.followBottom) return;
    const bottom = this.scroller.scrollHeight - this.scroller.clientHeight;
    if (Math.abs(this.scroller.scrollTop - bottom) > 1) this.scroller.scrollTop = bottom;
  }

  private onLayoutChanged(): void {
    this.stick();
    this.updateJump();
  }

  private onUserScrollIntent(upwards: boolean): void {
    this.userScrollUntil = performance.now() + userScrollWindowMs;
    // Up is away from the end at once, before the scroll event: a frame rendered in between
    // must not pull the view back down.
    if (upwards && this.canScroll()) {
      this.followBottom = false;
      this.updateJump();
    }
  }

  private canScroll(): boolean {
    return this.scroller.scrollHeight - this.scroller.clientHeight > 1;
  }

  private onScroll(): void {
    const fromBottom = this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight;
    const byUser = this.pointerScrolling || performance.now() < this.userScrollUntil;
    if (byUser) this.followBottom = fromBottom <= stickSlack;
    // Not the user: the browser moved the view (scroll anchoring, content shrinking, a block
    // leaving its size estimate). Someone following the end stays at the end.
    else if (this.followBottom) this.stick();
    this.updateJump();
    // Saving the position on every scroll event would serialize the view state ~60 times a second.
    clearTimeout(this.scrollSaveTimer);
    this.scrollSaveTimer = setTimeout(() => this.onScrollChanged(this.scroller.scrollTop, !this.followBottom), 250);
  }

  private updateJump(): void {
    const hidden = this.followBottom || !this.canScroll();
    if (this.jump.hidden !== hidden) this.jump.hidden = hidden;
  }

  /**
   * Renders the parked messages that are (or, once rendered, will be) near the viewport, now
   * rather than on the observer's next callback, so a chat opens without a blank frame.
   */
  private renderNearViewport(): void {
    if (!this.virtualize || this.scroller.clientHeight === 0) return;
    for (let pass = 0; pass < 4; pass++) {
      const margin = this.scroller.clientHeight * keepRenderedViewports;
      const top = this.scroller.scrollTop - margin;
      const bottom = this.scroller.scrollTop + this.scroller.clientHeight + margin;
      let restored = false;
      for (let i = this.entries.length - 1; i >= 0; i--) {
        const entry = this.entries[i]!;
        const element = entry.element;
        if (element.offsetTop > bottom) continue;
        if (element.offsetTop + element.offsetHeight < top) break;
        if (entry.parked) {
          entry.restore();
          restored = true;
        }
      }
      if (!restored) return;
      // Rendered messages have their real heights now: the end may have moved.
      this.stick();
      this.startCountdownIfNeeded();
    }
  }

  private onNearness(records: IntersectionObserverEntry[]): void {
    let restored = false;
    for (const record of records) {
      const entry = this.byElement.get(record.target);
      if (!entry) continue;
      if (record.isIntersecting) {
        if (entry.parked) {
          entry.restore();
          restored = true;
        }
      } else if (!entry.parked && this.mayPark(entry)) {
        entry.park(record.boundingClientRect.height);
      }
    }
    if (restored) {
      this.stick();
      this.startCountdownIfNeeded();
    }
  }

  /** What the user is working with stays rendered: the streaming answer, focus, selection, edits. */
  private mayPark(entry: MessageEntry): boolean {
    if (entry.isStreaming || this.dirty.has(entry) || entry.element.classList.contains('editing')) return false;
    if (entry.element.contains(document.activeElement)) return false;
    const selection = document.getSelection();
    if (selection && selection.rangeCount > 0 && !selection.isCollapsed && selection.containsNode(entry.element, true)) return false;
    return true;
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

  /** Shows a check mark (and says `label`) on an icon button for a moment. */
  private flash(target: HTMLElement, label: string): void {
    const original = target.querySelector('.codicon');
    const title = target.title;
    if (!original) return;
    original.replaceWith(icon('check'));
    target.title = label;
    setTimeout(() => {
      target.querySelector('.codicon')?.replaceWith(original);
      target.title = title;
    }, 1200);
  }
}
