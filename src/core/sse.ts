// Reads a fetch body as Server-Sent Events: bytes -> TextDecoder (stream mode, so a UTF-8
// character split across reads is decoded once whole) -> eventsource-parser (which buffers until
// the blank line, so JSON split across reads is never parsed half) -> onMessage.
import { createParser, type EventSourceParser } from 'eventsource-parser';

export interface SseHandlers {
  /** One complete SSE message. May throw; the read stops and the error propagates. */
  message(event: string | undefined, data: string): void;
  /** Called once per network read, before its messages: the stall watchdog's heartbeat. */
  bytes(): void;
  /** Return true to stop reading (e.g. after [DONE]). */
  finished(): boolean;
}

/** The synchronous core of readSse: push bytes as they come, end() once the body is over. */
export class SseDecoder {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly parser: EventSourceParser;
  private failed = false;
  private failure: unknown;

  constructor(handlers: Pick<SseHandlers, 'message' | 'finished'>) {
    this.parser = createParser({
      onEvent: (message) => {
        if (this.failed || handlers.finished()) return;
        try {
          handlers.message(message.event, message.data);
        } catch (error) {
          this.failed = true;
          this.failure = error;
        }
      },
    });
  }

  /** Throws what a message handler threw. */
  push(bytes: Uint8Array): void {
    this.parser.feed(this.decoder.decode(bytes, { stream: true }));
    if (this.failed) throw this.failure;
  }

  end(): void {
    // A last message without its blank line still counts (some servers close right after
    // `data: [DONE]`); a truncated JSON line then surfaces as a malformed chunk, not silence.
    this.parser.feed(`${this.decoder.decode()}\n\n`);
    if (this.failed) throw this.failure;
  }
}

/**
 * Reads until the body ends, `finished()` turns true, or `signal` aborts (then resolves quietly;
 * the caller knows why it aborted). Releases the body in every case.
 */
export async function readSse(body: ReadableStream<Uint8Array>, handlers: SseHandlers, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const decoder = new SseDecoder(handlers);
  const stop = (): void => {
    // Resolves a pending read() with done, whatever fetch implementation made the body.
    reader.cancel().catch(() => {});
  };
  signal.addEventListener('abort', stop);
  try {
    if (signal.aborted) return;
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) return;
      if (done) {
        decoder.end();
        return;
      }
      handlers.bytes();
      decoder.push(value);
      if (handlers.finished()) return;
    }
  } finally {
    signal.removeEventListener('abort', stop);
    // After [DONE] or an error the rest of the body is not needed; free the connection.
    reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** Reads a whole body as text, with the same heartbeat and abort handling as readSse. */
export async function readText(body: ReadableStream<Uint8Array> | null, onBytes: () => void, signal: AbortSignal): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  const stop = (): void => {
    reader.cancel().catch(() => {});
  };
  signal.addEventListener('abort', stop);
  try {
    for (;;) {
      if (signal.aborted) return text;
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      onBytes();
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    signal.removeEventListener('abort', stop);
    reader.releaseLock();
  }
}
