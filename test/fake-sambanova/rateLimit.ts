// Per-model request limits as SambaNova reports them (API-NOTES §4 "Rate-limit headers"):
// x-ratelimit-{limit,remaining,reset}-requests for the minute and the same with "-day", on every
// answer, and 429 + Retry-After once the minute's requests are used up. The notes could not find
// whether "reset" is seconds or a timestamp; the fake sends whole seconds until a request slot
// frees up. Retry-After is not documented by SambaNova (the official SDK honours it if present);
// the fake sends it in whole seconds, like HTTP's Retry-After. The "minute" can be compressed
// (windowMs) so a benchmark can run a 20-per-minute limit in less than real time.

export interface RateLimitSettings {
  /** Requests per window per model; 0 = no limit and no headers. */
  rpm: number;
  /** Requests per day per model; 0 = no day limit (day headers still sent, with rpm * 1440). */
  rpd: number;
  /** Length of the "minute" in ms (60000 real; smaller to compress time). A day is 1440 windows. */
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  /** Accepted request times per model (ms), oldest first. */
  private readonly minute = new Map<string, number[]>();
  private readonly day = new Map<string, number[]>();
  /** Requests refused with 429, per model. */
  readonly refused = new Map<string, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  reset(): void {
    this.minute.clear();
    this.day.clear();
    this.refused.clear();
  }

  /** Counts the request if it is allowed; answers the headers either way. */
  take(model: string, settings: RateLimitSettings): RateDecision | undefined {
    if (settings.rpm <= 0) return undefined;
    const now = this.now();
    const dayMs = settings.windowMs * 1440;
    const rpd = settings.rpd > 0 ? settings.rpd : settings.rpm * 1440;
    const inMinute = prune(this.minute, model, now - settings.windowMs);
    const inDay = prune(this.day, model, now - dayMs);
    const allowed = inMinute.length < settings.rpm && inDay.length < rpd;
    if (allowed) {
      inMinute.push(now);
      inDay.push(now);
    } else {
      this.refused.set(model, (this.refused.get(model) ?? 0) + 1);
    }
    const seconds = (ms: number) => String(Math.max(0, Math.ceil(ms / 1000)));
    const minuteReset = inMinute.length > 0 ? inMinute[0]! + settings.windowMs - now : 0;
    const dayReset = inDay.length > 0 ? inDay[0]! + dayMs - now : 0;
    const headers: Record<string, string> = {
      'x-ratelimit-limit-requests': String(settings.rpm),
      'x-ratelimit-remaining-requests': String(Math.max(0, settings.rpm - inMinute.length)),
      'x-ratelimit-reset-requests': seconds(minuteReset),
      'x-ratelimit-limit-requests-day': String(rpd),
      'x-ratelimit-remaining-requests-day': String(Math.max(0, rpd - inDay.length)),
      'x-ratelimit-reset-requests-day': seconds(dayReset),
    };
    if (!allowed) {
      const dayFull = inDay.length >= rpd;
      headers['retry-after'] = seconds(dayFull ? dayReset : minuteReset);
    }
    return { allowed, headers };
  }
}

function prune(map: Map<string, number[]>, model: string, after: number): number[] {
  let times = map.get(model);
  if (!times) map.set(model, (times = []));
  while (times.length > 0 && times[0]! <= after) times.shift();
  return times;
}
