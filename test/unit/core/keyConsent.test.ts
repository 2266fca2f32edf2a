// Where the key may go: its own host, hosts the user allowed, and the environment key's defaults.
import assert from 'node:assert/strict';
import {
  DEFAULT_HOST,
  KeyConsentRequiredError,
  consentQuestion,
  decideKey,
  emptyRegistry,
  isLoopbackHost,
  migrationHost,
  normalizeHost,
  parseRegistry,
  requestMayAsk,
  serializeRegistry,
  withCleartextHost,
  withEnvironmentHost,
  withGrant,
  withKeyFor,
  type KeyRegistry,
} from '../../../src/core/client/keyConsent';

const https = (host: string) => ({ host, cleartext: false });
const http = (host: string) => ({ host, cleartext: true });
const cloudKey: KeyRegistry = withKeyFor(emptyRegistry(), 'api.sambanova.ai');

describe('key consent', () => {
  it('the default host is SambaNova Cloud', () => {
    assert.equal(DEFAULT_HOST, 'api.sambanova.ai');
  });

  it('sends a key to the host it was saved for, whatever the case or default port', () => {
    assert.deepEqual(decideKey(https('API.SambaNova.ai:443'), cloudKey, false), { kind: 'stored', keyHost: 'api.sambanova.ai' });
  });

  it('asks before sending a key to another host, naming both', () => {
    assert.deepEqual(decideKey(https('evil.example.com'), cloudKey, false), {
      kind: 'askOtherHost',
      host: 'evil.example.com',
      keyHost: 'api.sambanova.ai',
    });
  });

  it('a different port is a different host', () => {
    const r = withKeyFor(emptyRegistry(), '127.0.0.1:8080');
    assert.equal(decideKey(http('127.0.0.1:8081'), r, false).kind, 'askOtherHost');
    assert.equal(decideKey(http('127.0.0.1:8080'), r, false).kind, 'stored');
  });

  it('a key on this machine is still tied to its host: a loopback target is asked about too', () => {
    assert.equal(decideKey(http('localhost:1234'), cloudKey, false).kind, 'askOtherHost');
  });

  it('after "Allow" the other host gets the key it was allowed, and only that host', () => {
    const r = withGrant(cloudKey, 'gateway.corp.example', 'api.sambanova.ai');
    assert.deepEqual(decideKey(https('gateway.corp.example'), r, false), { kind: 'stored', keyHost: 'api.sambanova.ai' });
    assert.equal(decideKey(https('other.corp.example'), r, false).kind, 'askOtherHost');
  });

  it('a grant whose key is gone is no consent to anything', () => {
    const r = withGrant(emptyRegistry(), 'gateway.corp.example', 'api.sambanova.ai');
    assert.deepEqual(decideKey(https('gateway.corp.example'), r, false), { kind: 'none' });
  });

  it('each host can have its own key; its own key wins over a grant', () => {
    let r = withGrant(cloudKey, 'stack.example', 'api.sambanova.ai');
    r = withKeyFor(r, 'stack.example');
    assert.deepEqual(decideKey(https('stack.example'), r, false), { kind: 'stored', keyHost: 'stack.example' });
    assert.deepEqual(decideKey(https('api.sambanova.ai'), r, false), { kind: 'stored', keyHost: 'api.sambanova.ai' });
    assert.equal(r.grants['stack.example'], undefined);
  });

  it('offers the most recently saved key for a new host', () => {
    const r = withKeyFor(withKeyFor(emptyRegistry(), 'a.example'), 'b.example');
    assert.deepEqual(decideKey(https('c.example'), r, false), { kind: 'askOtherHost', host: 'c.example', keyHost: 'b.example' });
  });

  it('the environment key goes to SambaNova Cloud and this machine without asking, elsewhere only after asking', () => {
    const none = emptyRegistry();
    assert.deepEqual(decideKey(https('api.sambanova.ai'), none, true), { kind: 'environment' });
    assert.deepEqual(decideKey(http('127.0.0.1:9999'), none, true), { kind: 'environment' });
    assert.deepEqual(decideKey(http('localhost:3000'), none, true), { kind: 'environment' });
    assert.deepEqual(decideKey(https('stack.example'), none, true), { kind: 'askEnvironment', host: 'stack.example' });
    assert.deepEqual(decideKey(https('stack.example'), withEnvironmentHost(none, 'Stack.Example'), true), { kind: 'environment' });
  });

  it('a stored key for the host wins over the environment key', () => {
    assert.deepEqual(decideKey(https('api.sambanova.ai'), cloudKey, true), { kind: 'stored', keyHost: 'api.sambanova.ai' });
  });

  it('refuses plain http to another machine until confirmed, even for the key saved for it', () => {
    const r = withKeyFor(emptyRegistry(), 'lan-box:8000');
    assert.deepEqual(decideKey(http('lan-box:8000'), r, false), { kind: 'askCleartext', host: 'lan-box:8000' });
    assert.deepEqual(decideKey(http('lan-box:8000'), withCleartextHost(r, 'lan-box:8000'), false), { kind: 'stored', keyHost: 'lan-box:8000' });
    assert.deepEqual(decideKey(http('10.0.0.5'), emptyRegistry(), true), { kind: 'askCleartext', host: '10.0.0.5' });
    // https to the same machine needs no clear-text consent
    assert.deepEqual(decideKey(https('lan-box:8000'), r, false), { kind: 'stored', keyHost: 'lan-box:8000' });
  });

  it('with no key at all there is nothing to ask about', () => {
    assert.deepEqual(decideKey(http('10.0.0.5'), emptyRegistry(), false), { kind: 'none' });
  });

  it('recognises this machine', () => {
    for (const h of ['localhost', 'localhost:8080', 'app.localhost', '127.0.0.1', '127.0.0.2:9', '[::1]:8080', '[::1]']) {
      assert.ok(isLoopbackHost(h), h);
    }
    for (const h of ['localhost.evil.com', '127.0.0.1.nip.io', '10.0.0.1', '192.168.1.2:80', 'example.com', '[::2]', '128.0.0.1', '']) {
      assert.ok(!isLoopbackHost(h), h);
    }
  });

  it('normalises hosts as URLs do', () => {
    assert.equal(normalizeHost('API.SAMBANOVA.AI:443'), 'api.sambanova.ai');
    assert.equal(normalizeHost('Example.com:8443'), 'example.com:8443');
  });

  it('round-trips the registry and reads damaged records as "nothing allowed"', () => {
    let r = withGrant(cloudKey, 'x.example', 'api.sambanova.ai');
    r = withCleartextHost(withEnvironmentHost(r, 'y.example'), 'lan:1');
    assert.deepEqual(parseRegistry(serializeRegistry(r)), r);
    assert.deepEqual(parseRegistry('{not json'), emptyRegistry());
    assert.deepEqual(parseRegistry(undefined), emptyRegistry());
    assert.deepEqual(parseRegistry('[1,2]'), emptyRegistry());
    assert.deepEqual(parseRegistry(JSON.stringify({ keyHosts: ['a', 3, null, 'A'], grants: { b: 7, c: 'a' }, cleartextHosts: 'lan' })), {
      keyHosts: ['a'],
      grants: { c: 'a' },
      envHosts: [],
      cleartextHosts: [],
    });
  });

  it('migrates the single old key to the current base URL host, or Cloud when there is none', () => {
    assert.equal(migrationHost('Stack.Example:443'), 'stack.example');
    assert.equal(migrationHost(undefined), 'api.sambanova.ai');
  });

  it('the consent error carries the fix-it that asks, and never says the key', () => {
    const e = new KeyConsentRequiredError({ kind: 'askOtherHost', host: 'evil.example', keyHost: 'api.sambanova.ai' });
    assert.equal(e.kind, 'auth');
    assert.equal(e.action, 'allowKeyHost');
    assert.equal(e.code, 'key_consent_required');
    assert.match(e.userMessage, /evil\.example/);
    assert.equal(e.retryable, false);
    for (const d of [
      { kind: 'askCleartext', host: 'lan:1' },
      { kind: 'askOtherHost', host: 'b', keyHost: 'a' },
      { kind: 'askEnvironment', host: 'c' },
    ] as const) {
      const q = consentQuestion(d);
      assert.ok(q.message.includes(d.host), q.message);
    }
  });
});

describe('which requests may ask', () => {
  it('chat, commands and key checks ask; completion, tests and unknown sources do not', () => {
    assert.equal(requestMayAsk('chat', undefined), true);
    assert.equal(requestMayAsk('command', undefined), true);
    assert.equal(requestMayAsk('participant', undefined), true);
    assert.equal(requestMayAsk('completion', undefined), false);
    assert.equal(requestMayAsk('test', undefined), false);
    assert.equal(requestMayAsk('languageModel', undefined), false);
  });

  it('the caller can say no (silent requests) or yes (a visible language-model request), but inline completion never asks', () => {
    assert.equal(requestMayAsk('chat', false), false);
    assert.equal(requestMayAsk('languageModel', true), true);
    assert.equal(requestMayAsk('completion', true), false);
  });
});
