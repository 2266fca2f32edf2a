// What SambaNova's request limits leave for each model, learned only from answers we already get:
// the `x-ratelimit-*` headers on every response (minute and day windows, API-NOTES §4) and the
// token counts in each answer's usage. Nothing is ever sent just to learn the limits.
// One tracker serves the status bar, VS Code's chat (language-model provider), @sambanova and
// inline completion, because SambaNova counts all of their requests against the same allowance.
// Completion's throttle (src/core/completion/budget.ts) keeps its own per-model state on a
// monotonic clock but reads reset values with this file's parseReset.
// Figures only: the sentences people read about a Budget are in src/host/budgetText.ts.
/** The six headers SambaNova documents (API-NOTES §4, "Rate-limit headers"). */
export const RATE_LIMIT_HEADERS = [
  'x-ratelimit-limit-requests',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-reset-requests',
  'x-ratelimit-limit-requests-day',
  'x-ratelimit-remaining-requests-day',
  'x-ratelimit-reset-requests-day',
] as const;

/** One window (the minute or the day) as the server last described it. */
export interface LimitWindow {
  limit?: number;
  remaining?: number;
  /** Wall-clock ms when the window frees up again, if the server said. */
  resetAt?: number;
}

export interface ModelLimits {
  minute: LimitWindow;
  day: LimitWindow;
  /** Wall-clock ms of the response the figures came from. */
  observedAt: number;
}

/** The rate-limit headers of one response, or undefined when it had none (most non-SambaNova servers). */
export function pickRateLimitHeaders(header: (name: string) => string | undefined): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const name of RATE_LIMIT_HEADERS) {
    const value = header(name);
    if (value !== undefined && value.trim() !== '') (out ??= {})[name] = value.trim();
  }
  return out;
}

/**
 * Parses picked headers into the two windows. `now` is the caller's clock (wall-clock ms here);
 * `wallNow`, the wall clock at the same instant, for a caller on a monotonic clock (see parseReset).
 */
export function readRateLimitHeaders(headers: Readonly<Record<string, string>>, now: number, wallNow: number = now): ModelLimits {
  const num = (name: string): number | undefined => {
    const v = headers[name];
    const n = v === undefined ? NaN : Number(v);
    return Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  return {
    minute: {
      limit: num('x-ratelimit-limit-requests'),
      remaining: num('x-ratelimit-remaining-requests'),
      resetAt: parseReset(headers['x-ratelimit-reset-requests'], now, wallNow),
    },
    day: {
      limit: num('x-ratelimit-limit-requests-day'),
      remaining: num('x-ratelimit-remaining-requests-day'),
      resetAt: parseReset(headers['x-ratelimit-reset-requests-day'], now, wallNow),
    },
    observedAt: now,
  };
}

/**
 * A reset value as a time on the caller's clock (`now`; `wallNow` is the wall clock at the same
 * instant, needed for timestamps and dates when the caller's clock is monotonic). The notes could
 * not tell whether SambaNova sends seconds to wait or a timestamp, so every common form is read:
 * seconds ("42", "0.5"), Unix seconds or milliseconds, durations ("1m30s", "250ms", "6h0m0s") and
 * HTTP dates. The one reader of these values: the status bar's budget and completion's throttle.
 */
export function parseReset(value: string | undefined, now: number, wallNow: number = now): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    if (n > 1e12) return now + Math.max(0, n - wallNow);
    if (n > 1e9) return now + Math.max(0, n * 1000 - wallNow);
    return now + n * 1000;
  }
  const d = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/.exec(v);
  if (d && d.slice(1).some((g) => g !== undefined)) {
    return now + Number(d[1] ?? 0) * 3_600_000 + Number(d[2] ?? 0) * 60_000 + Number(d[3] ?? 0) * 1000 + Number(d[4] ?? 0);
  }
  const date = Date.parse(v);
  return Number.isFinite(date) ? now + Math.max(0, date - wallNow) : undefined;
}

/** Tokens this extension spent per model on one local calendar day; persisted by the host. */
export interface TokenTally {
  /** YYYY-MM-DD in local time. */
  day: string;
  models: Record<string, { promptTokens: number; completionTokens: number; requests: number }>;
}

export type BudgetLevel = 'unknown' | 'ok' | 'near' | 'out';

/** What the user reads about one model's allowance right now. */
export interface Budget {
  model: string;
  minute?: { limit?: number; remaining: number; resetsInMs?: number };
  day?: { limit?: number; remaining: number; resetsInMs?: number };
  tokensToday: number;
  requestsToday: number;
  level: BudgetLevel;
  /** The window that is near or out ('minute' is checked first: it runs out first). */
  tight?: 'minute' | 'day';
}

/** A window is "near" when this share of it, or fewer than 3 requests, is left (an agent turn takes several). */
const NEAR_SHARE = 0.15;
const NEAR_MIN = 3;

export function localDay(now: number): string {
  const d = new Date(now);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export class RateLimitTracker {
  private readonly limits = new Map<string, ModelLimits>();
  /** Read from `saved` on first use, not at activation: a process's first local date costs ~0.2 ms. */
  private today: TokenTally | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly now: () => number = Date.now,
    private saved?: TokenTally,
  ) {}

  private get tally(): TokenTally {
    if (!this.today) {
      const day = localDay(this.now());
      this.today = this.saved && this.saved.day === day ? structuredClone(this.saved) : { day, models: {} };
      this.saved = undefined;
    }
    return this.today;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** From any response to `model`, errors included (a 429 carries the figures too). */
  noteHeaders(model: string, headers: Readonly<Record<string, string>>): void {
    const parsed = readRateLimitHeaders(headers, this.now());
    const known = this.limits.get(model);
    // A header missing from this answer keeps what an earlier one said.
    this.limits.set(model, {
      minute: mergeWindow(known?.minute, parsed.minute),
      day: mergeWindow(known?.day, parsed.day),
      observedAt: parsed.observedAt,
    });
    this.fire();
  }

  /** Tokens of one finished (or failed, partly answered) request. */
  noteUsage(model: string, promptTokens: number, completionTokens: number): void {
    this.rollDay();
    const entry = (this.tally.models[model] ??= { promptTokens: 0, completionTokens: 0, requests: 0 });
    entry.promptTokens += Math.max(0, promptTokens);
    entry.completionTokens += Math.max(0, completionTokens);
    entry.requests++;
    this.fire();
  }

  /** The tally to persist (so "today" survives a window reload). */
  savedTally(): TokenTally {
    this.rollDay();
    return structuredClone(this.tally);
  }

  /** Models with figures, most recently answered first. */
  knownModels(): string[] {
    const seen = new Set([...this.limits.keys(), ...Object.keys(this.tally.models)]);
    return [...seen].sort((a, b) => (this.limits.get(b)?.observedAt ?? 0) - (this.limits.get(a)?.observedAt ?? 0));
  }

  budget(model: string): Budget {
    this.rollDay();
    const now = this.now();
    const spent = this.tally.models[model];
    const known = this.limits.get(model);
    const budget: Budget = {
      model,
      tokensToday: spent ? spent.promptTokens + spent.completionTokens : 0,
      requestsToday: spent?.requests ?? 0,
      level: 'unknown',
    };
    const minute = known && windowNow(known.minute, now);
    const day = known && windowNow(known.day, now);
    if (minute) budget.minute = minute;
    if (day) budget.day = day;
    for (const [name, w] of [['minute', minute], ['day', day]] as const) {
      if (!w) continue;
      const level = w.remaining <= 0 ? 'out' : w.remaining <= nearThreshold(w.limit) ? 'near' : 'ok';
      if (rank(level) > rank(budget.level)) {
        budget.level = level;
        if (level !== 'ok') budget.tight = name;
      }
    }
    return budget;
  }

  private rollDay(): void {
    const today = localDay(this.now());
    if (this.tally.day !== today) this.today = { day: today, models: {} };
  }

  private fire(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function mergeWindow(old: LimitWindow | undefined, fresh: LimitWindow): LimitWindow {
  return {
    limit: fresh.limit ?? old?.limit,
    remaining: fresh.remaining ?? old?.remaining,
    resetAt: fresh.remaining !== undefined ? fresh.resetAt : (fresh.resetAt ?? old?.resetAt),
  };
}

/** The window as it stands now: once its reset time passed, the whole limit is available again. */
function windowNow(w: LimitWindow, now: number): Budget['minute'] {
  if (w.remaining === undefined) return undefined;
  if (w.resetAt !== undefined && now >= w.resetAt) {
    return w.limit === undefined ? undefined : { limit: w.limit, remaining: w.limit };
  }
  const out: NonNullable<Budget['minute']> = { remaining: w.remaining };
  if (w.limit !== undefined) out.limit = w.limit;
  if (w.resetAt !== undefined) out.resetsInMs = w.resetAt - now;
  return out;
}

function nearThreshold(limit: number | undefined): number {
  return Math.max(NEAR_MIN, limit === undefined ? 0 : Math.ceil(limit * NEAR_SHARE));
}

function rank(level: BudgetLevel): number {
  return ['unknown', 'ok', 'near', 'out'].indexOf(level);
}
