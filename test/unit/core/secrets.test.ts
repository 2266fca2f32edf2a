// The API key must never appear in an error, a log line or an activity event, even when the
// server echoes it back.
import assert from 'node:assert/strict';
import { SambaNovaError } from '../../../src/core/client/errors';
import { TEST_KEY, chatRequest, chunk, makeClient, sse, usageChunk, type FakeReply } from './helpers';

const echo = `Incorrect API key provided: ${TEST_KEY}.`;
const scenarios: Array<[string, FakeReply]> = [
  ['401 echoing the key', { status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { message: echo, code: 'invalid_api_key' } }) }],
  ['400 echoing the key', { status: 400, body: JSON.stringify({ error: echo }) }],
  ['500 text echoing the key', { status: 500, body: `upstream said Bearer ${TEST_KEY}` }],
  ['429 echoing the key', { status: 429, headers: { 'retry-after': '999' }, body: echo }],
  ['network error naming the key', { reject: Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(`proxy refused ${TEST_KEY}`), { code: 'EPROXY' }) }) }],
  ['mid-stream error echoing the key', { body: sse(chunk({ content: 'a' }), { error: { message: echo } }) }],
  ['malformed chunk echoing the key', { body: `data: {"oops": "${TEST_KEY}"\n\n` }],
  ['success', { body: sse(chunk({ content: 'ok' }), chunk({}, 'stop'), usageChunk(), '[DONE]') }],
];

describe('the API key stays secret', () => {
  for (const [name, reply] of scenarios) {
    it(name, async () => {
      const { client, log, activity, requests } = makeClient([reply], { maxRetries: 1 });
      const outcome = await client.streamChat(chatRequest).catch((e: unknown) => e);
      assert.equal(requests[0]?.headers.authorization, `Bearer ${TEST_KEY}`, 'the key is sent where it belongs');
      if (outcome instanceof SambaNovaError) {
        assert.ok(!outcome.userMessage.includes(TEST_KEY), 'userMessage');
        assert.ok(!(outcome.serverMessage ?? '').includes(TEST_KEY), 'serverMessage');
        assert.ok(!outcome.message.includes(TEST_KEY), 'message');
      }
      for (const line of log.lines) assert.ok(!line.includes(TEST_KEY), `log line leaks the key: ${line}`);
      for (const event of activity) {
        const { error, ...rest } = event as { error?: SambaNovaError };
        assert.ok(!JSON.stringify(rest).includes(TEST_KEY), 'activity event');
        if (error) assert.ok(!error.userMessage.includes(TEST_KEY) && !(error.serverMessage ?? '').includes(TEST_KEY));
      }
      assert.ok(log.lines.length > 0, 'something was logged, so the check above meant something');
    });
  }

  it('checkKey with a rejected key: the verdict does not contain the key', async () => {
    const { client, log } = makeClient([{ status: 401, body: JSON.stringify({ error: { message: `bad key ${TEST_KEY}` } }) }]);
    const verdict = await client.checkKey(TEST_KEY);
    assert.equal(verdict.ok, false);
    if (!verdict.ok) {
      assert.equal(verdict.error.kind, 'auth');
      assert.ok(!verdict.error.userMessage.includes(TEST_KEY) && !(verdict.error.serverMessage ?? '').includes(TEST_KEY));
    }
    for (const line of log.lines) assert.ok(!line.includes(TEST_KEY));
  });
});
