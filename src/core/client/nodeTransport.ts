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
// ENOTFOUND, ECONNRESET, TLS codes) for networkError() to name; redirects are followed as fetch
// follows them (up to MAX_REDIRECTS; 301/302 turn a POST into a GET, 303 always; Authorization is
// dropped when the origin changes); gzip, deflate and br bodies are decoded. The client asks for
// `identity` on streams anyway: compressing an SSE stream makes proxies and servers buffer tokens.
import * as http from 'http';
import * as https from 'https';
import type { Readable } from 'stream';
import * as zlib from 'zlib';
import type { HttpTransport, TransportRequest, TransportResponse } from './transport';

export const MAX_REDIRECTS = 5;
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
        redirect(request, url, status, location, redirects).then(resolve, reject);
        return;
      }
      resolve(new NodeResponse(res, signal));
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

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function redirect(request: TransportRequest, from: URL, status: number, location: string, redirects: number): Promise<TransportResponse> {
  if (redirects >= MAX_REDIRECTS) return Promise.reject(new TypeError('redirect count exceeded'));
  let to: URL;
  try {
    to = new URL(location, from);
  } catch (error) {
    return Promise.reject(error);
  }
  const headers = { ...request.headers };
  let method = request.method;
  let body = request.body;
  if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
    method = 'GET';
    body = undefined;
    for (const name of Object.keys(headers)) if (/^content-/i.test(name)) delete headers[name];
  }
  // As fetch does (Fetch standard, HTTP-redirect fetch): credentials never follow to another origin.
  if (to.origin !== from.origin) {
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
  }
  return send({ ...request, url: to.href, method, headers, body }, redirects + 1);
}

class NodeResponse implements TransportResponse {
  readonly status: number;
  private readonly body: Readable;
  private reading = false;

  constructor(
    private readonly res: http.IncomingMessage,
    private readonly signal: AbortSignal,
  ) {
    this.status = res.statusCode ?? 0;
    this.body = decoded(res);
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
      const onData = (chunk: Buffer): void => {
        if (enough) return;
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
