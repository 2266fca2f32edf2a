// The one HTTP exchange the client needs: send a request, get the status and headers, then have
// the body pushed chunk by chunk. Two implementations: fetchTransport (any fetch, so tests can
// replay recorded streams through a fake one) and nodeTransport (node:http/https, used by the
// extension because it reads a stream with less work per chunk and per request). Both follow
// redirects by the same rules (redirectedRequest) and cap what a compressed body may unpack to.
import { SambaNovaError } from './errors';
import { urlForLog } from './endpoints';

export interface TransportRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Aborting it ends the request at any stage; pending reads then resolve quietly. */
  signal: AbortSignal;
}

export interface TransportResponse {
  readonly status: number;
  /** One header by lower-case name; undefined when absent. */
  header(name: string): string | undefined;
  /** Every header, for error mapping (built on demand: the success path never needs it). */
  allHeaders(): Headers;
  /**
   * Pushes body chunks to onChunk until the body ends (resolves), the connection fails (rejects),
   * the request's signal aborts (resolves; the caller knows why), or onChunk returns true
   * ("I have all I need": resolves). onChunk may throw: reading stops and read() rejects with it.
   * Call at most once; the connection is released in every case.
   */
  read(onChunk: (chunk: Uint8Array) => boolean | void): Promise<void>;
}

export type HttpTransport = (request: TransportRequest) => Promise<TransportResponse>;

export const MAX_REDIRECTS = 5;

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/**
 * The request to send after a redirect, as fetch would send it, with one difference: a request
 * that would still carry its body (a 307/308 of a chat request: the conversation, attachments,
 * file contents) is not sent to another origin (scheme, host or port), https to http included.
 * Fetch drops only Authorization there; the body would reach a server the user never chose.
 * Throws a SambaNovaError naming where the redirect pointed.
 */
export function redirectedRequest(request: TransportRequest, status: number, location: string, redirects: number): TransportRequest {
  if (redirects >= MAX_REDIRECTS) throw new TypeError('redirect count exceeded');
  const from = new URL(request.url);
  const to = new URL(location, from);
  const headers = { ...request.headers };
  let method = request.method;
  let body = request.body;
  if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
    method = 'GET';
    body = undefined;
    for (const name of Object.keys(headers)) if (/^content-/i.test(name)) delete headers[name];
  }
  if (to.origin !== from.origin) {
    if (body !== undefined) throw crossOriginRedirectError(from, to);
    // As fetch does (Fetch standard, HTTP-redirect fetch): credentials never follow to another origin.
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
  }
  return { ...request, url: to.href, method, headers, body };
}

function crossOriginRedirectError(from: URL, to: URL): SambaNovaError {
  const where = urlForLog(to.href);
  return new SambaNovaError({
    kind: 'config',
    action: 'openSettings',
    code: 'cross_origin_redirect',
    userMessage: `${from.origin} redirected the request to ${where}, another server, so your conversation was not sent there. If that server is the right one, put its address in the "sambanova.baseUrl" setting.`,
  });
}

/**
 * How far a compressed body may unpack. Far above any answer (a 128k-token stream is ~30 MiB of
 * SSE), far below what a few hundred KiB of gzip or brotli can expand to.
 */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;

export function decodedTooLargeError(url: string): SambaNovaError {
  return new SambaNovaError({
    kind: 'protocol',
    action: 'showLog',
    code: 'body_too_large',
    userMessage: `${new URL(url).host} sent a compressed answer that unpacks to more than ${MAX_DECODED_BYTES / 1024 / 1024} MiB, so it was not read further. Check the base URL setting and any proxy.`,
  });
}

/** Adapts any fetch (global, VS Code's patched one, a test double) to HttpTransport. */
export function fetchTransport(fetchImpl: typeof globalThis.fetch): HttpTransport {
  return async (first) => {
    let request = first;
    for (let redirects = 0; ; redirects++) {
      const response = await fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: request.signal,
        redirect: 'manual', // followed below, by redirectedRequest's rules
      });
      const location = response.headers.get('location');
      if (isRedirect(response.status) && location !== null) {
        void response.body?.cancel().catch(() => {});
        request = redirectedRequest(request, response.status, location, redirects);
        continue;
      }
      // fetch undoes content-encoding itself; cap what it unpacks.
      const limit = response.headers.has('content-encoding') ? MAX_DECODED_BYTES : Infinity;
      const url = request.url;
      return {
        status: response.status,
        header: (name) => response.headers.get(name) ?? undefined,
        allHeaders: () => response.headers,
        read: (onChunk) => readWebBody(response.body, onChunk, request.signal, limit, url),
      };
    }
  };
}

/** Mirrors nodeTransport: how long to wait for the body's end after the last needed chunk. */
const END_GRACE_MS = 100;

async function drained(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    while (!(await reader.read()).done) {
      // discard what follows [DONE]
    }
  } catch {
    // the cancel in readWebBody's finally, or a late error: either way we are done with it
  }
}

async function readWebBody(
  body: ReadableStream<Uint8Array> | null,
  onChunk: (chunk: Uint8Array) => boolean | void,
  signal: AbortSignal,
  limit: number,
  url: string,
): Promise<void> {
  if (!body) return;
  let total = 0;
  const reader = body.getReader();
  // Resolves a pending read() with done, whatever fetch implementation made the body.
  const stop = (): void => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', stop);
  try {
    if (signal.aborted) return;
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) return;
      total += value.byteLength;
      if (total > limit) throw decodedTooLargeError(url);
      if (onChunk(value)) {
        // Let the body end (usually right after [DONE]) so the connection can be reused;
        // if it does not end soon, cancel below.
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([drained(reader), new Promise((resolve) => (timer = setTimeout(resolve, END_GRACE_MS)))]);
        clearTimeout(timer);
        return;
      }
    }
  } finally {
    signal.removeEventListener('abort', stop);
    // After the last needed chunk, an error or an abort the rest is not wanted: free the connection.
    reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** The most of a JSON answer (a model list, a non-streamed reply) we read: far above any real one. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** The most of an error body we read: what we show is a few hundred characters of it. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * A whole body as text; `onBytes` runs per read (the stall watchdog's heartbeat). Partial text
 * on abort. A body longer than `maxBytes` is an error (a proxy's endless page is not an answer).
 */
export async function readBodyText(response: TransportResponse, onBytes: () => void, maxBytes: number = MAX_BODY_BYTES): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let total = 0;
  await response.read((chunk) => {
    onBytes();
    total += chunk.byteLength;
    if (total > maxBytes) throw bodyTooLargeError(maxBytes);
    text += decoder.decode(chunk, { stream: true });
  });
  return text + decoder.decode();
}

/** The start of an error body (at most `maxBytes`): reading stops there and the connection is let go. */
export async function readErrorText(response: TransportResponse, onBytes: () => void, maxBytes: number = MAX_ERROR_BODY_BYTES): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let total = 0;
  await response.read((chunk) => {
    onBytes();
    const room = maxBytes - total;
    total += chunk.byteLength;
    text += decoder.decode(chunk.byteLength > room ? chunk.subarray(0, room) : chunk, { stream: true });
    return total >= maxBytes;
  });
  return text + decoder.decode();
}

function bodyTooLargeError(maxBytes: number): SambaNovaError {
  return new SambaNovaError({
    kind: 'protocol',
    action: 'showLog',
    code: 'body_too_large',
    userMessage: `The server's answer was larger than ${Math.round(maxBytes / 1024 / 1024)} MiB, so it was not read further. Check the base URL setting and any proxy.`,
  });
}
