// The one SambaNova client the whole extension shares. I/O comes in through ClientDeps (fetch,
// key, settings, clock), so unit tests replay recorded streams through a fake fetch.
// Every chat and completion request takes one path: exchange.ts describes it, exchange() below
// runs it (key, retries, figures, activity events, rate-limit headers) and attempt.ts sends each
// HTTP request and reads its answer into the StreamAssembler, whose result is what every feature
// gets back (text, thinking, tool calls, usage, finish reason, figures).
import type { ClientDeps, Endpoints, KeyCheck, ModelListOptions, SambaNovaApi, StreamOptions } from './api';
import { sendAttempt, type AttemptIO, type ReadClock } from './attempt';
import { Emitter, type Disposable } from '../emitter';
import { RequestCancelledError, SambaNovaError, isAbortError } from './errors';
import { chatExchange, completionExchange, type Exchange } from './exchange';
import { resolveEndpoints, urlForLog } from './endpoints';
import { httpError, missingKeyError } from './httpErrors';
import { silentLogger, type Logger } from '../logger';
import { redactingLogger } from './redact';
import { ModelCache, toModelInfos } from './modelCache';
import { abortableSleep, abortError, RequestScope } from './requestScope';
import { pickRateLimitHeaders } from './rateLimits';
import { retryDelay, type RetryState } from './retryPolicy';
import { StreamAssembler, truncateRaw } from './streamAssembler';
import { ThroughputMeter, figuresOf } from './throughput';
import { fetchTransport, readBodyText, type HttpTransport } from './transport';
import type { ActivityEvent, ChatRequest, ChatResult, CompletionRequest, ModelInfo, RequestSource } from './types';
import { wireSchemas } from './lazyWire';

export const USER_AGENT = 'sambanova-vscode/0.1.0';
export const INTEGRATION_SOURCE = 'sambanova-vscode';

export class SambaNovaClient implements SambaNovaApi {
  private readonly activity = new Emitter<ActivityEvent>();
  readonly onDidActivity = (listener: (event: ActivityEvent) => void): Disposable => this.activity.event(listener);
  private readonly models = new ModelCache();
  private nextId = 1;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  /** Keys seen by this client, scrubbed from every log line as a last line of defence. */
  private readonly knownKeys = new Set<string>();
  private readonly log: Logger;
  private readonly transport: HttpTransport;

  constructor(private readonly deps: ClientDeps) {
    this.transport = deps.transport ?? fetchTransport(deps.fetch);
    this.now = deps.now ?? (() => performance.now());
    this.sleep = deps.sleep ?? abortableSleep;
    this.random = deps.random ?? Math.random;
    this.log = redactingLogger(deps.logger ?? silentLogger, () => [...this.knownKeys]);
  }

  endpoints(): Endpoints {
    return resolveEndpoints(this.deps.getSettings().baseUrl);
  }

  modelInfo(id: string): ModelInfo | undefined {
    return this.models.find(id);
  }

  streamChat(request: ChatRequest, options: StreamOptions = {}): Promise<ChatResult> {
    return this.exchange(() => chatExchange(request, true, options));
  }

  chat(request: ChatRequest, options: { signal?: AbortSignal } = {}): Promise<ChatResult> {
    return this.exchange(() => chatExchange(request, false, options));
  }

  streamCompletion(request: CompletionRequest, options: StreamOptions = {}): Promise<ChatResult> {
    return this.exchange(() => completionExchange(request, true, options));
  }

  complete(request: CompletionRequest, options: { signal?: AbortSignal } = {}): Promise<ChatResult> {
    return this.exchange(() => completionExchange(request, false, options));
  }

  async listModels(options: ModelListOptions = {}): Promise<ModelInfo[]> {
    const endpoints = this.endpoints();
    // SambaStudio endpoints serve one model and have no list route: an empty list means
    // "use the configured model name", which the model picker shows as a free-text entry.
    if (!endpoints.models) return [];
    const key = await this.requireKey(endpoints, 'models', options.interactive ?? false);
    if (!options.refresh) {
      const cached = this.models.get(endpoints.models, key, this.now());
      if (cached) return cached;
    }
    const models = await this.fetchModels(endpoints, key, options.signal);
    this.models.set(endpoints.models, key, models, this.now());
    return models;
  }

  /** `at`: the endpoints the caller named the user (the settings may have changed since). */
  async checkKey(key: string, signal?: AbortSignal, at?: Endpoints): Promise<KeyCheck> {
    const trimmed = key.trim();
    if (!trimmed) return { ok: false, error: missingKeyError() };
    this.knownKeys.add(trimmed);
    try {
      const endpoints = at ?? this.endpoints();
      if (!endpoints.models) return await this.probeStudioKey(endpoints, trimmed, signal);
      const models = await this.fetchModels(endpoints, trimmed, signal);
      this.models.set(endpoints.models, trimmed, models, this.now());
      return { ok: true, models };
    } catch (error) {
      if (isAbortError(error)) throw error;
      return { ok: false, error: asSambaNovaError(error) };
    }
  }

  // ---- models ----

  private async fetchModels(endpoints: Endpoints, key: string, signal: AbortSignal | undefined): Promise<ModelInfo[]> {
    const url = endpoints.models!;
    const { status, headers, text } = await this.simpleRequest('GET', url, endpoints.host, key, undefined, signal);
    if (status < 200 || status >= 300) throw httpError({ status, headers, bodyText: text, host: endpoints.host, apiKey: key });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = wireSchemas().ModelListSchema.safeParse(json);
    if (!parsed.success) {
      this.log.warn(`Unexpected /models answer: ${truncateRaw(text)}`);
      throw new SambaNovaError({
        kind: 'protocol',
        action: 'openSettings',
        userMessage: `${endpoints.host} did not answer /models with a model list. Check the base URL setting.`,
      });
    }
    return toModelInfos(parsed.data);
  }

  /** SambaStudio has no /models: an empty chat request tells a bad key (401/403) from a good one (400/422). */
  private async probeStudioKey(endpoints: Endpoints, key: string, signal: AbortSignal | undefined): Promise<KeyCheck> {
    const { status, headers, text } = await this.simpleRequest('POST', endpoints.chatCompletions, endpoints.host, key, '{}', signal);
    if ((status >= 200 && status < 300) || status === 400 || status === 422) return { ok: true, models: [] };
    return { ok: false, error: httpError({ status, headers, bodyText: text, host: endpoints.host, apiKey: key }) };
  }

  private async simpleRequest(
    method: 'GET' | 'POST',
    url: string,
    host: string,
    key: string,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; headers: Headers; text: string }> {
    const settings = this.deps.getSettings();
    const scope = new RequestScope(signal, settings.connectTimeoutMs, settings.stallTimeoutMs, host, key);
    const started = this.now();
    try {
      scope.throwIfAborted();
      const response = await this.transport({ method, url, headers: this.headers(key, false, body !== undefined), body, signal: scope.signal });
      scope.headersArrived();
      const text = await readBodyText(response, () => scope.touch());
      scope.throwIfAborted();
      const requestId = response.header('x-request-id');
      this.log.info(`${method} ${urlForLog(url)} ${response.status}${requestId ? ` request=${requestId}` : ''} ${Math.round(this.now() - started)} ms`);
      return { status: response.status, headers: response.allHeaders(), text };
    } catch (error) {
      const failure = scope.failure(error);
      this.log.info(`${method} ${urlForLog(url)} failed after ${Math.round(this.now() - started)} ms: ${failure.message}`);
      throw failure;
    } finally {
      scope.dispose();
    }
  }

  // ---- chat and completions ----

  private async requireKey(endpoints: Endpoints, source: RequestSource | 'models', interactive: boolean): Promise<string> {
    const cleartext = new URL(endpoints.chatCompletions).protocol === 'http:';
    const key = (await this.deps.getApiKey({ host: endpoints.host, cleartext, interactive, source }))?.trim();
    if (!key) throw missingKeyError();
    this.knownKeys.add(key);
    return key;
  }

  private headers(key: string, stream: boolean, hasBody: boolean): Record<string, string> {
    const h: Record<string, string> = {
      Authorization: `Bearer ${key}`,
      Accept: stream ? 'text/event-stream' : 'application/json',
      // A compressed event stream gets buffered by servers and proxies (tokens arrive in bursts)
      // and costs a decompression per read; token text is small anyway.
      ...(stream ? { 'Accept-Encoding': 'identity' } : {}),
      'User-Agent': this.deps.userAgent ?? USER_AGENT,
      'X-Integration-Source': INTEGRATION_SOURCE,
    };
    if (hasBody) h['Content-Type'] = 'application/json';
    return h;
  }

  /** One logical request: validation, retries, activity events, metrics and the final log line. */
  private async exchange(describe: () => Exchange): Promise<ChatResult> {
    const id = this.nextId++;
    let ex: Exchange;
    try {
      ex = describe();
    } catch (error) {
      // Bad settings: reported like any failure, before anything is sent.
      const err = asSambaNovaError(error);
      this.activity.fire({ kind: 'error', id, error: err });
      throw err;
    }
    const startedAt = this.now();
    this.activity.fire({ kind: 'start', id, model: ex.model, source: ex.source });
    const meter = new ThroughputMeter(startedAt);
    let assembler: StreamAssembler | undefined;
    let requestId: string | undefined;
    const metrics = () =>
      meter.metrics({
        model: assembler?.model ?? ex.model,
        source: ex.source,
        endedAt: this.now(),
        usage: assembler?.usage,
        requestId,
        finishReason: assembler?.finishReason,
        pricing: this.models.find(ex.model)?.pricing,
      });

    // Every answer's rate-limit headers go to one listener (the status bar's budget), whichever
    // feature asked; the caller's own hook still runs.
    const callerHook = ex.onResponseHeaders;
    ex.onResponseHeaders = (response) => {
      const headers = pickRateLimitHeaders((name) => response.header(name));
      if (headers) this.activity.fire({ kind: 'rateLimits', id, model: ex.model, headers });
      callerHook?.(response);
    };
    try {
      if (ex.signal?.aborted) throw abortError();
      const endpoints = this.endpoints();
      const url = ex.flavour === 'chat' ? endpoints.chatCompletions : endpoints.completions;
      if (!url) {
        throw new SambaNovaError({
          kind: 'config',
          action: 'openSettings',
          userMessage: 'This SambaStudio endpoint has no /completions route; only chat works with it.',
        });
      }
      const key = await this.requireKey(endpoints, ex.source, ex.interactive);
      const body = JSON.stringify(ex.body);
      const retry: RetryState = { retries: 0, transientRetryUsed: false };
      // Set once per network read by attempt(): every event of one read arrived at the same time.
      const clock: ReadClock = { at: startedAt };
      for (;;) {
        let emittedAny = false;
        assembler = new StreamAssembler(ex.flavour, ex.model, ex.implicitThinking, {
          event: (event) => {
            emittedAny = true;
            // A re-delivery of earlier reasoning as text was counted when it first arrived.
            if ((event.type === 'text' && !event.replacesReasoning) || event.type === 'reasoning') {
              const now = clock.at;
              if (meter.add(event.text.length, now)) {
                this.activity.fire({ kind: 'progress', id, completionTokens: meter.estimatedTokens, tokensPerSecond: meter.liveTokensPerSecond(now) });
              }
            }
            if (ex.onEvent) {
              try {
                ex.onEvent(event);
              } catch (error) {
                this.log.error(`A stream listener threw: ${error instanceof Error ? error.message : String(error)}`);
              }
            }
          },
          badChunk: (raw, reason) => this.log.warn(`Malformed stream chunk (${reason}): ${truncateRaw(raw)}`),
          secret: key,
        });
        try {
          const io: AttemptIO = { transport: this.transport, now: this.now, log: this.log, settings: this.deps.getSettings(), headers: this.headers(key, ex.stream, true) };
          requestId = await sendAttempt(io, ex, { url, host: endpoints.host, key, body }, assembler, clock);
          break;
        } catch (error) {
          if (isAbortError(error)) throw error;
          const err = asSambaNovaError(error);
          // Never after the first event: a retry would repeat text the user already has.
          const delay = emittedAny ? undefined : retryDelay(err, retry, ex.maxRetries ?? this.deps.getSettings().maxRetries, this.random);
          if (delay === undefined) throw err;
          retry.retries++;
          if (err.kind !== 'rateLimited') retry.transientRetryUsed = true;
          this.log.warn(`Retry ${retry.retries} in ${delay} ms after ${err.kind}${err.status ? ` ${err.status}` : ''}: ${err.userMessage}`);
          this.activity.fire({ kind: 'retry', id, attempt: retry.retries, delayMs: delay, reason: err.kind });
          if (ex.onRetry) {
            try {
              ex.onRetry({ attempt: retry.retries, delayMs: delay, reason: err.kind });
            } catch (error) {
              this.log.error(`A retry listener threw: ${error instanceof Error ? error.message : String(error)}`);
            }
          }
          await this.sleep(delay, ex.signal);
        }
      }
      const result = assembler.result(requestId);
      const end = metrics();
      result.figures = figuresOf(end);
      this.activity.fire({ kind: 'end', id, metrics: end });
      return result;
    } catch (error) {
      if (isAbortError(error)) {
        const stopped = meter.firstTokenAt !== undefined ? metrics() : undefined;
        this.activity.fire({ kind: 'cancelled', id, metrics: stopped });
        throw new RequestCancelledError(stopped && figuresOf(stopped));
      }
      const err = asSambaNovaError(error);
      if (assembler) {
        err.partialText = assembler.text;
        err.partialReasoning = assembler.reasoning;
      }
      this.activity.fire({ kind: 'error', id, error: err, metrics: metrics() });
      throw err;
    }
  }

}

function asSambaNovaError(error: unknown): SambaNovaError {
  if (error instanceof SambaNovaError) return error;
  return new SambaNovaError({
    kind: 'protocol',
    action: 'showLog',
    userMessage: `Unexpected error talking to SambaNova: ${error instanceof Error ? error.message : String(error)}`,
    cause: error,
  });
}
