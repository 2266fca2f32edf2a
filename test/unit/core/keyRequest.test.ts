// The client tells getApiKey where the key would go and whether the user may be asked; when the
// answer is "not without consent", nothing is sent.
import assert from 'node:assert/strict';
import type { KeyRequest } from '../../../src/core/client/api';
import { SambaNovaError } from '../../../src/core/client/errors';
import { KeyConsentRequiredError } from '../../../src/core/client/keyConsent';
import { TEST_KEY, chatRequest, chunk, makeClient, sse, usageChunk } from './helpers';

const ok = { body: sse(chunk({ content: 'ok' }), chunk({}, 'stop'), usageChunk(), '[DONE]') };
const models = { body: JSON.stringify({ object: 'list', data: [{ id: 'm', object: 'model' }] }) };

function recordingKeys(answer: (r: KeyRequest) => string | undefined = () => TEST_KEY) {
  const asked: KeyRequest[] = [];
  return { asked, getApiKey: async (r: KeyRequest) => (asked.push(r), answer(r)) };
}

describe('what getApiKey learns', () => {
  it('a chat request names its host, https, and may ask', async () => {
    const keys = recordingKeys();
    const { client } = makeClient([ok], { baseUrl: 'https://Stack.Example:8443/v1', deps: { getApiKey: keys.getApiKey } });
    await client.streamChat(chatRequest);
    assert.deepEqual(keys.asked, [{ host: 'stack.example:8443', cleartext: false, interactive: true, source: 'chat' }]);
  });

  it('inline completion never may ask, even when the caller says so; plain http is flagged', async () => {
    const keys = recordingKeys();
    const { client } = makeClient([ok], { baseUrl: 'http://10.1.2.3:8000/v1', deps: { getApiKey: keys.getApiKey } });
    await client.streamCompletion({ model: 'm', prompt: 'x', source: 'completion', interactive: true });
    assert.deepEqual(keys.asked, [{ host: '10.1.2.3:8000', cleartext: true, interactive: false, source: 'completion' }]);
  });

  it('a silent language-model request passes interactive: false', async () => {
    const keys = recordingKeys();
    const { client } = makeClient([ok], { deps: { getApiKey: keys.getApiKey } });
    await client.streamChat({ ...chatRequest, source: 'chat', interactive: false });
    assert.equal(keys.asked[0]?.interactive, false);
  });

  it('the model list does not ask unless told to', async () => {
    const keys = recordingKeys();
    const { client } = makeClient([models, models], { deps: { getApiKey: keys.getApiKey } });
    await client.listModels();
    await client.listModels({ refresh: true, interactive: true });
    assert.deepEqual(
      keys.asked.map((r) => [r.source, r.interactive]),
      [
        ['models', false],
        ['models', true],
      ],
    );
  });

  it('a consent error reaches the caller with its fix-it, and nothing is sent', async () => {
    const refusal = new KeyConsentRequiredError({ kind: 'askOtherHost', origin: 'https://evil.example', keyOrigin: 'https://api.sambanova.ai' });
    const { client, requests, activity } = makeClient([ok], {
      baseUrl: 'https://evil.example/v1',
      deps: {
        getApiKey: async () => {
          throw refusal;
        },
      },
    });
    const error = await client.streamChat({ ...chatRequest, source: 'completion' }).catch((e: unknown) => e);
    assert.ok(error instanceof SambaNovaError);
    assert.equal(error.action, 'allowKeyHost');
    assert.equal(requests.length, 0);
    assert.ok(activity.some((e) => e.kind === 'error'));
  });
});

describe('checking a key where it was asked for', () => {
  it('checkKey goes to the endpoints the caller captured, not to a base URL changed since', async () => {
    const { client, requests, settings } = makeClient([models]);
    const captured = client.endpoints();
    settings.baseUrl = 'https://other.example/v1'; // the user edits the setting while the password box is open
    const verdict = await client.checkKey(TEST_KEY, undefined, captured);
    assert.equal(verdict.ok, true);
    assert.deepEqual(
      requests.map((r) => new URL(r.url).host),
      ['api.sambanova.ai'],
    );
  });
});
