// A server may echo the key back in an error, and JSON may write it with escapes (`\/`, `\u002d`)
// that a search for the key's own characters misses. Whatever reaches the user (the chat, its
// history and exports show the error's message) or the log must not hold it, escaped or decoded.
import assert from 'node:assert/strict';
import { SambaNovaError } from '../../../src/core/client/errors';
import { httpError, scrubSecret } from '../../../src/core/client/httpErrors';
import { redact } from '../../../src/core/client/redact';
import { chatRequest, makeClient, sse } from './helpers';

// A key with the characters JSON encoders escape or may escape: '/', '-', '+'.
const KEY = 'sn/key-0123456789+abcdef';
/** The key as JSON.stringify would never write it but servers do: every escape form at once. */
const ESCAPED = 'sn\\/key\\u002d0123456789\\u002Babcdef';

function everyText(e: SambaNovaError): string {
  return [e.message, e.userMessage, e.serverMessage ?? '', JSON.stringify(e)].join('\n');
}

describe('a key echoed with JSON escapes', () => {
  it('the escaped form decodes to the key (so the test means what it says)', () => {
    assert.equal(JSON.parse(`"${ESCAPED}"`), KEY);
  });

  it('is scrubbed from an HTTP error body before and after decoding', () => {
    for (const escaped of [ESCAPED, 'sn\\u002fkey-0123456789+abcdef', '\\u0073\\u006e/key-0123456789+abcdef']) {
      const error = httpError({
        status: 401,
        headers: new Headers(),
        bodyText: JSON.stringify({ error: { message: 'Invalid API key: KEY', code: 'invalid_api_key' } }).replace('KEY', escaped),
        host: 'api.example',
        apiKey: KEY,
      });
      assert.ok(!everyText(error).includes(KEY), everyText(error));
      assert.ok(!everyText(error).includes(escaped), everyText(error));
      assert.match(error.serverMessage ?? '', /\*\*\*/);
    }
  });

  it('is scrubbed from an error in the middle of a stream, which the chat keeps and exports', async () => {
    const { client, log } = makeClient([{ body: sse({ error: { message: `bad key ${'X'}` } }).replace('X', ESCAPED) }], { key: KEY });
    const error = await client.streamChat(chatRequest).then(
      () => assert.fail('no error'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof SambaNovaError);
    assert.ok(!everyText(error).includes(KEY), everyText(error));
    for (const line of log.lines) assert.ok(!line.includes(KEY) && !line.includes(ESCAPED), line);
  });

  it('is scrubbed from a 400 whose message the user reads', async () => {
    const { client } = makeClient([{ status: 400, body: `{"error":{"message":"key ${ESCAPED} may not use this model"}}` }], { key: KEY, maxRetries: 0 });
    const error = await client.streamChat(chatRequest).then(
      () => assert.fail('no error'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof SambaNovaError);
    assert.ok(!everyText(error).includes(KEY), everyText(error));
  });

  it('scrubSecret and the log redaction catch every JSON spelling, and leave other text alone', () => {
    assert.equal(scrubSecret(`a ${ESCAPED} b`, KEY), 'a *** b');
    assert.equal(redact(`raw chunk: {"detail":"${ESCAPED}"}`, [KEY]), 'raw chunk: {"detail":"***"}');
    assert.equal(scrubSecret('sn\\/key\\u002d0123456789+abcdeX', KEY), 'sn\\/key\\u002d0123456789+abcdeX');
    assert.equal(scrubSecret('nothing here', KEY), 'nothing here');
  });
});
