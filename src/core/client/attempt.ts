// One HTTP request of an exchange: send, hand the response headers to the caller, then read the
// answer (an event stream, or one JSON body replayed as a chunk) into the assembler, and log one
// line. Retrying, figures and activity events are the client's (client.ts): an attempt only
// reports how its request went, by returning the request id or throwing.
import type { ClientSettings } from './api';
import { urlForLog } from './endpoints';
import { SambaNovaError, isAbortError } from './errors';
import type { Exchange } from './exchange';
import { httpError } from './httpErrors';
import type { Logger } from '../logger';
import { RequestScope } from './requestScope';
import { responseToChunk } from './responseToChunk';
import { SseDecoder } from './sse';
import { truncateRaw, type StreamAssembler, type StreamFlavour } from './streamAssembler';
import { readBodyText, readErrorText, type HttpTransport } from './transport';

/** The client's I/O that one attempt uses. */
export interface AttemptIO {
  transport: HttpTransport;
  now: () => number;
  log: Logger;
  settings: ClientSettings;
  headers: Record<string, string>;
}

/** Where the request goes and what it carries. */
export interface AttemptTarget {
  url: string;
  host: string;
  key: string;
  body: string;
}

/** When the network read being decoded arrived (one clock read per read, not per event). */
export interface ReadClock {
  at: number;
}

/** One HTTP request. Fills the assembler; returns the request id. */
export async function sendAttempt(
  io: AttemptIO,
  ex: Exchange,
  { url, host, key, body }: AttemptTarget,
  assembler: StreamAssembler,
  clock: ReadClock,
): Promise<string | undefined> {
  const scope = new RequestScope(ex.signal, io.settings.connectTimeoutMs, io.settings.stallTimeoutMs, host, key);
  const started = io.now();
  let status: number | undefined;
  let requestId: string | undefined;
  let outcome = 'ok';
  try {
    scope.throwIfAborted();
    const response = await io.transport({ method: 'POST', url, headers: io.headers, body, signal: scope.signal });
    scope.headersArrived();
    status = response.status;
    requestId = response.header('x-request-id');
    if (ex.onResponseHeaders) {
      try {
        ex.onResponseHeaders({ status, header: (name) => response.header(name) });
      } catch (error) {
        io.log.error(`A response-headers listener threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (status < 200 || status >= 300) {
      const text = await readErrorText(response, () => scope.touch()).catch(() => '');
      scope.throwIfAborted();
      const error = httpError({ status, headers: response.allHeaders(), bodyText: text, host, model: ex.model, apiKey: key, nowMs: Date.now() });
      if (error.serverMessage) io.log.debug(`Server message: ${error.serverMessage}`);
      throw error;
    }
    const contentType = response.header('content-type') ?? '';
    if (ex.stream && !contentType.includes('application/json')) {
      const decoder = new SseDecoder({ message: (e, d) => assembler.handle(e, d), finished: () => assembler.done });
      await response.read((chunk) => {
        scope.touch();
        clock.at = io.now();
        decoder.push(chunk);
        return assembler.done;
      });
      scope.throwIfAborted();
      clock.at = io.now();
      decoder.end();
      endOfStream(assembler, host, io.log);
    } else {
      // Non-streaming, or a server that ignored `stream: true`: one JSON body, replayed as one chunk.
      const text = await readBodyText(response, () => scope.touch());
      scope.throwIfAborted();
      clock.at = io.now();
      replayJson(text, ex.flavour, assembler, host, io.log);
    }
    return requestId;
  } catch (error) {
    const failure = scope.failure(error);
    outcome = isAbortError(failure) ? 'cancelled' : `failed: ${(failure as Error).message}`;
    throw failure;
  } finally {
    scope.dispose();
    const u = assembler.usage;
    const tokens = u ? ` tokens=${u.promptTokens}+${u.completionTokens}` : '';
    io.log.info(
      `POST ${urlForLog(url)} model=${ex.model} status=${status ?? '-'}${requestId ? ` request=${requestId}` : ''} ${Math.round(io.now() - started)} ms${tokens} ${outcome}`,
    );
  }
}

function endOfStream(assembler: StreamAssembler, host: string, log: Logger): void {
  if (assembler.done) return;
  // No [DONE]. If the finish reason and usage both came, nothing is missing but the terminator
  // itself (seen with some proxies): accept the answer and note it. Otherwise it was cut short.
  if (assembler.finishReason && assembler.usage) {
    assembler.endContent();
    log.warn(`The stream from ${host} ended without [DONE] after finish and usage; treating the answer as complete.`);
    return;
  }
  assembler.endContent();
  throw new SambaNovaError({
    kind: 'protocol',
    action: 'retry',
    userMessage: `The answer from ${host} ended before it was complete (the connection closed early); what arrived is kept.`,
  });
}

function replayJson(text: string, flavour: StreamFlavour, assembler: StreamAssembler, host: string, log: Logger): void {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    log.warn(`Unreadable answer from ${host}: ${truncateRaw(text)}`);
    throw new SambaNovaError({ kind: 'protocol', action: 'retry', userMessage: `${host} sent an answer that is not valid JSON.` });
  }
  assembler.handle(undefined, JSON.stringify(responseToChunk(json, flavour)));
  assembler.handle(undefined, '[DONE]');
}
