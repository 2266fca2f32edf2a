import assert from 'node:assert/strict';
import { DeltaCoalescer, type Timers } from '../../../src/core/chat/deltaCoalescer';
import { answerMetrics } from '../../../src/core/chat/metrics';
import { toModelOption } from '../../../src/host/chat/messageView';

class ManualTimers implements Timers {
  pending: Array<() => void> = [];
  setTimeout(fn: () => void): unknown {
    this.pending.push(fn);
    return fn;
  }
  clearTimeout(h: unknown): void {
    this.pending = this.pending.filter((f) => f !== h);
  }
  fire(): void {
    const due = this.pending;
    this.pending = [];
    for (const f of due) f();
  }
}

describe('streaming helpers', () => {
  it('coalesces many deltas into one delivery per interval and flushes on demand', () => {
    const timers = new ManualTimers();
    const out: Array<{ text: string; reasoning: string }> = [];
    const c = new DeltaCoalescer((d) => out.push(d), 20, timers);
    for (let i = 0; i < 100; i++) c.push('text', 'x');
    c.push('reasoning', 'r');
    assert.equal(out.length, 0);
    assert.equal(timers.pending.length, 1, 'one timer, not one per token');
    timers.fire();
    assert.deepEqual(out, [{ text: 'x'.repeat(100), reasoning: 'r' }]);
    c.push('text', 'end');
    c.flush();
    assert.deepEqual(out[1], { text: 'end', reasoning: '' });
    assert.equal(timers.pending.length, 0);
    c.flush();
    assert.equal(out.length, 2, 'nothing pending, nothing delivered');
  });

  it('prefers SambaNova\'s usage figures and prices per token', () => {
    const m = answerMetrics(
      'Meta-Llama-3.3-70B-Instruct',
      { startedAt: 0, firstTokenAt: 300, endedAt: 1300 },
      { text: 'x', reasoning: '' },
      { promptTokens: 1000, completionTokens: 500, totalTokens: 1500, timeToFirstTokenSec: 0.12, tokensPerSecAfterFirst: 450 },
      { id: 'Meta-Llama-3.3-70B-Instruct', pricing: { prompt: 0.6e-6, completion: 1.2e-6 } },
      'req-1',
    );
    assert.equal(m.basis, 'server');
    assert.equal(m.timeToFirstTokenMs, 120);
    assert.equal(m.tokensPerSecond, 450);
    assert.ok(Math.abs((m.costUsd ?? 0) - 0.0012) < 1e-12);
    assert.equal(m.requestId, 'req-1');
  });

  it('estimates when the server sent no usage', () => {
    const m = answerMetrics('m', { startedAt: 0, firstTokenAt: 200, endedAt: 1200 }, { text: 'abcd'.repeat(100), reasoning: '' });
    assert.equal(m.basis, 'estimate');
    assert.equal(m.completionTokens, 100);
    assert.equal(m.tokensPerSecond, 100);
    assert.equal(m.timeToFirstTokenMs, 200);
    assert.equal(m.costUsd, undefined);
  });

  it('shows prices per million tokens', () => {
    assert.deepEqual(toModelOption({ id: 'x', contextLength: 131072, pricing: { prompt: 0.6e-6, completion: 1.2e-6 } }), {
      id: 'x',
      contextLength: 131072,
      promptPricePerM: 0.6,
      completionPricePerM: 1.2,
    });
  });
});
