// What people read: numbers, durations, costs, model labels and the figures line, in one place so
// the status bar, Show Last Request, the model pickers, the chat page and @sambanova agree.
// Pure functions over the protocol's shapes (core's request figures have the same fields), so
// the host and the webview bundle the same words and tests pin them without a browser.
import type { MetricsView, ModelOption } from './protocol';

// Built on first use, not at import: the host bundles this file, and the first Intl formatter in
// a process costs ~20 ms (ICU start-up), which would otherwise be paid inside the extension's load
// (bench/load-time.ts).
let integerFormat: Intl.NumberFormat | undefined;
function integer(n: number): string {
  return (integerFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(n);
}

const NONE = '–';

/** Tokens per second: whole numbers from 100 up ("1,234"), one decimal below ("52.6"). */
export function formatRate(tokensPerSecond: number | undefined): string {
  if (tokensPerSecond === undefined || !Number.isFinite(tokensPerSecond)) return NONE;
  return tokensPerSecond >= 100 ? integer(tokensPerSecond) : tokensPerSecond.toFixed(1);
}

/** "0.21 s" under ten seconds (time to first token is read in hundredths), "12.4 s" from there. */
export function formatSeconds(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return NONE;
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** USD; a tiny cost never reads as $0.0000. */
export function formatCost(usd: number | undefined): string {
  if (usd === undefined || !Number.isFinite(usd)) return NONE;
  if (usd === 0) return '$0';
  if (usd < 0.0001) return '<$0.0001';
  return usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

export function formatCount(n: number | undefined): string {
  return n === undefined || !Number.isFinite(n) ? NONE : integer(n);
}

/** "TTFT 0.21 s · 812 tok/s · 1,234 tokens (1,000 in, 234 out) · $0.0012", "(estimated)" when counted here. */
export function formatFigures(figures: MetricsView): string {
  const parts: string[] = [];
  if (figures.timeToFirstTokenMs !== undefined) parts.push(`TTFT ${formatSeconds(figures.timeToFirstTokenMs)}`);
  if (figures.tokensPerSecond !== undefined) parts.push(`${formatRate(figures.tokensPerSecond)} tok/s`);
  const { promptTokens, completionTokens } = figures;
  parts.push(
    promptTokens !== undefined
      ? `${formatCount(promptTokens + completionTokens)} tokens (${formatCount(promptTokens)} in, ${formatCount(completionTokens)} out)`
      : `${formatCount(completionTokens)} tokens`,
  );
  if (figures.costUsd !== undefined) parts.push(formatCost(figures.costUsd));
  const line = parts.join(' · ');
  return figures.basis === 'estimate' ? `${line} (estimated)` : line;
}

/** "812 tok/s · 0.06 s": the status bar's short form; "~" marks figures counted here. */
export function formatMetricsShort(figures: MetricsView): string {
  const approx = figures.basis === 'estimate' ? '~' : '';
  return `${approx}${formatRate(figures.tokensPerSecond)} tok/s · ${formatSeconds(figures.timeToFirstTokenMs)}`;
}

/** Label/value rows for the status bar's tooltip and Show Last Request. */
export function metricsRows(figures: MetricsView & { startedAt?: number; endedAt?: number; finishReason?: string }): Array<[string, string]> {
  const estimated = figures.basis === 'estimate' ? ' (estimated here)' : '';
  const rows: Array<[string, string]> = [
    ['Model', figures.model],
    ['Speed', `${formatRate(figures.tokensPerSecond)} tokens/s after the first token${estimated}`],
    ['Time to first token', formatSeconds(figures.timeToFirstTokenMs)],
    ['Tokens in / out', `${formatCount(figures.promptTokens)} / ${formatCount(figures.completionTokens)}`],
    ['Cost', formatCost(figures.costUsd)],
  ];
  if (figures.startedAt !== undefined && figures.endedAt !== undefined) rows.push(['Total time', formatSeconds(figures.endedAt - figures.startedAt)]);
  if (figures.finishReason) rows.push(['Finish reason', figures.finishReason]);
  if (figures.requestId) rows.push(['Request ID', figures.requestId]);
  return rows;
}

function formatContext(tokens: number): string {
  if (tokens >= 1_000_000) return `${Math.round(tokens / 100_000) / 10}M`;
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}K`;
  return String(tokens);
}

function formatPrice(perM: number): string {
  return perM < 0.01 ? `$${perM.toPrecision(2)}` : `$${perM.toFixed(2)}`;
}

/** "128K context · $0.60 in / $1.20 out per M": what a model picker says under a model's id. */
export function modelDetail(model: ModelOption): string {
  const parts: string[] = [];
  if (model.contextLength !== undefined) parts.push(`${formatContext(model.contextLength)} context`);
  if (model.promptPricePerM !== undefined && model.completionPricePerM !== undefined) {
    parts.push(`${formatPrice(model.promptPricePerM)} in / ${formatPrice(model.completionPricePerM)} out per M`);
  }
  return parts.join(' · ');
}

/** "Meta-Llama-3.3-70B-Instruct · 128K context · $0.60 in / $1.20 out per M" */
export function formatModelOption(model: ModelOption): string {
  return [model.id, modelDetail(model)].filter(Boolean).join(' · ');
}

/** Whole seconds left until `retryAt`, never negative. */
export function secondsUntil(retryAt: number, now: number): number {
  return Math.max(0, Math.ceil((retryAt - now) / 1000));
}

export function formatRetryCountdown(retryAt: number, now: number): string {
  const seconds = secondsUntil(retryAt, now);
  return seconds > 0 ? `Retry in ${seconds} s` : 'Retry';
}
