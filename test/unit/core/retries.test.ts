import assert from 'node:assert/strict';
import { SambaNovaError } from '../../../src/core/client/errors';
import { FailureCooldown, backoffMs } from '../../../src/core/client/retryPolicy';
import { chatRequest, chunk, collectEvents, makeClient, sse, usageChunk, type FakeReply } from './helpers';

const ok: FakeReply = { body: sse(chunk({ content: 'fine' }), chunk({}, 'stop'), usageChunk(), '[DONE]') };
const limited = (headers: Record<string, string> = {}): FakeReply => ({ status: 429, headers, body: '{"error":{"message":"Rate limit exceeded"}}' });

describe('retries', () => {
  it('429 with retry-after (seconds) waits that long, then succeeds', async () => {
    const { client, sleeps, requests, activity } = makeClient([limited({ 'retry-after': '2' }), ok]);
    const result = await client.streamChat(chatRequest);
    assert.equal(result.text, 'fine');
    assert.deepEqual(sleeps, [2000]);
    assert.equal(requests.length, 2);
    assert.deepEqual(
      activity.filter((a) => a.kind === 'retry'),
      [{ kind: 'retry', id: 1, attempt: 1, delayMs: 2000, reason: 'rateLimited' }],
    );
  });

  it('429 with retry-after-ms wins over retry-after', async () => {
    const { client, sleeps } = makeClient([limited({ 'retry-after-ms': '250', 'retry-after': '9' }), ok]);
    await client.streamChat(chatRequest);
    assert.deepEqual(sleeps, [250]);
  });

  it('429 without a hint backs off exponentially with jitter, bounded by maxRetries', async () => {
    const { client, sleeps, requests } = makeClient([limited()], { maxRetries: 3 });
    const error = (await client.streamChat(chatRequest).catch((e: unknown) => e)) as SambaNovaError;
    assert.equal(error.kind, 'rateLimited');
    assert.deepEqual(sleeps, [500, 1000, 2000]); // random() = 0.5 -> no jitter offset
    assert.equal(requests.length, 4);
  });

  it('backoff is capped near 8 s and jittered', () => {
    assert.equal(backoffMs(10, () => 0.5), 8000);
    assert.equal(backoffMs(0, () => 0), 375);
    assert.equal(backoffMs(0, () => 1), 625);
  });

  it('a Retry-After over a minute is reported, not waited', async () => {
    const { client, sleeps, requests } = makeClient([limited({ 'retry-after': '3600' }), ok]);
    const error = (await client.streamChat(chatRequest).catch((e: unknown) => e)) as SambaNovaError;
    assert.equal(error.kind, 'rateLimited');
    assert.equal(error.retryAfterMs, 3_600_000);
    assert.match(error.userMessage, /wait 60 min/);
    assert.deepEqual(sleeps, []);
    assert.equal(requests.length, 1);
  });

  it('5xx: exactly one retry', async () => {
    const { client, requests } = makeClient([{ status: 503, body: 'Service Temporarily Unavailable' }], { maxRetries: 5 });
    const error = (await client.streamChat(chatRequest).catch((e: unknown) => e)) as SambaNovaError;
    assert.equal(error.kind, 'server');
    assert.equal(requests.length, 2);
  });

  it('5xx then success', async () => {
    const { client, requests } = makeClient([{ status: 500, body: '' }, ok]);
    assert.equal((await client.streamChat(chatRequest)).text, 'fine');
    assert.equal(requests.length, 2);
  });

  it('network failure: one retry', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) });
    const { client, requests } = makeClient([{ reject: refused }]);
    const error = (await client.streamChat(chatRequest).catch((e: unknown) => e)) as SambaNovaError;
    assert.equal(error.kind, 'network');
    assert.equal(requests.length, 2);
  });

  it('maxRetries 0 means no retry at all', async () => {
    const { client, requests } = makeClient([{ status: 500, body: '' }, ok], { maxRetries: 0 });
    await assert.rejects(client.streamChat(chatRequest));
    assert.equal(requests.length, 1);
  });

  it('never retries after the first token (no duplicated text)', async () => {
    const reset = Object.assign(new TypeError('terminated'), { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    const { client, requests } = makeClient([{ body: sse(chunk({ content: 'Hel' })), failAfterBody: reset }, ok]);
    const { events, onEvent } = collectEvents();
    const error = (await client.streamChat(chatRequest, { onEvent }).catch((e: unknown) => e)) as SambaNovaError;
    assert.equal(error.kind, 'network');
    assert.equal(error.partialText, 'Hel');
    assert.equal(requests.length, 1);
    assert.deepEqual(events, [{ type: 'text', text: 'Hel' }]);
  });

  it('does not retry what cannot improve (400, 401)', async () => {
    for (const status of [400, 401, 402, 404]) {
      const { client, requests } = makeClient([{ status, body: '' }, ok]);
      await assert.rejects(client.streamChat(chatRequest));
      assert.equal(requests.length, 1, `status ${status}`);
    }
  });

  it('each retry is logged', async () => {
    const { client, log } = makeClient([limited({ 'retry-after': '1' }), ok]);
    await client.streamChat(chatRequest);
    assert.ok(log.lines.some((l) => /^warn Retry 1 in 1000 ms after rateLimited 429/.test(l)));
  });
});

describe('FailureCooldown (background reads)', () => {
  it('holds back the same request for 30 s after a failure; another key or a success asks at once', () => {
    let now = 1_000;
    const cooldown = new FailureCooldown(() => now);
    assert.equal(cooldown.coolingDown('https://a/v1'), false);
    cooldown.failed('https://a/v1');
    now += 29_999;
    assert.equal(cooldown.coolingDown('https://a/v1'), true);
    assert.equal(cooldown.coolingDown('https://b/v1'), false, 'a corrected base URL is asked at once');
    now += 1;
    assert.equal(cooldown.coolingDown('https://a/v1'), false);
    cooldown.failed('https://a/v1');
    cooldown.succeeded();
    assert.equal(cooldown.coolingDown('https://a/v1'), false);
  });
});
