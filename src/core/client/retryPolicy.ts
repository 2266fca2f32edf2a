// When to try a failed request again, and after how long. Only ever before any part of the
// answer arrived: retrying later would duplicate text the user already sees. Features that do
// not retry a request but pause before the next one (inline completion) take their waits and
// their reading of error kinds from here too, so there is one backoff policy.
import type { ErrorKind, SambaNovaError } from './errors';

export const BASE_BACKOFF_MS = 500;
export const MAX_BACKOFF_MS = 8_000;
/** A server asking for a longer pause gets reported, not silently waited for. */
export const MAX_HONOURED_RETRY_AFTER_MS = 60_000;

export interface RetryState {
  /** Retries already made for this request. */
  retries: number;
  /** Whether the single retry for a transient failure (5xx, 408, network, timeout) was used. */
  transientRetryUsed: boolean;
}

/** base, 2 x base, 4 x base ... capped at max; scaled by 0.75..1.25 when a random source is given. */
export function exponentialBackoffMs(attempt: number, options: { baseMs: number; maxMs: number; random?: () => number }): number {
  const base = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(options.random ? base * (0.75 + options.random() * 0.5) : base);
}

/** Jittered exponential backoff: 0.5 s, 1 s, 2 s ... capped at 8 s, each scaled by 0.75..1.25. */
export function backoffMs(retries: number, random: () => number): number {
  return exponentialBackoffMs(retries, { baseMs: BASE_BACKOFF_MS, maxMs: MAX_BACKOFF_MS, random });
}

/**
 * What a failure says about the next request: 'rateLimited' (wait for the server's time),
 * 'transient' (the same request may work soon), 'lasting' (it fails until the user changes
 * something: key, billing, model, settings), 'request' (this request only: too long a context).
 */
export type FailureClass = 'rateLimited' | 'transient' | 'lasting' | 'request';

export function failureClass(kind: ErrorKind): FailureClass {
  switch (kind) {
    case 'rateLimited':
      return 'rateLimited';
    case 'server':
    case 'timeout':
    case 'network':
    case 'stalled':
    case 'protocol':
      return 'transient';
    case 'contextTooLong':
      return 'request';
    case 'auth':
    case 'billing':
    case 'modelNotFound':
    case 'config':
    case 'badRequest':
      return 'lasting';
  }
}

/** After a lasting failure, ask again at most this often (unless settings change first). */
export const LASTING_FAILURE_PAUSE_MS = 60_000;
/** Pauses after transient failures of a feature that asks often: 1 s, 2 s ... 30 s. */
export const TRANSIENT_PAUSE = { baseMs: 1_000, maxMs: 30_000 } as const;

/**
 * How long a feature that sends requests on its own (not on a click) stays quiet after a
 * failure, or 0 when only that request was at fault. `failures` counts the failures in a row
 * before this one. Rate limits are the request budget's business (Retry-After, reset headers).
 */
export function pauseAfterFailure(kind: ErrorKind, failures: number): number {
  switch (failureClass(kind)) {
    case 'lasting':
      return LASTING_FAILURE_PAUSE_MS;
    case 'transient':
      return exponentialBackoffMs(failures, TRANSIENT_PAUSE);
    default:
      return 0;
  }
}

/** Milliseconds to wait before retrying, or undefined when the error must be reported. */
export function retryDelay(error: SambaNovaError, state: RetryState, maxRetries: number, random: () => number): number | undefined {
  if (state.retries >= maxRetries) return undefined;
  if (error.kind === 'rateLimited') {
    if (error.retryAfterMs !== undefined) return error.retryAfterMs <= MAX_HONOURED_RETRY_AFTER_MS ? error.retryAfterMs : undefined;
    return backoffMs(state.retries, random);
  }
  // A malformed stream is transient for a feature's next request, but the client does not
  // resend one: the answer may have been half shown.
  if (failureClass(error.kind) !== 'transient' || error.kind === 'protocol') return undefined;
  if (state.transientRetryUsed) return undefined;
  return backoffMs(state.retries, random);
}

/** How long a background read that failed is not asked again (unless the user asks). */
export const COOLDOWN_AFTER_FAILURE_MS = 30_000;

/**
 * The other half of the policy: a read nobody explicitly asked for (the chat's model list before a
 * send) is not repeated for a while after it failed, or every send would wait for a list the
 * server just failed to give. A failure is tied to what was asked (e.g. the base URL), so a
 * corrected setting is asked at once.
 */
export class FailureCooldown {
  private failure: { key: string; at: number } | undefined;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ms = COOLDOWN_AFTER_FAILURE_MS,
  ) {}

  failed(key: string): void {
    this.failure = { key, at: this.now() };
  }

  succeeded(): void {
    this.failure = undefined;
  }

  /** Whether asking for `key` now would repeat a failure that is still cooling down. */
  coolingDown(key: string): boolean {
    return this.failure !== undefined && this.failure.key === key && this.now() - this.failure.at < this.ms;
  }
}
