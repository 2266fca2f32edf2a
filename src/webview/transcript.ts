// The conversation: message entries, the once-per-frame render loop for streaming deltas, and
// keeping only messages near the viewport rendered. Stick-to-bottom scrolling is ScrollFollower's
// (scrollFollower.ts); clicks, keys and toggles inside are transcriptActions.ts's.
import type { MessageView, WebviewMessage } from '../shared/protocol';
import { el } from './dom';
import { MessageEntry } from './messageEntry';
import { ScrollFollower } from './scrollFollower';
import { listenToTranscriptActions } from './transcriptActions';

/** Messages within this many viewport heights above or below stay rendered. */
const keepRenderedViewports = 1.5;

export class Transcript {
  readonly element = el('div', { className: 'transcript-wrap' });
  /** The scrolling box. */
  readonly scroller = el('div', { className: 'transcript' });
  readonly list = el('div', { className: 'transcript-list', role: 'list', 'aria-label': 'Conversation' });
  private entries: MessageEntry[] = [];
  private byId = new Map<string, MessageEntry>();
  private byElement = new WeakMap<Element, MessageEntry>();
  private dirty = new Set<MessageEntry>();
  private frame = 0;
  private countdownTimer: ReturnType<typeof setInterval> | undefined;
  private readonly scrolling: ScrollFollower;
  private readonly resizes = new ResizeObserver(() => this.onLayoutChanged());
  private readonly nearness: IntersectionObserver;

  constructor(
    post: (message: WebviewMessage) => void,
    onScrollChanged: (scrollTop: number, scrolledUp: boolean) => void,
    /** Park finished messages far from the viewport (off only for the benchmark's peer). */
    private readonly virtualize = true,
  ) {
    this.scrolling = new ScrollFollower(this.scroller, onScrollChanged);
    this.scroller.append(this.list);
    this.element.append(this.scroller, this.scrolling.jump);
    listenToTranscriptActions({
      root: this.element,
      list: this.list,
      post,
      entryOf: (node) => this.entryOf(node),
      scrollToBottom: () => this.scrollToBottom(),
    });
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
    return this.scrolling.following;
  }

  reset(messages: MessageView[]): void {
    this.cancelFrame();
    this.dirty.clear();
    for (const entry of this.entries) this.nearness.unobserve(entry.element);
    this.entries = [];
    this.byId.clear();
    this.list.replaceChildren();
    // A chat opens at its end (restoreScroll may then put the user back where they were).
    this.scrolling.follow();
    // Every message starts parked; the ones the user will see are rendered right away below.
    for (const view of messages) this.insert(view, this.virtualize && view.status !== 'streaming');
    this.afterStructureChange();
  }

  add(view: MessageView): void {
    const existing = this.byId.get(view.id);
    if (existing) existing.update(view);
    else this.insert(view, false);
    // Sending a message means "show me the answer".
    if (view.role === 'user' && !existing) this.scrolling.follow();
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
    this.scrolling.follow();
    this.scrolling.stick();
    this.renderNearViewport();
    this.scrolling.updateJump();
  }

  restoreScroll(scrollTop: number | undefined, scrolledUp: boolean | undefined): void {
    if (scrolledUp && scrollTop !== undefined) {
      this.scrolling.stayAt(scrollTop);
      this.renderNearViewport();
      this.scrolling.updateJump();
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
    this.scrolling.stick();
    this.renderNearViewport();
    this.startCountdownIfNeeded();
  }

  private renderFrame(): void {
    this.frame = 0;
    for (const entry of this.dirty) entry.flush();
    this.dirty.clear();
    this.scrolling.stick();
  }

  private cancelFrame(): void {
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private onLayoutChanged(): void {
    this.scrolling.stick();
    this.scrolling.updateJump();
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
      this.scrolling.stick();
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
      this.scrolling.stick();
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
}
