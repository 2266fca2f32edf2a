// The public face of the SambaNova client. client.ts implements it; host code and tests depend
// on this interface only.
import type { Disposable } from '../emitter';
import type { SambaNovaError } from './errors';
import type { Logger } from '../logger';
import type { HttpTransport } from './transport';
import type {
  ActivityEvent,
  ChatRequest,
  ChatResult,
  CompletionRequest,
  ModelInfo,
  RequestSource,
  StreamEvent,
} from './types';

/** Settings the client reads on every request, so a change takes effect without a reload. */
export interface ClientSettings {
  /** As the user typed it: Cloud/SambaStack base URL, SambaStudio endpoint URL, or any OpenAI-compatible base. */
  baseUrl: string;
  connectTimeoutMs: number;
  stallTimeoutMs: number;
  maxRetries: number;
}

/** The client's I/O comes in as arguments, so tests replay recorded streams through a fake fetch. */
export interface ClientDeps {
  fetch: typeof globalThis.fetch;
  /**
   * Preferred over `fetch` when given: the extension passes nodeTransport() (node:http/https,
   * less work per streamed chunk). Tests and other hosts keep using `fetch`.
   */
  transport?: HttpTransport;
  /**
   * The key for one request, or undefined when there is none. The client says where the key
   * would go and whether the user may be asked first; the host side decides (src/core/client/keyConsent.ts)
   * and throws a KeyConsentRequiredError when it needs a yes it may not ask for.
   */
  getApiKey: (request: KeyRequest) => Promise<string | undefined>;
  getSettings: () => ClientSettings;
  logger?: Logger;
  /** Milliseconds; defaults to performance.now()-based wall clock. */
  now?: () => number;
  /** Waits before a retry; resolves early (rejects with AbortError) when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Sent as User-Agent; defaults to the extension's name. */
  userAgent?: string;
}

/** What getApiKey learns about the request that needs the key. */
export interface KeyRequest {
  /** host[:port] the key would be sent to (Endpoints.host). */
  host: string;
  /** The request goes over plain http://. */
  cleartext: boolean;
  /** Whether a modal may ask the user before the key is sent (see requestMayAsk in ./types). */
  interactive: boolean;
  source: RequestSource | 'models';
}

/** The URLs a base URL resolves to; shown to the user by "Show Endpoint". */
export interface Endpoints {
  kind: 'sambanova-cloud' | 'sambastack' | 'sambastudio' | 'openai-compatible';
  chatCompletions: string;
  /** Undefined where the flavour has no such route (SambaStudio endpoints). */
  completions?: string;
  models?: string;
  /** Host the API key is sent to. */
  host: string;
}

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  /** Why the attempt failed (an ErrorKind, e.g. 'rateLimited'). */
  reason: string;
}

export interface StreamOptions {
  signal?: AbortSignal;
  /** Called synchronously for every event, in order. Push-based so a fast stream costs no promise per token. */
  onEvent?: (event: StreamEvent) => void;
  /**
   * Called once per HTTP attempt when the status line and headers arrive (errors included), so a
   * caller can read `x-ratelimit-*` and `retry-after` (inline completion keeps its own request budget).
   */
  onResponseHeaders?: (response: ResponseHeadersInfo) => void;
  /** Called when a failed attempt will be retried after `delayMs` (e.g. a 429), before any answer arrived. */
  onRetry?: (retry: RetryInfo) => void;
  /** Overrides the `maxRetries` setting for this request (completion uses 0: a late answer is a stale one). */
  maxRetries?: number;
}

/** The status and headers of one HTTP attempt, read-only. */
export interface ResponseHeadersInfo {
  status: number;
  /** One header by lower-case name; undefined when absent. */
  header(name: string): string | undefined;
}

export interface ModelListOptions {
  signal?: AbortSignal;
  /** Skip the cache. */
  refresh?: boolean;
  /** May the user be asked before the key goes to a host it was not saved for? Default false. */
  interactive?: boolean;
}

export type KeyCheck =
  | { ok: true; models: ModelInfo[] }
  | { ok: false; error: SambaNovaError };

export interface SambaNovaApi {
  /** Lifecycle of every request (start, progress with live tokens/s, end with metrics, error). */
  readonly onDidActivity: (listener: (event: ActivityEvent) => void) => Disposable;

  /**
   * Streams a chat completion. Resolves with everything received. On failure rejects with a
   * SambaNovaError whose partialText/partialReasoning hold what arrived (events for it were
   * already delivered). On abort rejects with an AbortError (see isAbortError), also carrying
   * nothing new: the caller already has the partial text from its events.
   */
  streamChat(request: ChatRequest, options?: StreamOptions): Promise<ChatResult>;
  /** Non-streaming chat completion. */
  chat(request: ChatRequest, options?: { signal?: AbortSignal }): Promise<ChatResult>;
  /** Streams a raw-prompt /v1/completions request. */
  streamCompletion(request: CompletionRequest, options?: StreamOptions): Promise<ChatResult>;
  /** Non-streaming raw-prompt completion. */
  complete(request: CompletionRequest, options?: { signal?: AbortSignal }): Promise<ChatResult>;

  /** /v1/models, cached for a few minutes. */
  listModels(options?: ModelListOptions): Promise<ModelInfo[]>;
  /** Cached model info, if the list was fetched. */
  modelInfo(id: string): ModelInfo | undefined;
  /** Checks a key (not yet stored) against /v1/models of `at` (default: the configured endpoints). */
  checkKey(key: string, signal?: AbortSignal, at?: Endpoints): Promise<KeyCheck>;
  /** Where requests go right now. Throws a 'config' SambaNovaError for an unusable base URL. */
  endpoints(): Endpoints;
}

export type { Logger };
