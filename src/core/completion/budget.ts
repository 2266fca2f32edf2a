// A client-side request budget per model. SambaNova counts requests per minute and per day
// (`x-ratelimit-*` headers). When the chat uses the same model it shares the allowance, so ghost
// text spends at most a share of it and stops early enough that a chat message is never refused
// because of completion; a completion model of its own has its own limit and needs no share kept.
// Within the minute, requests are paced (a small bucket refilled evenly), so a burst of pauses
// cannot spend the minute in its first seconds and leave the rest of it without suggestions; when
// requests are scarce, the worst places to ask (comment lines, blank lines after a block) wait for
// a fuller bucket. A 429 stops completion for that model until the server's Retry-After (or the
// reset time) passes; the caller shows that in the status bar, never as a notification.
import { parseReset } from '../client/rateLimits';
import { exponentialBackoffMs } from '../client/retryPolicy';
import type { Priority } from './priority';

export interface BudgetOptions {
  /** Share of each limit kept for the chat and other features (0..1). */
  reserveShare?: number;
  /** At least this many requests per window are kept back. */
  minReserve?: number;
  /** Requests per minute assumed before the server said anything (SambaNova's free tier: 20). */
  assumedPerMinute?: number;
}

export type BudgetVerdict = { ok: true } | { ok: false; until: number; reason: 'rateLimited' | 'budget' };

export interface BudgetQuestion {
  /** How likely a suggestion here is taken: low-value places wait when requests are scarce. */
  priority?: Priority;
  /** The chat (and editor commands) use this model too: keep their share. Default true. */
  sharedWithChat?: boolean;
}

interface ModelState {
  minuteLimit?: number;
  minuteRemaining?: number;
  minuteResetAt?: number;
  dayLimit?: number;
  dayRemaining?: number;
  dayResetAt?: number;
  blockedUntil?: number;
  consecutive429: number;
  /** Clock times of our own requests in the last minute. */
  sent: number[];
  /** The pacing bucket: requests that may go now, refilled evenly over the minute. */
  tokens?: number;
  tokensAt: number;
}

const MINUTE = 60_000;
/** A 429 without Retry-After or reset header: wait 5 s, then 10, 20 ... up to a minute. */
const RATE_LIMIT_BASE_MS = 5_000;
/** Below this many completion requests a minute, requests are scarce (the free tier's 20 is). */
const SCARCE_PER_MINUTE = 60;

export class RequestBudget {
  private readonly models = new Map<string, ModelState>();
  private readonly reserveShare: number;
  private readonly minReserve: number;
  private readonly assumedPerMinute: number;

  constructor(
    private readonly now: () => number,
    options: BudgetOptions = {},
  ) {
    this.reserveShare = options.reserveShare ?? 0.25;
    this.minReserve = options.minReserve ?? 2;
    this.assumedPerMinute = options.assumedPerMinute ?? 20;
  }

  private state(model: string): ModelState {
    let s = this.models.get(model);
    if (!s) {
      s = { consecutive429: 0, sent: [], tokensAt: this.now() };
      this.models.set(model, s);
    }
    return s;
  }

  private reserve(limit: number): number {
    return Math.max(this.minReserve, Math.ceil(limit * this.reserveShare));
  }

  /** Completion's own requests per minute for `model`. */
  allowance(model: string, sharedWithChat = true): number {
    const limit = this.state(model).minuteLimit ?? this.assumedPerMinute;
    return sharedWithChat ? Math.max(1, limit - this.reserve(limit)) : Math.max(1, limit);
  }

  /** Whether requests are scarce enough that each should cover more (a few lines, not one). */
  isScarce(model: string, sharedWithChat = true): boolean {
    return this.allowance(model, sharedWithChat) < SCARCE_PER_MINUTE;
  }

  /** The bucket's size: a few requests may go back to back, the rest are spread over the minute. */
  private capacity(allowance: number): number {
    return Math.max(2, Math.ceil(allowance / 3));
  }

  private tokens(s: ModelState, allowance: number, now: number): number {
    const capacity = this.capacity(allowance);
    const tokens = Math.min(capacity, (s.tokens ?? capacity) + (Math.max(0, now - s.tokensAt) * allowance) / MINUTE);
    s.tokens = tokens;
    s.tokensAt = Math.max(now, s.tokensAt);
    return tokens;
  }

  /** Whether completion may send a request to `model` now, and if not, until when to wait (the latest of every limit that says no). */
  check(model: string, question: BudgetQuestion = {}): BudgetVerdict {
    const now = this.now();
    const s = this.state(model);
    const shared = question.sharedWithChat ?? true;
    if (s.blockedUntil !== undefined && now < s.blockedUntil) return { ok: false, until: s.blockedUntil, reason: 'rateLimited' };
    while (s.sent.length > 0 && now - s.sent[0]! >= MINUTE) s.sent.shift();
    const limit = s.minuteLimit ?? this.assumedPerMinute;
    const ours = this.allowance(model, shared);
    let until: number | undefined;
    const refuse = (at: number) => (until = Math.max(until ?? at, at));
    if (s.sent.length >= ours) {
      // The minute's share is spent: the bucket fills again only from when it frees, so the next
      // minute starts paced too instead of with a burst.
      s.tokens = 0;
      s.tokensAt = s.sent[0]! + MINUTE;
      refuse(s.sent[0]! + MINUTE);
    }
    // The server's own count includes the chat's requests (and other windows').
    const keep = shared ? this.reserve(limit) : 0;
    if (s.minuteRemaining !== undefined && s.minuteResetAt !== undefined && now < s.minuteResetAt && s.minuteRemaining <= keep) refuse(s.minuteResetAt);
    if (s.dayLimit !== undefined && s.dayRemaining !== undefined && (s.dayResetAt === undefined || now < s.dayResetAt)) {
      if (s.dayRemaining <= (shared ? this.reserve(s.dayLimit) : 0)) refuse(s.dayResetAt ?? now + MINUTE);
    }
    if (until === undefined) {
      // Pacing: a low-value place asks only while a request would still be left for a better one.
      const need = question.priority === 'low' && ours < SCARCE_PER_MINUTE ? Math.min(2, this.capacity(ours)) : 1;
      const tokens = this.tokens(s, ours, now);
      if (tokens < need) refuse(now + Math.ceil(((need - tokens) * MINUTE) / ours));
    }
    return until === undefined ? { ok: true } : { ok: false, until, reason: 'budget' };
  }

  /** Call when a request is sent. */
  noteSent(model: string, sharedWithChat = true): void {
    const s = this.state(model);
    const now = this.now();
    s.sent.push(now);
    s.tokens = this.tokens(s, this.allowance(model, sharedWithChat), now) - 1;
    if (s.minuteRemaining !== undefined) s.minuteRemaining--;
    if (s.dayRemaining !== undefined) s.dayRemaining--;
  }

  /** Reads `x-ratelimit-*` from any response (errors included). */
  noteHeaders(model: string, header: (name: string) => string | undefined): void {
    const now = this.now();
    const s = this.state(model);
    const num = (name: string) => {
      const v = header(name);
      const n = v === undefined ? NaN : Number(v.trim());
      return Number.isFinite(n) ? n : undefined;
    };
    const minuteLimit = num('x-ratelimit-limit-requests');
    const minuteRemaining = num('x-ratelimit-remaining-requests');
    const minuteReset = parseReset(header('x-ratelimit-reset-requests'), now, Date.now());
    const dayLimit = num('x-ratelimit-limit-requests-day');
    const dayRemaining = num('x-ratelimit-remaining-requests-day');
    const dayReset = parseReset(header('x-ratelimit-reset-requests-day'), now, Date.now());
    if (minuteLimit !== undefined) s.minuteLimit = minuteLimit;
    if (minuteRemaining !== undefined) {
      s.minuteRemaining = minuteRemaining;
      s.minuteResetAt = minuteReset ?? now + MINUTE;
    }
    if (dayLimit !== undefined) s.dayLimit = dayLimit;
    if (dayRemaining !== undefined) {
      s.dayRemaining = dayRemaining;
      s.dayResetAt = dayReset;
    }
  }

  /** A 429: no completion requests to this model until the wait is over. */
  noteRateLimited(model: string, retryAfterMs: number | undefined): number {
    const now = this.now();
    const s = this.state(model);
    s.consecutive429++;
    const fallback =
      s.minuteResetAt !== undefined && s.minuteResetAt > now
        ? s.minuteResetAt - now
        : exponentialBackoffMs(s.consecutive429 - 1, { baseMs: RATE_LIMIT_BASE_MS, maxMs: MINUTE });
    s.blockedUntil = now + (retryAfterMs !== undefined && retryAfterMs > 0 ? retryAfterMs : fallback);
    s.minuteRemaining = 0;
    if (s.minuteResetAt === undefined || s.minuteResetAt < s.blockedUntil) s.minuteResetAt = s.blockedUntil;
    return s.blockedUntil;
  }

  /** A successful answer ends the 429 back-off escalation. */
  noteSuccess(model: string): void {
    this.state(model).consecutive429 = 0;
  }

  /** Until when the model is blocked by a 429, if it is. */
  blockedUntil(model: string): number | undefined {
    const until = this.models.get(model)?.blockedUntil;
    return until !== undefined && until > this.now() ? until : undefined;
  }
}
