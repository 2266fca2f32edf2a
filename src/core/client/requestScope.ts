// The lifetime of one HTTP request: the caller's signal, the connect timeout (no response headers
// in time) and the stall timeout (no bytes for a while) all end it through one AbortController,
// and afterwards we still know which of them did. Every listener and timer is removed in dispose().
import { SambaNovaError } from './errors';
import { connectTimeoutError, networkError, stallError } from './httpErrors';

export type AbortCause = 'caller' | 'connect' | 'stall';

/** What a cancelled request rejects with: isAbortError() is true for it. */
export function abortError(): Error {
  const error = new Error('The request was cancelled.');
  error.name = 'AbortError';
  return error;
}

/** Waits ms, or rejects with an AbortError as soon as the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class RequestScope {
  private readonly controller = new AbortController();
  private abortCause: AbortCause | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private stallTimer: ReturnType<typeof setTimeout> | undefined;
  private lastByteAt = 0;
  private readonly onCallerAbort = (): void => this.abort('caller');

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    private readonly connectTimeoutMs: number,
    private readonly stallTimeoutMs: number,
    private readonly host: string,
    private readonly apiKey: string | undefined,
  ) {
    if (callerSignal?.aborted) this.abort('caller');
    else callerSignal?.addEventListener('abort', this.onCallerAbort);
    if (!this.controller.signal.aborted && connectTimeoutMs > 0 && Number.isFinite(connectTimeoutMs)) {
      this.connectTimer = setTimeout(() => this.abort('connect'), connectTimeoutMs);
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get cause(): AbortCause | undefined {
    return this.abortCause;
  }

  /** Response headers are in: the connect timeout ends and the stall watchdog starts. */
  headersArrived(): void {
    clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    if (this.stallTimeoutMs > 0 && Number.isFinite(this.stallTimeoutMs) && !this.abortCause) {
      this.lastByteAt = performance.now();
      this.stallTimer = setTimeout(this.checkStall, this.stallTimeoutMs);
    }
  }

  /** Bytes arrived. Hot path: one clock read, no timer churn (the watchdog re-arms itself). */
  touch(): void {
    this.lastByteAt = performance.now();
  }

  private readonly checkStall = (): void => {
    const idle = performance.now() - this.lastByteAt;
    // Node may fire a timer up to a millisecond early relative to performance.now().
    if (idle >= this.stallTimeoutMs - 1) this.abort('stall');
    else this.stallTimer = setTimeout(this.checkStall, this.stallTimeoutMs - idle);
  };

  private abort(cause: AbortCause): void {
    if (this.abortCause) return;
    this.abortCause = cause;
    clearTimeout(this.connectTimer);
    clearTimeout(this.stallTimer);
    this.controller.abort();
  }

  /** Throws the right error if the scope was aborted (caller -> AbortError, timeouts -> typed errors). */
  throwIfAborted(): void {
    if (this.abortCause) throw this.abortFailure(this.abortCause);
  }

  /** Maps anything a request threw to what the caller should see. */
  failure(error: unknown): Error {
    if (this.abortCause) return this.abortFailure(this.abortCause);
    if (error instanceof SambaNovaError) return error;
    return networkError(error, this.host, this.apiKey);
  }

  private abortFailure(cause: AbortCause): Error {
    if (cause === 'caller') return abortError();
    if (cause === 'connect') return connectTimeoutError(this.host, this.connectTimeoutMs);
    return stallError(this.host, this.stallTimeoutMs);
  }

  dispose(): void {
    clearTimeout(this.connectTimer);
    clearTimeout(this.stallTimer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}
