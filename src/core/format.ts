// How numbers look to the user, in one place so the status bar, tooltips and chat agree.
import type { RequestMetrics } from './client/types';

export function formatRate(tokensPerSecond: number | undefined): string {
  if (tokensPerSecond === undefined || !Number.isFinite(tokensPerSecond)) return '–';
  return tokensPerSecond >= 100 ? Math.round(tokensPerSecond).toString() : tokensPerSecond.toFixed(1);
}

export function formatSeconds(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms / 1000)} s`;
}

export function formatCost(usd: number | undefined): string {
  if (usd === undefined || !Number.isFinite(usd)) return '–';
  if (usd === 0) return '$0';
  if (usd < 0.0001) return '<$0.0001';
  return usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

export function formatCount(n: number | undefined): string {
  return n === undefined ? '–' : n.toLocaleString('en-US');
}

/** "812 tok/s · 0.06 s": the short form for the status bar. */
export function formatMetricsShort(m: RequestMetrics): string {
  const approx = m.basis === 'estimate' ? '~' : '';
  return `${approx}${formatRate(m.tokensPerSecond)} tok/s · ${formatSeconds(m.timeToFirstTokenMs)}`;
}

/** Label/value rows for tooltips and "Show Last Request". */
export function metricsRows(m: RequestMetrics): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ['Model', m.model],
    [
      'Speed',
      `${formatRate(m.tokensPerSecond)} tokens/s after the first token${m.basis === 'estimate' ? ' (estimated here)' : ''}`,
    ],
    ['Time to first token', formatSeconds(m.timeToFirstTokenMs)],
    ['Tokens in / out', `${formatCount(m.promptTokens)} / ${formatCount(m.completionTokens)}`],
    ['Cost', formatCost(m.costUsd)],
    ['Total time', formatSeconds(m.endedAt - m.startedAt)],
  ];
  if (m.finishReason) rows.push(['Finish reason', m.finishReason]);
  if (m.requestId) rows.push(['Request ID', m.requestId]);
  return rows;
}
