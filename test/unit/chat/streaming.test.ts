import assert from 'node:assert/strict';
import { DeltaCoalescer, type Timers } from '../../../src/core/chat/deltaCoalescer';
import { ThroughputMeter, costOf, figuresOf } from '../../../src/core/client/throughput';
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
    const meter = new ThroughputMeter(0);
    meter.add(4, 300);
    const m = meter.metrics({
      model: 'Meta-Llama-3.3-70B-Instruct',
      source: 'chat',
      endedAt: 1300,
      usage: { promptTokens: 1000, completionTokens: 500, totalTokens: 1500, timeToFirstTokenSec: 0.12, tokensPerSecAfterFirst: 450 },
      pricing: { prompt: 0.6e-6, completion: 1.2e-6 },
      requestId: 'req-1',
    });
    assert.equal(m.basis, 'server');
    assert.equal(m.timeToFirstTokenMs, 120);
    assert.equal(m.tokensPerSecond, 450);
    assert.ok(Math.abs((m.costUsd ?? 0) - 0.0012) < 1e-12);
    assert.deepEqual(figuresOf(m), {
      model: 'Meta-Llama-3.3-70B-Instruct',
      requestId: 'req-1',
      timeToFirstTokenMs: 120,
      tokensPerSecond: 450,
      promptTokens: 1000,
      completionTokens: 500,
      costUsd: m.costUsd,
      basis: 'server',
    });
  });

  it('estimates when the server sent no usage, and then names no cost', () => {
    const meter = new ThroughputMeter(0);
    meter.add(4, 200);
    meter.add(400, 1200);
    const m = meter.metrics({ model: 'm', source: 'chat', endedAt: 1200, pricing: { prompt: 1e-6, completion: 1e-6 } });
    assert.equal(m.basis, 'estimate');
    assert.equal(m.completionTokens, 101);
    assert.equal(m.tokensPerSecond, 100, 'after the first chunk, as SambaNova counts');
    assert.equal(m.timeToFirstTokenMs, 200);
    assert.equal(m.costUsd, undefined);
  });

  it('has one cost rule: both prices known, server token counts', () => {
    assert.ok(Math.abs(costOf({ prompt: 1e-6, completion: 2e-6 }, 10, 5)! - 20e-6) < 1e-15);
    assert.equal(costOf({ prompt: 1e-6 }, 10, 5), undefined, 'a cost without the answer\'s price would be wrong');
    assert.equal(costOf(undefined, 10, 5), undefined);
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
