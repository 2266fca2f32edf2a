// The client hooks inline completion relies on: every attempt's status and headers reach
// onResponseHeaders (x-ratelimit-* on success, retry-after on a 429), and maxRetries: 0 turns
// a 429 into an immediate error instead of a wait the editor cannot use.
import * as assert from 'node:assert/strict';
import type { ResponseHeadersInfo } from '../../../src/core/client/api';
import { SambaNovaError } from '../../../src/core/client/errors';
import { chatRequest, chunk, makeClient, sse, usageChunk } from '../core/helpers';

describe('client hooks for inline completion', () => {
  const ok = {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'x-ratelimit-limit-requests': '20', 'x-ratelimit-remaining-requests': '17', 'x-ratelimit-reset-requests': '42' },
    body: sse(chunk({ content: 'hi' }), chunk({ content: '' }, 'stop'), usageChunk(), '[DONE]'),
  };
  const limited = { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '7' }, body: '{"error":{"message":"Rate limit exceeded"}}' };

  it('onResponseHeaders sees the rate-limit headers of a successful stream', async () => {
    const h = makeClient([ok]);
    const seen: { status: number; remaining?: string; reset?: string }[] = [];
    const onResponseHeaders = (r: ResponseHeadersInfo) => seen.push({ status: r.status, remaining: r.header('x-ratelimit-remaining-requests'), reset: r.header('x-ratelimit-reset-requests') });
    const result = await h.client.streamChat({ ...chatRequest, source: 'completion' }, { onResponseHeaders });
    assert.equal(result.text, 'hi');
    assert.deepEqual(seen, [{ status: 200, remaining: '17', reset: '42' }]);
  });

  it('maxRetries: 0 makes a 429 fail at once, with its Retry-After, after one attempt', async () => {
    const h = makeClient([limited, ok]);
    const statuses: number[] = [];
    await assert.rejects(
      h.client.streamChat({ ...chatRequest, source: 'completion' }, { maxRetries: 0, onResponseHeaders: (r) => statuses.push(r.status) }),
      (e: unknown) => e instanceof SambaNovaError && e.kind === 'rateLimited' && e.retryAfterMs === 7000,
    );
    assert.equal(h.requests.length, 1);
    assert.deepEqual(statuses, [429]);
    assert.deepEqual(h.sleeps, []);
  });

  it('without the override the setting still retries the 429 (the chat keeps its behaviour)', async () => {
    const h = makeClient([limited, ok]);
    const statuses: number[] = [];
    const result = await h.client.streamChat(chatRequest, { onResponseHeaders: (r) => statuses.push(r.status) });
    assert.equal(result.text, 'hi');
    assert.deepEqual(statuses, [429, 200]);
    assert.deepEqual(h.sleeps, [7000]);
  });
});
