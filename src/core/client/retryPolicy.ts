// When to try a failed request again, and after how long. Only ever before any part of the
// answer arrived: retrying later would duplicate text the user already sees.
import type { SambaNovaError } from './errors';

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

/** Jittered exponential backoff: 0.5 s, 1 s, 2 s ... capped at 8 s, each scaled by 0.75..1.25. */
export function backoffMs(retries: number, random: () => number): number {
  const base = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** retries);
  return Math.round(base * (0.75 + random() * 0.5));
}

/** Milliseconds to wait before retrying, or undefined when the error must be reported. */
export function retryDelay(error: SambaNovaError, state: RetryState, maxRetries: number, random: () => number): number | undefined {
  if (state.retries >= maxRetries) return undefined;
  switch (error.kind) {
    case 'rateLimited':
      if (error.retryAfterMs !== undefined) {
        return error.retryAfterMs <= MAX_HONOURED_RETRY_AFTER_MS ? error.retryAfterMs : undefined;
      }
      return backoffMs(state.retries, random);
    case 'server':
    case 'timeout':
    case 'network':
    case 'stalled':
      if (state.transientRetryUsed) return undefined;
      return backoffMs(state.retries, random);
    default:
      return undefined;
  }
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
