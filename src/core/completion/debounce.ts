// VS Code already waits ~50 ms before asking. Our own wait is only for typing inside a word,
// where every keystroke would otherwise cost a request nobody reads; at a line end or after a
// block opener the user is likely pausing, so we ask at once. The wait follows the user's own
// typing rhythm: a bit longer than their usual gap between keystrokes.

const HISTORY = 12;
const MIN_MS = 40;
const MAX_MS = 250;
/** Gaps longer than this are pauses, not typing rhythm. */
const PAUSE_MS = 1000;

export class AdaptiveDebounce {
  private last: number | undefined;
  private readonly gaps: number[] = [];

  /** Records a keystroke (an automatic trigger). */
  note(now: number): void {
    if (this.last !== undefined) {
      const gap = now - this.last;
      if (gap > 0 && gap < PAUSE_MS) {
        this.gaps.push(gap);
        if (this.gaps.length > HISTORY) this.gaps.shift();
      }
    }
    this.last = now;
  }

  /** Milliseconds to wait before asking mid-word: 1.3 x the median keystroke gap, clamped. */
  delayMs(): number {
    if (this.gaps.length < 3) return 120;
    const sorted = [...this.gaps].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return Math.round(Math.min(MAX_MS, Math.max(MIN_MS, median * 1.3)));
  }
}
