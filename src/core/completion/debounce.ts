// Ask only when the user has paused. VS Code calls the provider about 50 ms after every
// keystroke; a request per call would spend the per-minute limit on answers the next key makes
// useless (a request the next keystroke cancels still counts against SambaNova's limit). So an
// automatic call waits until the user has been still a bit longer than their own usual gap
// between keys, at every position, not only inside a word. The gaps are the user's: a fast
// typist waits less, a slow one more, and a fresh window starts from a middle value.
import type { Priority } from './priority';

const HISTORY = 24;
/** Gaps from this many keystrokes on are the user's rhythm; before that, DEFAULT_MS. */
const MIN_SAMPLES = 4;
/**
 * Before the rhythm is known only a clear pause counts: a request on the first few keys of a
 * window has almost nothing to go on (e2e completion-typing: the request at `// N`, answered
 * with nothing, was a tenth of the requests for both files).
 */
const DEFAULT_MS = 500;
const MIN_MS = 120;
const MAX_MS = 600;
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

  /**
   * Milliseconds of stillness that make a pause: just past the user's slow keystrokes (the 90th
   * percentile of recent gaps between keys, plus a fifth), so the gaps inside a burst of typing stay under it.
   * `stretch` scales that: above 1 for places that can wait, below 1 for places worth a quicker
   * answer, but never below the slow keystrokes themselves (p90 + 10 ms): a steady typist's
   * every key would otherwise look like a pause.
   */
  delayMs(stretch = 1): number {
    if (this.gaps.length < MIN_SAMPLES) return Math.round(Math.min(MAX_MS, DEFAULT_MS * Math.max(1, stretch)));
    // Short pauses (thinking mid-line) are not rhythm either: only gaps up to 2.5 x the median count.
    const all = [...this.gaps].sort((a, b) => a - b);
    const median = all[Math.floor(all.length / 2)]!;
    const sorted = all.filter((g) => g <= median * 2.5);
    const p90 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))]!;
    const wait = Math.max(p90 * 1.2 * stretch, stretch < 1 ? p90 + 10 : 0);
    return Math.round(Math.min(MAX_MS, Math.max(MIN_MS, wait)));
  }
}

/**
 * How much of the user's pause threshold to wait, by place and by how scarce requests are.
 * Where a suggestion is likely taken the wait is shorter (a short pause after Enter still gets
 * one); with requests to spare every place waits less; when scarce, a low-value place waits
 * longer. Measured on the bench trace (virtual-time replay, 3 seeds): against one wait for all,
 * +0.5 to +2 points of pauses with a right suggestion at 20 and 240 a minute; the debounce never
 * shortens the wait below the user's slow keystrokes, so typing stays free of requests.
 */
export function pauseStretch(priority: Priority, scarce: boolean): number {
  if (scarce) return priority === 'high' ? 0.7 : priority === 'low' ? 1.3 : 1;
  return priority === 'high' ? 0.6 : priority === 'low' ? 1 : 0.8;
}
