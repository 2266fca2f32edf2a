// Words and numbers the chat shows: the figures line under an answer, model labels, countdowns.
// Pure functions so they are tested without a browser.
import type { MetricsView, ModelOption } from './protocol';

// Built on first use, not at import: the host bundles this file too (the @sambanova participant's
// figures line), and the first Intl formatter in a process costs ~20 ms (ICU start-up), which
// would otherwise be paid inside the extension's load (bench/load-time.ts).
let integerFormat: Intl.NumberFormat | undefined;
const integer = { format: (n: number) => (integerFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(n) };

export function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatCost(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.0001) return '<$0.0001';
  if (usd < 1) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

/** "TTFT 0.21 s · 812 tok/s · 1,234 tokens · $0.0012 (estimated)" */
export function formatFigures(metrics: MetricsView): string {
  const parts: string[] = [];
  if (metrics.timeToFirstTokenMs !== undefined) parts.push(`TTFT ${formatSeconds(metrics.timeToFirstTokenMs)}`);
  if (metrics.tokensPerSecond !== undefined) parts.push(`${integer.format(metrics.tokensPerSecond)} tok/s`);
  const tokens = metrics.completionTokens + (metrics.promptTokens ?? 0);
  parts.push(
    metrics.promptTokens !== undefined
      ? `${integer.format(tokens)} tokens (${integer.format(metrics.promptTokens)} in, ${integer.format(metrics.completionTokens)} out)`
      : `${integer.format(metrics.completionTokens)} tokens`,
  );
  if (metrics.costUsd !== undefined) parts.push(formatCost(metrics.costUsd));
  const line = parts.join(' · ');
  return metrics.basis === 'estimate' ? `${line} (estimated)` : line;
}

function formatContext(tokens: number): string {
  if (tokens >= 1_000_000) return `${Math.round(tokens / 100_000) / 10}M`;
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}K`;
  return String(tokens);
}

function formatPrice(perM: number): string {
  return perM < 0.01 ? `$${perM.toPrecision(2)}` : `$${perM.toFixed(2)}`;
}

/** "Meta-Llama-3.3-70B-Instruct · 128K context · $0.60 in / $1.20 out per M" */
export function formatModelOption(model: ModelOption): string {
  const parts = [model.id];
  if (model.contextLength !== undefined) parts.push(`${formatContext(model.contextLength)} context`);
  if (model.promptPricePerM !== undefined && model.completionPricePerM !== undefined) {
    parts.push(`${formatPrice(model.promptPricePerM)} in / ${formatPrice(model.completionPricePerM)} out per M`);
  }
  return parts.join(' · ');
}

/** Whole seconds left until `retryAt`, never negative. */
export function secondsUntil(retryAt: number, now: number): number {
  return Math.max(0, Math.ceil((retryAt - now) / 1000));
}

export function formatRetryCountdown(retryAt: number, now: number): string {
  const seconds = secondsUntil(retryAt, now);
  return seconds > 0 ? `Retry in ${seconds} s` : 'Retry';
}
