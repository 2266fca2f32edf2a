// HttpTransport over Node's http/https modules: the body arrives as 'data' events (no web
// streams, no promise per chunk), and response headers reach us sooner than through fetch.
//
// Proxies and certificates inside VS Code: the extension host patches the `http`/`https`
// modules for the user's proxy settings and system certificates, as it patches global fetch.
// microsoft/vscode src/vs/workbench/api/node/proxyResolver.ts: createPatchedModules()
// Object.assign()s createHttpPatch(...)'s `request`/`get` onto the real http and https module
// objects (so every importer sees them), and patchGlobalFetch() wraps globalThis.fetch.
// microsoft/vscode-proxy-agent src/index.ts createHttpPatch(): with `http.proxySupport`
// "override" (the default) or "fallback" every request gets a PacProxyAgent, with "on" only
// requests that bring no agent of their own; src/agent.ts: a DIRECT connection then goes through
// the caller's agent or https.globalAgent. So we pass no agent: the global agents keep
// connections alive (Node >= 19 defaults: keepAlive, lifo, 5 s idle timeout), and the proxy
// patch applies under every proxySupport setting.
//
// Behaves like fetch where the client can tell: errors carry Node's system codes (ECONNREFUSED,
// ENOTFOUND, ECONNRESET, TLS codes) for networkError() to name; redirects are followed by
// redirectedRequest's rules (as fetch follows them, except that a body never goes to another
// origin); gzip, deflate and br bodies are decoded, up to MAX_DECODED_BYTES. The client asks for
// `identity` on streams anyway: compressing an SSE stream makes proxies and servers buffer tokens.
import * as http from 'http';
import * as https from 'https';
import type { Readable } from 'stream';
import * as zlib from 'zlib';
import { decodedTooLargeError, isRedirect, MAX_DECODED_BYTES, redirectedRequest, type HttpTransport, type TransportRequest, type TransportResponse } from './transport';

/**
 * After the last needed byte ([DONE]) the body's end usually follows within a millisecond. Waiting
 * that long before resolving lets the socket return to the agent first, so a request sent right
 * after this one reuses it instead of opening (and TLS-handshaking) another.
 */
export const END_GRACE_MS = 100;
/** How long the rest of a body may take to drain in the background before we drop the connection. */
const DRAIN_MS = 2_000;

const noop = (): void => {};

export function nodeTransport(): HttpTransport {
  return (request) => send(request, 0);
}

function send(request: TransportRequest, redirects: number): Promise<TransportResponse> {
  return new Promise<TransportResponse>((resolve, reject) => {
    const { signal } = request;
    if (signal.aborted) return reject(abortError());
    let url: URL;
    try {
      url = new URL(request.url);
    } catch (error) {
      return reject(error);
    }
    const lib = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
    if (!lib) return reject(new TypeError(`Unsupported protocol ${url.protocol}`));

    const headers: Record<string, string> = {};
    for (const name of Object.keys(request.headers)) headers[name.toLowerCase()] = request.headers[name]!;
    headers['accept-encoding'] ??= 'gzip, deflate, br';
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));

    let settled = false;
    const req = lib.request(url, { method: request.method, headers }, (res) => {
      settled = true;
      signal.removeEventListener('abort', onAbortBeforeResponse);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (isRedirect(status) && location !== undefined) {
        res.on('error', noop);
        res.resume();
        let next: TransportRequest;
        try {
          next = redirectedRequest(request, status, location, redirects);
        } catch (error) {
          reject(error);
          return;
        }
        send(next, redirects + 1).then(resolve, reject);
        return;
      }
      resolve(new NodeResponse(res, signal, request.url));
    });
    const onAbortBeforeResponse = (): void => {
      req.destroy();
      if (!settled) {
        settled = true;
        reject(abortError());
      }
    };
    signal.addEventListener('abort', onAbortBeforeResponse, { once: true });
    req.on('error', (error) => {
      signal.removeEventListener('abort', onAbortBeforeResponse);
      if (settled) return;
      settled = true;
      reject(error);
    });
    req.end(request.body);
  });
}

class NodeResponse implements TransportResponse {
  readonly status: number;
  private readonly body: Readable;
  /** Bytes a decoder may still produce (Infinity for a body sent as it is). */
  private readonly limit: number;
  private reading = false;

  constructor(
    private readonly res: http.IncomingMessage,
    private readonly signal: AbortSignal,
    private readonly url: string,
  ) {
    this.status = res.statusCode ?? 0;
    this.body = decoded(res);
    this.limit = this.body === res ? Infinity : MAX_DECODED_BYTES;
    // Errors after we stop listening (a reset while draining) must not crash the extension host.
    res.on('error', noop);
    this.body.on('error', noop);
    if (signal.aborted) this.destroy();
  }

  header(name: string): string | undefined {
    const value = this.res.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  allHeaders(): Headers {
    const headers = new Headers();
    const raw = this.res.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      try {
        headers.append(raw[i]!, raw[i + 1]!);
      } catch {
        // A header value fetch would refuse: skip it rather than lose the error it explains.
      }
    }
    return headers;
  }

  read(onChunk: (chunk: Uint8Array) => boolean | void): Promise<void> {
    if (this.reading) return Promise.reject(new Error('The body was already read.'));
    this.reading = true;
    const { body, res, signal } = this;
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const finish = (error?: unknown): void => {
        if (done) return;
        done = true;
        clearTimeout(grace);
        body.off('data', onData);
        body.off('end', onEnd);
        body.off('error', onError);
        body.off('close', onClose);
        signal.removeEventListener('abort', onAbort);
        if (error === undefined) resolve();
        else reject(error);
      };
      let enough = false;
      let grace: ReturnType<typeof setTimeout> | undefined;
      let total = 0;
      const onData = (chunk: Buffer): void => {
        if (enough) return;
        total += chunk.length;
        if (total > this.limit) {
          this.destroy();
          finish(decodedTooLargeError(this.url));
          return;
        }
        try {
          enough = onChunk(chunk) === true;
        } catch (error) {
          this.destroy();
          finish(error);
          return;
        }
        if (enough) {
          grace = setTimeout(() => {
            finish();
            this.drain();
          }, END_GRACE_MS);
        }
      };
      const onEnd = (): void => {
        clearTimeout(grace);
        finish();
      };
      const onError = (error: Error): void => finish(signal.aborted ? undefined : error);
      // A body cut short (socket closed before the last chunk) without an 'error' first.
      const onClose = (): void => finish(signal.aborted || res.complete ? undefined : truncatedBody());
      const onAbort = (): void => {
        this.destroy();
        finish();
      };
      if (signal.aborted || body.destroyed) {
        finish(signal.aborted ? undefined : truncatedBody());
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      body.on('data', onData);
      body.on('end', onEnd);
      body.on('error', onError);
      body.on('close', onClose);
    });
  }

  /** Lets the rest of the body arrive so the keep-alive connection can serve the next request. */
  private drain(): void {
    if (this.body.readableEnded) return;
    const timer = setTimeout(() => this.destroy(), DRAIN_MS);
    timer.unref?.();
    this.body.once('end', () => clearTimeout(timer));
    this.body.once('close', () => clearTimeout(timer));
    this.body.resume();
  }

  private destroy(): void {
    this.body.destroy();
    this.res.destroy();
  }
}

/** The body with any content-encoding undone, flushing as bytes arrive so a stream stays live. */
function decoded(res: http.IncomingMessage): Readable {
  const encoding = res.headers['content-encoding']?.trim().toLowerCase();
  let decoder: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip') {
    decoder = zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } else if (encoding === 'deflate') {
    decoder = zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } else if (encoding === 'br') {
    decoder = zlib.createBrotliDecompress({
      flush: zlib.constants.BROTLI_OPERATION_FLUSH,
      finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
    });
  }
  if (!decoder) return res;
  const target = decoder;
  res.on('error', (error) => target.destroy(error));
  res.on('close', () => {
    if (!res.complete) target.destroy(truncatedBody());
  });
  res.pipe(target);
  return target;
}

function truncatedBody(): Error {
  return Object.assign(new Error('The connection closed before the whole body arrived.'), { code: 'ECONNRESET' });
}

function abortError(): Error {
  const error = new Error('This operation was aborted');
  error.name = 'AbortError';
  return error;
}
