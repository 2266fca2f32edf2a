// Pins what people read. The status bar, Show Last Request, the model pickers, the chat page and
// @sambanova all print through src/shared/present.ts; a change here is a change users see.
import assert from 'node:assert/strict';
import {
  formatCost,
  formatCount,
  formatFigures,
  formatMetricsShort,
  formatModelOption,
  formatRate,
  formatRetryCountdown,
  formatSeconds,
  metricsRows,
  modelDetail,
  secondsUntil,
} from '../../../src/shared/present';

const figures = {
  model: 'Meta-Llama-3.3-70B-Instruct',
  startedAt: 1000,
  endedAt: 1118,
  timeToFirstTokenMs: 52.3,
  tokensPerSecond: 456.09,
  promptTokens: 39,
  completionTokens: 31,
  costUsd: 0.0000606,
  basis: 'server' as const,
  requestId: 'd79vdot7os633dverihg',
  finishReason: 'stop',
};

describe('present: numbers', () => {
  it('shows whole tokens per second from 100 up (grouped), one decimal below', () => {
    assert.equal(formatRate(456.09), '456');
    assert.equal(formatRate(1234.5), '1,235');
    assert.equal(formatRate(52.57), '52.6');
    assert.equal(formatRate(undefined), '–');
    assert.equal(formatRate(Number.NaN), '–');
  });

  it('shows seconds with two decimals under ten seconds and one from there', () => {
    assert.equal(formatSeconds(52.3), '0.05 s');
    assert.equal(formatSeconds(9_994), '9.99 s');
    assert.equal(formatSeconds(12_400), '12.4 s');
    assert.equal(formatSeconds(125_000), '125.0 s');
    assert.equal(formatSeconds(undefined), '–');
  });

  it('never shows a tiny cost as $0.0000', () => {
    assert.equal(formatCost(0), '$0');
    assert.equal(formatCost(0.0000606), '<$0.0001');
    assert.equal(formatCost(0.01234), '$0.0123');
    assert.equal(formatCost(3.5), '$3.50');
    assert.equal(formatCost(12.345), '$12.35');
    assert.equal(formatCost(undefined), '–');
  });

  it('groups counts', () => {
    assert.equal(formatCount(131072), '131,072');
    assert.equal(formatCount(undefined), '–');
  });
});

describe('present: figures', () => {
  it('writes the figures line, marking estimates', () => {
    assert.equal(
      formatFigures({ timeToFirstTokenMs: 212, tokensPerSecond: 811.6, promptTokens: 1000, completionTokens: 234, costUsd: 0.00123, basis: 'server', model: 'm' }),
      'TTFT 0.21 s · 812 tok/s · 1,234 tokens (1,000 in, 234 out) · $0.0012',
    );
    assert.equal(formatFigures({ completionTokens: 5, basis: 'estimate', model: 'm' }), '5 tokens (estimated)');
    assert.equal(formatFigures({ timeToFirstTokenMs: 12_400, tokensPerSecond: 42.25, completionTokens: 80, basis: 'estimate', model: 'm' }), 'TTFT 12.4 s · 42.3 tok/s · 80 tokens (estimated)');
  });

  it('marks estimated figures in the status bar short form', () => {
    assert.equal(formatMetricsShort(figures), '456 tok/s · 0.05 s');
    assert.equal(formatMetricsShort({ ...figures, basis: 'estimate' }), '~456 tok/s · 0.05 s');
  });

  it('lists every figure the status bar tooltip and Show Last Request promise', () => {
    assert.deepEqual(metricsRows(figures), [
      ['Model', 'Meta-Llama-3.3-70B-Instruct'],
      ['Speed', '456 tokens/s after the first token'],
      ['Time to first token', '0.05 s'],
      ['Tokens in / out', '39 / 31'],
      ['Cost', '<$0.0001'],
      ['Total time', '0.12 s'],
      ['Finish reason', 'stop'],
      ['Request ID', 'd79vdot7os633dverihg'],
    ]);
    assert.equal(metricsRows({ completionTokens: 3, basis: 'estimate', model: 'm' })[1][1], '– tokens/s after the first token (estimated here)');
  });
});

describe('present: models and countdowns', () => {
  it('labels a model with its context and prices, the same in every picker', () => {
    const option = { id: 'Meta-Llama-3.3-70B-Instruct', contextLength: 131072, promptPricePerM: 0.6, completionPricePerM: 1.2 };
    assert.equal(modelDetail(option), '131K context · $0.60 in / $1.20 out per M');
    assert.equal(formatModelOption(option), 'Meta-Llama-3.3-70B-Instruct · 131K context · $0.60 in / $1.20 out per M');
    assert.equal(modelDetail({ id: 'big', contextLength: 1_048_576, promptPricePerM: 0.005, completionPricePerM: 0.0125 }), '1M context · $0.0050 in / $0.01 out per M');
    assert.equal(modelDetail({ id: 'x' }), '');
    assert.equal(formatModelOption({ id: 'x' }), 'x');
  });

  it('counts down whole seconds to a retry and never below zero', () => {
    assert.equal(secondsUntil(10_500, 10_000), 1);
    assert.equal(formatRetryCountdown(15_000, 10_000), 'Retry in 5 s');
    assert.equal(formatRetryCountdown(9_000, 10_000), 'Retry');
  });
});
