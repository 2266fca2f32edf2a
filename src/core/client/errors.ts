// One error type for everything that can go wrong talking to SambaNova. Each carries a sentence
// for the user and at most one fix-it action; the edge (command, chat, status bar) shows them.

export type ErrorKind =
  | 'auth' // 401/403: key missing or wrong
  | 'billing' // 402: no payment method
  | 'modelNotFound' // 404/410: model gone or never existed
  | 'contextTooLong' // 400 context_length_exceeded
  | 'badRequest' // other 400/422: a parameter the server rejected
  | 'rateLimited' // 429 (and queue full)
  | 'timeout' // 408, connect timeout
  | 'stalled' // no bytes for stallTimeout while streaming
  | 'server' // 5xx
  | 'network' // DNS, refused, reset, TLS, proxy
  | 'protocol' // malformed stream: bad JSON, stream ended without [DONE], error event mid-stream
  | 'config'; // our own settings are unusable (bad base URL, bad parameter)

export type FixAction = 'setApiKey' | 'allowKeyHost' | 'chooseModel' | 'retry' | 'openBilling' | 'openSettings' | 'showLog' | 'newChat';

export const fixActionLabels: Record<FixAction, string> = {
  setApiKey: 'Set API Key',
  // Asks whether the stored key may go to the configured host (see src/core/client/keyConsent.ts).
  allowKeyHost: 'Allow Key for Host',
  chooseModel: 'Choose Another Model',
  retry: 'Retry',
  openBilling: 'Open Billing',
  openSettings: 'Open Settings',
  showLog: 'Show Log',
  newChat: 'New Chat',
};

export interface SambaNovaErrorInit {
  kind: ErrorKind;
  /** One or two sentences the user reads: what happened and what to do. Never contains the key. */
  userMessage: string;
  action?: FixAction;
  status?: number;
  /** SambaNova's `code` (e.g. `context_length_exceeded`) when it sent one. */
  code?: string;
  /** The server's own message, for the log and the "details" of an error. */
  serverMessage?: string;
  requestId?: string;
  /** For 429: how long the server asked us to wait. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class SambaNovaError extends Error {
  readonly kind: ErrorKind;
  readonly userMessage: string;
  readonly action?: FixAction;
  readonly status?: number;
  readonly code?: string;
  readonly serverMessage?: string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  /** Text and reasoning that streamed before the failure; never thrown away. */
  partialText = '';
  partialReasoning = '';

  constructor(init: SambaNovaErrorInit) {
    super(init.userMessage, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'SambaNovaError';
    this.kind = init.kind;
    this.userMessage = init.userMessage;
    this.action = init.action;
    this.status = init.status;
    this.code = init.code;
    this.serverMessage = init.serverMessage;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Whether trying the same request again later could succeed. */
  get retryable(): boolean {
    return ['rateLimited', 'timeout', 'stalled', 'server', 'network', 'protocol'].includes(this.kind);
  }
}

/**
 * What the client rejects with when the caller cancels: isAbortError() is true for it, and it
 * carries the figures of what streamed before the stop (a stopped chat answer keeps them).
 */
export class RequestCancelledError extends Error {
  override readonly name = 'AbortError';

  constructor(readonly figures?: import('./types').RequestFigures) {
    super('The request was cancelled.');
  }
}

/** Cancellation is not an error: callers check this and return quietly. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'CancelledError');
}
