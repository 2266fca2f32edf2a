// The figures under each answer: time to first token, tokens per second, tokens and cost.
// SambaNova's own usage numbers win; without them (other servers, stopped streams) we count here.
import type { ModelInfo, Usage } from '../client/types';
import { estimateTextTokens } from './contextBudget';
import type { StoredMetrics } from './model';

export interface StreamTiming {
  startedAt: number;
  firstTokenAt?: number;
  endedAt: number;
}

export function answerMetrics(
  model: string,
  timing: StreamTiming,
  received: { text: string; reasoning: string },
  usage?: Usage,
  info?: ModelInfo,
  requestId?: string,
): StoredMetrics {
  const measuredTtft = timing.firstTokenAt !== undefined ? timing.firstTokenAt - timing.startedAt : undefined;
  if (usage) {
    const ttft = usage.timeToFirstTokenSec !== undefined ? usage.timeToFirstTokenSec * 1000 : measuredTtft;
    const streamSec = timing.firstTokenAt !== undefined ? (timing.endedAt - timing.firstTokenAt) / 1000 : undefined;
    const tps = usage.tokensPerSecAfterFirst ?? (streamSec && streamSec > 0 ? usage.completionTokens / streamSec : undefined);
    return {
      timeToFirstTokenMs: ttft,
      tokensPerSecond: tps,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      costUsd: cost(info, usage.promptTokens, usage.completionTokens),
      basis: 'server',
      model,
      requestId,
    };
  }
  const tokens = estimateTextTokens(received.text + received.reasoning);
  const streamSec = timing.firstTokenAt !== undefined ? (timing.endedAt - timing.firstTokenAt) / 1000 : undefined;
  return {
    timeToFirstTokenMs: measuredTtft,
    tokensPerSecond: streamSec && streamSec > 0 ? tokens / streamSec : undefined,
    completionTokens: tokens,
    basis: 'estimate',
    model,
    requestId,
  };
}

function cost(info: ModelInfo | undefined, promptTokens: number, completionTokens: number): number | undefined {
  const p = info?.pricing?.prompt;
  const c = info?.pricing?.completion;
  if (p === undefined || c === undefined) return undefined;
  return promptTokens * p + completionTokens * c;
}
