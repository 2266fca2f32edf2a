// Live tokens/second while a request streams, and the final figures when it ends.
//
// SambaNova sends several tokens per chunk, so counting chunks would under-report by 3-10x.
// Until the usage chunk arrives we estimate tokens from characters with the cheap rule
// (core/tokens.ts: no per-character work in the hot path); the figures shown once the request
// ends come from SambaNova's own usage numbers whenever it sends them.
import type { ModelInfo, RequestFigures, RequestMetrics, RequestSource, FinishReason, Usage } from './types';

import { tokensForChars } from '../tokens';

export const PROGRESS_INTERVAL_MS = 100;

export class ThroughputMeter {
  private chars = 0;
  private charsInFirstChunk = 0;
  private firstAt: number | undefined;
  private lastProgressAt = -Infinity;

  constructor(readonly startedAt: number) {}

  get firstTokenAt(): number | undefined {
    return this.firstAt;
  }

  get estimatedTokens(): number {
    return tokensForChars(this.chars);
  }

  /** Counts output text (answer or reasoning). Returns true when a progress event is due. */
  add(chars: number, now: number): boolean {
    if (chars === 0) return false;
    if (this.firstAt === undefined) {
      this.firstAt = now;
      this.charsInFirstChunk = chars;
    }
    this.chars += chars;
    if (now - this.lastProgressAt < PROGRESS_INTERVAL_MS) return false;
    this.lastProgressAt = now;
    return true;
  }

  /** Estimated output tokens per second after the first chunk (the definition SambaNova uses). */
  liveTokensPerSecond(now: number): number {
    if (this.firstAt === undefined) return 0;
    const seconds = (now - this.firstAt) / 1000;
    if (seconds <= 0) return 0;
    return tokensForChars(this.chars - this.charsInFirstChunk) / seconds;
  }

  metrics(input: {
    model: string;
    source: RequestSource;
    endedAt: number;
    usage?: Usage;
    requestId?: string;
    finishReason?: FinishReason;
    pricing?: ModelInfo['pricing'];
  }): RequestMetrics {
    const { usage } = input;
    const server = usage !== undefined && usage.completionTokens > 0;
    const completionTokens = server ? usage.completionTokens : this.estimatedTokens;
    const measuredTtft = this.firstAt !== undefined ? this.firstAt - this.startedAt : undefined;
    const timeToFirstTokenMs = usage?.timeToFirstTokenSec !== undefined ? usage.timeToFirstTokenSec * 1000 : measuredTtft;
    let tokensPerSecond = usage?.tokensPerSecAfterFirst;
    if (tokensPerSecond === undefined && this.firstAt !== undefined) {
      const seconds = (input.endedAt - this.firstAt) / 1000;
      const after = server ? completionTokens - tokensForChars(this.charsInFirstChunk) : tokensForChars(this.chars - this.charsInFirstChunk);
      if (seconds > 0 && after > 0) tokensPerSecond = after / seconds;
    }
    return {
      requestId: input.requestId,
      model: input.model,
      source: input.source,
      startedAt: this.startedAt,
      firstTokenAt: this.firstAt,
      endedAt: input.endedAt,
      timeToFirstTokenMs,
      tokensPerSecond,
      promptTokens: usage?.promptTokens,
      completionTokens,
      costUsd: server ? costOf(input.pricing, usage.promptTokens, completionTokens) : undefined,
      basis: server ? 'server' : 'estimate',
      finishReason: input.finishReason,
    };
  }
}

/**
 * The one cost rule, in USD (SambaNova's pricing is per token, not per million). Only from the
 * server's own token counts and only when both prices are known: a cost without the prompt's
 * share, or from estimated tokens, would be a confident wrong number.
 */
export function costOf(pricing: ModelInfo['pricing'], promptTokens: number, completionTokens: number): number | undefined {
  if (pricing?.prompt === undefined || pricing.completion === undefined) return undefined;
  return pricing.prompt * promptTokens + pricing.completion * completionTokens;
}

/** The answer's figures without the request's bookkeeping (what a chat message stores). */
export function figuresOf(m: RequestMetrics): RequestFigures {
  const figures: RequestFigures = { model: m.model, completionTokens: m.completionTokens, basis: m.basis };
  if (m.requestId !== undefined) figures.requestId = m.requestId;
  if (m.timeToFirstTokenMs !== undefined) figures.timeToFirstTokenMs = m.timeToFirstTokenMs;
  if (m.tokensPerSecond !== undefined) figures.tokensPerSecond = m.tokensPerSecond;
  if (m.promptTokens !== undefined) figures.promptTokens = m.promptTokens;
  if (m.costUsd !== undefined) figures.costUsd = m.costUsd;
  return figures;
}
