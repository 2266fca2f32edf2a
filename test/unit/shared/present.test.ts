import assert from 'node:assert/strict';
import { formatCost, formatFigures, formatModelOption, formatRetryCountdown, secondsUntil } from '../../../src/shared/present';

describe('webview formatting', () => {
  it('writes the figures line, marking estimates', () => {
    assert.equal(
      formatFigures({ timeToFirstTokenMs: 212, tokensPerSecond: 811.6, promptTokens: 1000, completionTokens: 234, costUsd: 0.00123, basis: 'server', model: 'm' }),
      'TTFT 0.21 s · 812 tok/s · 1,234 tokens (1,000 in, 234 out) · $0.0012',
    );
    assert.equal(formatFigures({ completionTokens: 5, basis: 'estimate', model: 'm' }), '5 tokens (estimated)');
  });

  it('writes tiny and large costs readably', () => {
    assert.equal(formatCost(0), '$0');
    assert.equal(formatCost(0.00001), '<$0.0001');
    assert.equal(formatCost(12.345), '$12.35');
  });

  it('labels a model with its context and prices', () => {
    assert.equal(
      formatModelOption({ id: 'Meta-Llama-3.3-70B-Instruct', contextLength: 131072, promptPricePerM: 0.6, completionPricePerM: 1.2 }),
      'Meta-Llama-3.3-70B-Instruct · 131K context · $0.60 in / $1.20 out per M',
    );
    assert.equal(formatModelOption({ id: 'x' }), 'x');
  });

  it('counts down whole seconds to a retry and never below zero', () => {
    assert.equal(secondsUntil(10_500, 10_000), 1);
    assert.equal(formatRetryCountdown(15_000, 10_000), 'Retry in 5 s');
    assert.equal(formatRetryCountdown(9_000, 10_000), 'Retry');
  });
});
