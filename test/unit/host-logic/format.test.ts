import assert from 'node:assert/strict';
import { formatCost, formatMetricsShort, formatRate, formatSeconds, metricsRows } from '../../../src/core/format';
import type { RequestMetrics } from '../../../src/core/client/types';

const metrics: RequestMetrics = {
  model: 'Meta-Llama-3.3-70B-Instruct',
  source: 'chat',
  startedAt: 1000,
  endedAt: 1118,
  timeToFirstTokenMs: 52.3,
  tokensPerSecond: 456.09,
  promptTokens: 39,
  completionTokens: 31,
  costUsd: 0.0000606,
  basis: 'server',
  requestId: 'd79vdot7os633dverihg',
  finishReason: 'stop',
};

describe('format', () => {
  it('shows whole tokens per second from 100 up, one decimal below', () => {
    assert.equal(formatRate(456.09), '456');
    assert.equal(formatRate(52.57), '52.6');
    assert.equal(formatRate(undefined), '–');
    assert.equal(formatRate(Number.NaN), '–');
  });

  it('shows seconds with two decimals under ten seconds', () => {
    assert.equal(formatSeconds(52.3), '0.05 s');
    assert.equal(formatSeconds(12_400), '12 s');
  });

  it('never shows a tiny cost as $0.0000', () => {
    assert.equal(formatCost(0.0000606), '<$0.0001');
    assert.equal(formatCost(0.01234), '$0.0123');
    assert.equal(formatCost(3.5), '$3.50');
    assert.equal(formatCost(undefined), '–');
  });

  it('marks estimated figures in the short form', () => {
    assert.equal(formatMetricsShort(metrics), '456 tok/s · 0.05 s');
    assert.equal(formatMetricsShort({ ...metrics, basis: 'estimate' }), '~456 tok/s · 0.05 s');
  });

  it('lists every figure the status bar tooltip promises', () => {
    const labels = metricsRows(metrics).map(([label]) => label);
    for (const wanted of ['Model', 'Speed', 'Time to first token', 'Tokens in / out', 'Cost', 'Request ID']) {
      assert.ok(labels.includes(wanted), `missing ${wanted}`);
    }
  });
});
