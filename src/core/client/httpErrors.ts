// Maps what went wrong on the wire (an HTTP status with any body shape, a failed connection, a
// timeout) to one SambaNovaError with a sentence for the user and one fix-it action.
import { countText } from '../countText';
import { SambaNovaError } from './errors';
import { wireSchemas } from './lazyWire';
import { scrubOne } from './redact';

export interface ParsedErrorBody {
  message?: string;
  type?: string;
  code?: string;
  param?: string;
  requestId?: string;
}

const MAX_SERVER_MESSAGE = 500;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** Reads every error body shape SambaNova uses: JSON object error, JSON string error, plain text, empty. */
export function parseErrorBody(text: string): ParsedErrorBody {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  if (trimmed.startsWith('{')) {
    try {
      const parsed = wireSchemas().ErrorBodySchema.safeParse(JSON.parse(trimmed));
      if (parsed.success) {
        const body = parsed.data;
        const requestId = str(body.request_id);
        if (typeof body.error === 'string') return { message: body.error, requestId };
        return {
          message: str(body.error.message) ?? str(body.message),
          type: str(body.error.type),
          code: str(body.error.code),
          param: str(body.error.param),
          requestId,
        };
      }
    } catch {
      // Not JSON after all: fall through and show it as text.
    }
  }
  // text/plain (400/422/500/503) or an HTML page from a proxy: keep a readable first part.
  const plain = trimmed.startsWith('<') ? stripTags(trimmed) : trimmed;
  return { message: plain.length > MAX_SERVER_MESSAGE ? `${plain.slice(0, MAX_SERVER_MESSAGE)}...` : plain };
}

function stripTags(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `retry-after-ms`, then `retry-after` as seconds or an HTTP date; undefined when absent or unusable. */
export function parseRetryAfter(headers: Headers, nowMs: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null) {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return n;
  }
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * Replaces a key a server may have echoed back, as written or JSON-escaped. Never let one
 * through, even partially masked by us.
 */
export function scrubSecret(text: string, secret: string | undefined): string {
  return scrubOne(text, secret);
}

export interface HttpErrorContext {
  status: number;
  headers: Headers;
  bodyText: string;
  host: string;
  model?: string;
  apiKey?: string;
  nowMs?: number;
}

const CONTEXT_LIMIT = /maximum context length (?:of [^\s]+ )?is (\d+)/i;

/** One SambaNovaError for an HTTP error response. */
export function httpError(ctx: HttpErrorContext): SambaNovaError {
  // Scrubbed before decoding (the raw text is what a log might show) and after (what decoding made).
  const parsed = parseErrorBody(scrubSecret(ctx.bodyText, ctx.apiKey));
  const body: ParsedErrorBody = {};
  for (const [field, value] of Object.entries(parsed) as [keyof ParsedErrorBody, string | undefined][]) {
    if (value !== undefined) body[field] = scrubSecret(value, ctx.apiKey);
  }
  const requestId = body.requestId ?? ctx.headers.get('x-request-id') ?? undefined;
  const serverMessage = body.message;
  const said = serverMessage ? ` The server said: ${quote(serverMessage)}` : '';
  const model = ctx.model ? `"${ctx.model}"` : 'the selected model';
  const base = { status: ctx.status, code: body.code, serverMessage, requestId };
  const s = ctx.status;

  const isContext =
    body.code === 'context_length_exceeded' || (serverMessage !== undefined && /context length|context_length|too many tokens/i.test(serverMessage));
  if ((s === 400 || s === 413 || s === 422) && isContext) {
    const limit = serverMessage?.match(CONTEXT_LIMIT)?.[1];
    const limitText = limit ? ` (${model} accepts at most ${countText(Number(limit))} tokens)` : '';
    return new SambaNovaError({
      ...base,
      kind: 'contextTooLong',
      action: 'newChat',
      userMessage: `The conversation is too long for ${model}${limitText}. Start a new chat or send less context.`,
    });
  }
  if (s === 401 || s === 403) {
    return new SambaNovaError({
      ...base,
      kind: 'auth',
      action: 'setApiKey',
      userMessage:
        s === 401
          ? `${ctx.host} rejected the API key (401). Set a valid SambaNova API key.`
          : `${ctx.host} refused access with this API key (403). Check that the key is allowed to use ${model}, or set another key.`,
    });
  }
  if (s === 402) {
    return new SambaNovaError({
      ...base,
      kind: 'billing',
      action: 'openBilling',
      userMessage: `SambaNova needs a payment method before it answers (402). Add one in your SambaNova billing settings.${said}`,
    });
  }
  if (s === 404 || s === 410 || body.code === 'model_not_found' || body.code === 'model_deprecated') {
    const modelProblem = s === 410 || body.param === 'model' || /model/i.test(body.code ?? '') || /model/i.test(serverMessage ?? '');
    if (modelProblem) {
      return new SambaNovaError({
        ...base,
        kind: 'modelNotFound',
        action: 'chooseModel',
        userMessage:
          s === 410
            ? `The model ${model} is no longer available on ${ctx.host}. Choose another model.`
            : `The model ${model} does not exist on ${ctx.host} or this key has no access to it. Choose another model.`,
      });
    }
    return new SambaNovaError({
      ...base,
      kind: 'badRequest',
      action: 'openSettings',
      userMessage: `${ctx.host} has no such endpoint (${s}). Check the base URL setting.${said}`,
    });
  }
  if (s === 408) {
    return new SambaNovaError({ ...base, kind: 'timeout', action: 'retry', userMessage: `${ctx.host} timed out waiting for the request (408). Try again.` });
  }
  if (s === 429) {
    const retryAfterMs = parseRetryAfter(ctx.headers, ctx.nowMs);
    const wait = retryAfterMs !== undefined ? ` SambaNova asks to wait ${describeWait(retryAfterMs)}.` : ' Wait a moment and try again.';
    return new SambaNovaError({
      ...base,
      retryAfterMs,
      kind: 'rateLimited',
      action: 'retry',
      userMessage: `SambaNova's rate limit for ${model} was reached (429).${wait}`,
    });
  }
  if (s >= 500) {
    return new SambaNovaError({
      ...base,
      kind: 'server',
      action: 'retry',
      userMessage: `${ctx.host} had a server error (${s}). Try again in a moment.${said}`,
    });
  }
  if (s >= 400) {
    return new SambaNovaError({
      ...base,
      kind: 'badRequest',
      action: 'openSettings',
      userMessage: `${ctx.host} rejected the request (${s}).${said || ' Check the model and parameter settings.'}`,
    });
  }
  return new SambaNovaError({
    ...base,
    kind: 'protocol',
    action: 'showLog',
    userMessage: `${ctx.host} answered with an unexpected status ${s}.`,
  });
}

function quote(message: string): string {
  const m = message.length > 300 ? `${message.slice(0, 297)}...` : message;
  return m.endsWith('.') ? `"${m.slice(0, -1)}".` : `"${m}".`;
}

export function describeWait(ms: number): string {
  if (ms < 1000) return `${Math.max(1, Math.round(ms))} ms`;
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  return `${Math.round(s / 60)} min`;
}

/** Digs the system error out of fetch's "fetch failed" TypeError (undici puts it in `cause`). */
function systemCause(error: unknown): { code?: string; message: string } {
  let current: unknown = error;
  // Without a code, the innermost message says most ("bad port", "other side closed").
  let message = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return { code, message: current.message };
    if (current.message) message = current.message;
    current = (current as { cause?: unknown }).cause;
  }
  return { message };
}

const CAUSES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (is the server running and the port right?)',
  ENOTFOUND: 'the host name could not be resolved (DNS)',
  EAI_AGAIN: 'the host name could not be resolved right now (DNS)',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is self-signed (a proxy?)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate does not match the host name',
};

/** A failed connection: names the host and the cause, suggests checking the base URL or proxy. */
export function networkError(error: unknown, host: string, apiKey?: string): SambaNovaError {
  const cause = systemCause(error);
  const reason = (cause.code && CAUSES[cause.code]) ?? scrubSecret(cause.message, apiKey);
  const tls = cause.code !== undefined && /CERT|TLS|SSL/.test(cause.code);
  return new SambaNovaError({
    kind: 'network',
    action: tls || cause.code === 'ENOTFOUND' ? 'openSettings' : 'retry',
    code: cause.code,
    serverMessage: scrubSecret(cause.message, apiKey),
    userMessage: `The connection to ${host} failed: ${reason}. Check the base URL setting and any proxy, then try again.`,
    cause: error,
  });
}

export function connectTimeoutError(host: string, ms: number): SambaNovaError {
  return new SambaNovaError({
    kind: 'timeout',
    action: 'retry',
    userMessage: `${host} did not answer within ${describeWait(ms)}. Try again, or raise "sambanova.connectTimeoutSeconds".`,
  });
}

export function stallError(host: string, ms: number): SambaNovaError {
  return new SambaNovaError({
    kind: 'stalled',
    action: 'retry',
    userMessage: `The answer from ${host} stopped for ${describeWait(ms)}; what arrived is kept. Try again.`,
  });
}

export function missingKeyError(): SambaNovaError {
  return new SambaNovaError({
    kind: 'auth',
    action: 'setApiKey',
    userMessage: 'No SambaNova API key is set. Run "SambaNova: Set API Key" to add one.',
  });
}
