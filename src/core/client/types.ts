// The shapes the SambaNova client speaks in. Everything outside core (host, chat, commands)
// builds on these; wire formats (zod schemas of what the server sends) live in wire.ts.

export type Role = 'system' | 'user' | 'assistant' | 'tool';

export type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text of the arguments, exactly as the model produced it. */
  arguments: string;
}

export interface ChatMessage {
  role: Role;
  /** A plain string for text (SambaNova rejects part lists for text-only models); parts only for images. */
  content: string | ContentPart[];
  toolCalls?: ToolCall[];
  toolCallId?: string;
}

export interface ToolDefinition {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

export type ReasoningEffort = 'low' | 'medium' | 'high';

/** Sampling parameters, validated by params.ts before they go on the wire. */
export interface SamplingParams {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTokens?: number;
  stop?: string[];
  seed?: number;
  reasoningEffort?: ReasoningEffort;
  chatTemplateKwargs?: Record<string, unknown>;
  /** Escape hatch: merged into the body (fields SambaNova rejects are still removed). */
  extraBody?: Record<string, unknown>;
}

/** Which feature made a request; shown in the log and the status bar tooltip. */
export type RequestSource = 'chat' | 'completion' | 'command' | 'check' | 'test' | 'languageModel' | 'participant';

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  params?: SamplingParams;
  tools?: ToolDefinition[];
  toolChoice?: 'none' | 'auto' | 'required' | { name: string };
  source?: RequestSource;
  /**
   * May the user be asked (a modal) before the key goes to a host it was not saved for? Defaults
   * by source (requestMayAsk in ./keyConsent); pass false for requests nobody is waiting on.
   */
  interactive?: boolean;
}

/** A raw-prompt request to /v1/completions (the prompt carries the model's own template tokens). */
export interface CompletionRequest {
  model: string;
  prompt: string;
  params?: SamplingParams;
  source?: RequestSource;
  /** As ChatRequest.interactive; inline completion never asks. */
  interactive?: boolean;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | (string & {});

/** Token counts and SambaNova's own speed figures from the final `usage` chunk. */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  reasoningTokens?: number;
  cachedPromptTokens?: number;
  /** Seconds, as SambaNova measured them. */
  timeToFirstTokenSec?: number;
  totalLatencySec?: number;
  /** Output tokens per second after the first token: SambaNova's `completion_tokens_after_first_per_sec`. */
  tokensPerSecAfterFirst?: number;
}

/** What a streaming request yields, in order. Text and reasoning may carry several tokens each. */
export type StreamEvent =
  /**
   * `replacesReasoning`: everything delivered as reasoning so far was really the answer (an
   * R1-style block that never closed); this text is all of it. Drop the reasoning you showed.
   */
  | { type: 'text'; text: string; replacesReasoning?: true }
  | { type: 'reasoning'; text: string }
  /** Emitted once per call when the stream finishes, arguments fully accumulated. */
  | { type: 'toolCall'; call: ToolCall }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: FinishReason };

export interface ChatResult {
  text: string;
  reasoning: string;
  toolCalls: ToolCall[];
  finishReason?: FinishReason;
  usage?: Usage;
  requestId?: string;
  model: string;
  /** The request's figures (SambaNovaClient always sets them; test doubles may leave them out). */
  figures?: RequestFigures;
}

export interface ModelPricing {
  /** USD per prompt token. */
  prompt?: number;
  /** USD per completion token. */
  completion?: number;
}

export interface ModelInfo {
  id: string;
  ownedBy?: string;
  contextLength?: number;
  maxCompletionTokens?: number;
  pricing?: ModelPricing;
}

/**
 * The figures of one answer: what the chat stores under it, the figures line shows and
 * @sambanova prints. Computed once, by the client (ThroughputMeter in ./throughput.ts).
 */
export interface RequestFigures {
  requestId?: string;
  model: string;
  /** Milliseconds; SambaNova's figure when it sent one, else measured here. */
  timeToFirstTokenMs?: number;
  /** Output tokens per second after the first token; SambaNova's figure when it sent one. */
  tokensPerSecond?: number;
  promptTokens?: number;
  completionTokens: number;
  /** USD, from the model's `pricing` when known. */
  costUsd?: number;
  /** 'server' when the numbers come from SambaNova's usage chunk, 'estimate' when counted here. */
  basis: 'server' | 'estimate';
}

/** RequestFigures plus when and why the request ran: what the status bar and Show Last Request read. */
export interface RequestMetrics extends RequestFigures {
  source: RequestSource;
  startedAt: number;
  firstTokenAt?: number;
  endedAt: number;
  finishReason?: FinishReason;
}

/** Lifecycle of every request the client makes; the status bar listens to this. */
export type ActivityEvent =
  | { kind: 'start'; id: number; model: string; source: RequestSource }
  /** Fired at most every ~100 ms while tokens stream. */
  | { kind: 'progress'; id: number; completionTokens: number; tokensPerSecond: number }
  | { kind: 'end'; id: number; metrics: RequestMetrics }
  | { kind: 'error'; id: number; error: import('./errors').SambaNovaError; metrics?: RequestMetrics }
  | { kind: 'cancelled'; id: number; metrics?: RequestMetrics }
  /** A retry is scheduled (429, or one retry for a 5xx/timeout/network failure before any answer arrived). */
  | { kind: 'retry'; id: number; attempt: number; delayMs: number; reason: string }
  /** A response (errors included) carried `x-ratelimit-*` headers (src/core/client/rateLimits.ts reads them). */
  | { kind: 'rateLimits'; id: number; model: string; headers: Record<string, string> };
