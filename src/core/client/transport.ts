// The one HTTP exchange the client needs: send a request, get the status and headers, then have
// the body pushed chunk by chunk. Two implementations: fetchTransport (any fetch, so tests can
// replay recorded streams through a fake one) and nodeTransport (node:http/https, used by the
// extension because it reads a stream with less work per chunk and per request).

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

/** Adapts any fetch (global, VS Code's patched one, a test double) to HttpTransport. */
export function fetchTransport(fetchImpl: typeof globalThis.fetch): HttpTransport {
  return async (request) => {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
    });
    return {
      status: response.status,
      header: (name) => response.headers.get(name) ?? undefined,
      allHeaders: () => response.headers,
      read: (onChunk) => readWebBody(response.body, onChunk, request.signal),
    };
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

async function readWebBody(body: ReadableStream<Uint8Array> | null, onChunk: (chunk: Uint8Array) => boolean | void, signal: AbortSignal): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  // Resolves a pending read() with done, whatever fetch implementation made the body.
  const stop = (): void => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', stop);
  try {
    if (signal.aborted) return;
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) return;
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

/** A whole body as text; `onBytes` runs per read (the stall watchdog's heartbeat). Partial text on abort. */
export async function readBodyText(response: TransportResponse, onBytes: () => void): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  await response.read((chunk) => {
    onBytes();
    text += decoder.decode(chunk, { stream: true });
  });
  return text + decoder.decode();
}
