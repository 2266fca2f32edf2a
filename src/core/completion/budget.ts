// A client-side request budget per model. SambaNova counts requests per minute and per day
// (`x-ratelimit-*` headers) and the chat shares the same allowance, so ghost text spends at
// most a share of it and stops early enough that a chat message is never refused because of
// completion. A 429 stops completion for that model until the server's Retry-After (or the
// reset time) passes; the caller shows that in the status bar, never as a notification.

export interface BudgetOptions {
  /** Share of each limit kept for the chat and other features (0..1). */
  reserveShare?: number;
  /** At least this many requests per window are kept back. */
  minReserve?: number;
  /** Requests per minute assumed before the server said anything (SambaNova's free tier: 20). */
  assumedPerMinute?: number;
}

export type BudgetVerdict = { ok: true } | { ok: false; until: number; reason: 'rateLimited' | 'budget' };

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
}

const MINUTE = 60_000;

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
      s = { consecutive429: 0, sent: [] };
      this.models.set(model, s);
    }
    return s;
  }

  private reserve(limit: number): number {
    return Math.max(this.minReserve, Math.ceil(limit * this.reserveShare));
  }

  /** Whether completion may send a request to `model` now. */
  check(model: string): BudgetVerdict {
    const now = this.now();
    const s = this.state(model);
    if (s.blockedUntil !== undefined && now < s.blockedUntil) return { ok: false, until: s.blockedUntil, reason: 'rateLimited' };
    while (s.sent.length > 0 && now - s.sent[0]! >= MINUTE) s.sent.shift();
    const limit = s.minuteLimit ?? this.assumedPerMinute;
    const ours = Math.max(1, limit - this.reserve(limit));
    if (s.sent.length >= ours) return { ok: false, until: s.sent[0]! + MINUTE, reason: 'budget' };
    // The server's own count includes the chat's requests.
    if (s.minuteRemaining !== undefined && s.minuteResetAt !== undefined && now < s.minuteResetAt) {
      if (s.minuteRemaining <= this.reserve(limit)) return { ok: false, until: s.minuteResetAt, reason: 'budget' };
    }
    if (s.dayLimit !== undefined && s.dayRemaining !== undefined && (s.dayResetAt === undefined || now < s.dayResetAt)) {
      if (s.dayRemaining <= this.reserve(s.dayLimit)) return { ok: false, until: s.dayResetAt ?? now + MINUTE, reason: 'budget' };
    }
    return { ok: true };
  }

  /** Call when a request is sent. */
  noteSent(model: string): void {
    const s = this.state(model);
    s.sent.push(this.now());
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
    const minuteReset = parseReset(header('x-ratelimit-reset-requests'), now);
    const dayLimit = num('x-ratelimit-limit-requests-day');
    const dayRemaining = num('x-ratelimit-remaining-requests-day');
    const dayReset = parseReset(header('x-ratelimit-reset-requests-day'), now);
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
    const fallback = s.minuteResetAt !== undefined && s.minuteResetAt > now ? s.minuteResetAt - now : Math.min(60_000, 5_000 * 2 ** (s.consecutive429 - 1));
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

/**
 * A reset value as a clock time. Servers send seconds ("12", "0.5"), durations ("1m30s",
 * "250ms"), Unix times in seconds or milliseconds, or an HTTP date; the notes do not say which
 * SambaNova uses, so all are accepted.
 */
export function parseReset(value: string | undefined, now: number, wallNow: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    if (n > 1e12) return now + Math.max(0, n - wallNow);
    if (n > 1e9) return now + Math.max(0, n * 1000 - wallNow);
    return now + n * 1000;
  }
  const duration = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/.exec(v);
  if (duration && duration.slice(1).some((g) => g !== undefined)) {
    const [, h, m, s, ms] = duration;
    return now + Number(h ?? 0) * 3_600_000 + Number(m ?? 0) * 60_000 + Number(s ?? 0) * 1000 + Number(ms ?? 0);
  }
  const date = Date.parse(v);
  return Number.isFinite(date) ? now + Math.max(0, date - wallNow) : undefined;
}
