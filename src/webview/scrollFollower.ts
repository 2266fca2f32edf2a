// Stick-to-bottom scrolling for the conversation: while following, the end stays in view through
// streaming, layout changes and the browser's own scroll adjustments; only the user stops it
// (wheel, keys, touch or the scrollbar taking the view up), and the jump button brings it back.
import { iconButton } from './dom';

/** Distance from the bottom (px) within which a user scroll counts as "back at the bottom". */
const stickSlack = 48;
/** How long after a wheel, key or touch the scroll events that follow are the user's. */
const userScrollWindowMs = 700;
const scrollKeys = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ']);

export class ScrollFollower {
  readonly jump = iconButton('arrow-down', 'Jump to bottom', 'jump-to-bottom', { className: 'jump-to-bottom', hidden: true });
  /** Keep the end of the conversation in view. Only the user turns this off; layout changes and our own scrolling never do. */
  private followBottom = true;
  private userScrollUntil = 0;
  private pointerScrolling = false;
  private scrollSaveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly scroller: HTMLElement,
    /** Told where the view is, at most every 250 ms, so a reopened chat comes back to it. */
    private readonly onScrollChanged: (scrollTop: number, scrolledUp: boolean) => void,
  ) {
    scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    scroller.addEventListener('wheel', (event) => this.onUserScrollIntent(event.deltaY < 0), { passive: true });
    scroller.addEventListener('touchmove', () => this.onUserScrollIntent(false), { passive: true });
    scroller.addEventListener('pointerdown', (event) => {
      // A press on the scroller itself (not on a message) is a press on its scrollbar.
      if (event.target === scroller) this.pointerScrolling = true;
    });
    window.addEventListener('pointerup', () => (this.pointerScrolling = false));
    window.addEventListener('keydown', (event) => {
      const editable = event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
      if (!editable && scrollKeys.has(event.key)) {
        this.onUserScrollIntent(event.key === 'ArrowUp' || event.key === 'PageUp' || event.key === 'Home' || (event.key === ' ' && event.shiftKey));
      }
    });
  }

  get following(): boolean {
    return this.followBottom;
  }

  /** Follow the end again (a new chat, a message the user sent, the jump button). */
  follow(): void {
    this.followBottom = true;
  }

  /** Stay where the user left the view. */
  stayAt(scrollTop: number): void {
    this.followBottom = false;
    this.scroller.scrollTop = scrollTop;
  }

  /** Scrolls to the end when following; a no-op when already there. */
  stick(): void {
    if (!this.followBottom) return;
    const bottom = this.scroller.scrollHeight - this.scroller.clientHeight;
    if (Math.abs(this.scroller.scrollTop - bottom) > 1) this.scroller.scrollTop = bottom;
  }

  updateJump(): void {
    const hidden = this.followBottom || !this.canScroll();
    if (this.jump.hidden !== hidden) this.jump.hidden = hidden;
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
}
