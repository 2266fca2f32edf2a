// Where the key may go: its own origin, origins the user allowed, and the environment key's defaults.
import assert from 'node:assert/strict';
import {
  DEFAULT_ORIGIN,
  KeyConsentRequiredError,
  consentQuestion,
  decideKey,
  emptyRegistry,
  loadRegistry,
  migrationOrigin,
  normalizeOrigin,
  originOf,
  requestMayAsk,
  serializeRegistry,
  staysOnThisMachine,
  withCleartextOrigin,
  withEnvironmentOrigin,
  withGrant,
  withKeyFor,
  type KeyRegistry,
} from '../../../src/core/client/keyConsent';

const https = (host: string) => ({ host, cleartext: false });
const http = (host: string) => ({ host, cleartext: true });
const CLOUD = 'https://api.sambanova.ai';
const cloudKey: KeyRegistry = withKeyFor(emptyRegistry(), CLOUD);

describe('key consent', () => {
  it('the default origin is SambaNova Cloud', () => {
    assert.equal(DEFAULT_ORIGIN, CLOUD);
  });

  it('sends a key to the origin it was saved for, whatever the case or default port', () => {
    assert.deepEqual(decideKey(https('API.SambaNova.ai:443'), cloudKey, false), { kind: 'stored', keyOrigin: CLOUD });
  });

  it('asks before sending a key to another origin, naming both', () => {
    assert.deepEqual(decideKey(https('evil.example.com'), cloudKey, false), {
      kind: 'askOtherHost',
      origin: 'https://evil.example.com',
      keyOrigin: CLOUD,
    });
  });

  it('a different port is a different origin', () => {
    const r = withKeyFor(emptyRegistry(), 'http://127.0.0.1:8080');
    assert.equal(decideKey(http('127.0.0.1:8081'), r, false).kind, 'askOtherHost');
    assert.equal(decideKey(http('127.0.0.1:8080'), r, false).kind, 'stored');
  });

  it('a different scheme is a different origin: http://host:443 is not https://host', () => {
    const r = withCleartextOrigin(withKeyFor(emptyRegistry(), 'https://stack.example'), 'http://stack.example:443');
    assert.deepEqual(decideKey(http('stack.example:443'), r, false), {
      kind: 'askOtherHost',
      origin: 'http://stack.example:443',
      keyOrigin: 'https://stack.example',
    });
    // and the https key is not sent to plain http on the default port either
    assert.equal(decideKey(http('stack.example'), withCleartextOrigin(r, 'http://stack.example'), false).kind, 'askOtherHost');
    assert.equal(originOf(http('Stack.Example:443')), 'http://stack.example:443');
    assert.equal(originOf(https('Stack.Example:443')), 'https://stack.example');
    assert.equal(originOf(http('stack.example:80')), 'http://stack.example');
  });

  it('the clear-text question names the port of an http origin on 443', () => {
    const d = decideKey(http('stack.example:443'), cloudKey, false);
    assert.deepEqual(d, { kind: 'askCleartext', origin: 'http://stack.example:443' });
    if (d.kind !== 'askCleartext') return;
    assert.match(consentQuestion(d).message, /http:\/\/stack\.example:443/);
  });

  it('a key on this machine is still tied to its origin: a loopback target is asked about too', () => {
    assert.equal(decideKey(http('localhost:1234'), cloudKey, false).kind, 'askOtherHost');
  });

  it('after "Allow" the other origin gets the key it was allowed, and only that origin', () => {
    const r = withGrant(cloudKey, 'https://gateway.corp.example', CLOUD);
    assert.deepEqual(decideKey(https('gateway.corp.example'), r, false), { kind: 'stored', keyOrigin: CLOUD });
    assert.equal(decideKey(https('other.corp.example'), r, false).kind, 'askOtherHost');
    assert.equal(decideKey(https('gateway.corp.example:8443'), r, false).kind, 'askOtherHost');
  });

  it('a grant whose key is gone is no consent to anything', () => {
    const r = withGrant(emptyRegistry(), 'https://gateway.corp.example', CLOUD);
    assert.deepEqual(decideKey(https('gateway.corp.example'), r, false), { kind: 'none' });
  });

  it('each origin can have its own key; its own key wins over a grant', () => {
    let r = withGrant(cloudKey, 'https://stack.example', CLOUD);
    r = withKeyFor(r, 'https://stack.example');
    assert.deepEqual(decideKey(https('stack.example'), r, false), { kind: 'stored', keyOrigin: 'https://stack.example' });
    assert.deepEqual(decideKey(https('api.sambanova.ai'), r, false), { kind: 'stored', keyOrigin: CLOUD });
    assert.equal(r.grants['https://stack.example'], undefined);
  });

  it('offers the most recently saved key for a new origin', () => {
    const r = withKeyFor(withKeyFor(emptyRegistry(), 'https://a.example'), 'https://b.example');
    assert.deepEqual(decideKey(https('c.example'), r, false), { kind: 'askOtherHost', origin: 'https://c.example', keyOrigin: 'https://b.example' });
  });

  it('the environment key goes to SambaNova Cloud and this machine without asking, elsewhere only after asking', () => {
    const none = emptyRegistry();
    assert.deepEqual(decideKey(https('api.sambanova.ai'), none, true), { kind: 'environment' });
    assert.deepEqual(decideKey(http('127.0.0.1:9999'), none, true), { kind: 'environment' });
    assert.deepEqual(decideKey(http('localhost:3000'), none, true), { kind: 'environment' });
    assert.deepEqual(decideKey(http('[::1]:3000'), none, true), { kind: 'environment' });
    assert.deepEqual(decideKey(https('stack.example'), none, true), { kind: 'askEnvironment', origin: 'https://stack.example' });
    assert.deepEqual(decideKey(https('stack.example'), withEnvironmentOrigin(none, 'https://Stack.Example'), true), { kind: 'environment' });
  });

  it('loopback addresses a proxy would not bypass (127.0.0.2, *.localhost) are asked about like another machine', () => {
    // VS Code sends only localhost, 127.0.0.1 and ::1 around http.proxy / HTTP_PROXY; the rest
    // would reach the proxy, key included, in clear text.
    const none = emptyRegistry();
    assert.deepEqual(decideKey(http('127.0.0.2:8000'), none, true), { kind: 'askCleartext', origin: 'http://127.0.0.2:8000' });
    assert.deepEqual(decideKey(http('app.localhost:8000'), none, true), { kind: 'askCleartext', origin: 'http://app.localhost:8000' });
    const allowed = withCleartextOrigin(none, 'http://127.0.0.2:8000');
    assert.deepEqual(decideKey(http('127.0.0.2:8000'), allowed, true), { kind: 'askEnvironment', origin: 'http://127.0.0.2:8000' });
    const r = withKeyFor(emptyRegistry(), 'http://127.0.0.2:8000');
    assert.deepEqual(decideKey(http('127.0.0.2:8000'), r, false), { kind: 'askCleartext', origin: 'http://127.0.0.2:8000' });
  });

  it('a stored key for the origin wins over the environment key', () => {
    assert.deepEqual(decideKey(https('api.sambanova.ai'), cloudKey, true), { kind: 'stored', keyOrigin: CLOUD });
  });

  it('refuses plain http to another machine until confirmed, even for the key saved for it', () => {
    const r = withKeyFor(emptyRegistry(), 'http://lan-box:8000');
    assert.deepEqual(decideKey(http('lan-box:8000'), r, false), { kind: 'askCleartext', origin: 'http://lan-box:8000' });
    assert.deepEqual(decideKey(http('lan-box:8000'), withCleartextOrigin(r, 'http://lan-box:8000'), false), { kind: 'stored', keyOrigin: 'http://lan-box:8000' });
    assert.deepEqual(decideKey(http('10.0.0.5'), emptyRegistry(), true), { kind: 'askCleartext', origin: 'http://10.0.0.5' });
    // https to the same host is another origin, and needs no clear-text consent
    assert.deepEqual(decideKey(https('lan-box:8000'), withKeyFor(r, 'https://lan-box:8000'), false), { kind: 'stored', keyOrigin: 'https://lan-box:8000' });
  });

  it('with no key at all there is nothing to ask about', () => {
    assert.deepEqual(decideKey(http('10.0.0.5'), emptyRegistry(), false), { kind: 'none' });
  });

  it('this machine is what a proxy provably leaves alone', () => {
    for (const o of ['http://localhost', 'http://localhost:8080', 'http://127.0.0.1', 'https://127.0.0.1:9', 'http://[::1]:8080', 'http://[::1]']) {
      assert.ok(staysOnThisMachine(o), o);
    }
    for (const o of ['http://app.localhost', 'http://127.0.0.2:9', 'http://localhost.evil.com', 'http://127.0.0.1.nip.io', 'http://10.0.0.1', 'http://[::2]', 'http://128.0.0.1', '']) {
      assert.ok(!staysOnThisMachine(o), o);
    }
  });

  it('normalises origins as URLs do', () => {
    assert.equal(normalizeOrigin('HTTPS://API.SAMBANOVA.AI:443'), CLOUD);
    assert.equal(normalizeOrigin('https://Example.com:8443/'), 'https://example.com:8443');
    assert.equal(normalizeOrigin('http://example.com:443'), 'http://example.com:443');
  });

  it('round-trips the registry and reads damaged records as "nothing allowed"', () => {
    let r = withGrant(cloudKey, 'https://x.example', CLOUD);
    r = withCleartextOrigin(withEnvironmentOrigin(r, 'https://y.example'), 'http://lan:1');
    const load = (text: string | undefined) => loadRegistry(text, () => undefined).registry;
    assert.deepEqual(load(serializeRegistry(r)), r);
    assert.deepEqual(load('{not json'), emptyRegistry());
    assert.deepEqual(load(undefined), emptyRegistry());
    assert.deepEqual(load('[1,2]'), emptyRegistry());
    assert.deepEqual(load(JSON.stringify({ version: 2, keyOrigins: ['https://a', 3, null, 'HTTPS://A'], grants: { 'https://b': 7, 'https://c': 'https://a' }, cleartextOrigins: 'lan' })), {
      keyOrigins: ['https://a'],
      grants: { 'https://c': 'https://a' },
      envOrigins: [],
      cleartextOrigins: [],
    });
  });

  it('migrates the single old key to the current base URL origin, or Cloud when there is none', () => {
    assert.equal(migrationOrigin(https('Stack.Example:443')), 'https://stack.example');
    assert.equal(migrationOrigin(http('stack.example:443')), 'http://stack.example:443');
    assert.equal(migrationOrigin(undefined), CLOUD);
  });

  describe('per-host records of version 1 become per-origin ones', () => {
    const v1 = JSON.stringify({
      keyHosts: ['stack.example', '127.0.0.1:8000', 'api.sambanova.ai'],
      grants: { 'gw.example': 'api.sambanova.ai' },
      envHosts: ['env.example'],
      cleartextHosts: ['lan-box:8000'],
    });

    it('each host becomes one origin: https for servers, http for this machine, http for clear-text consent', () => {
      const { registry, moves, migrated } = loadRegistry(v1, () => undefined);
      assert.equal(migrated, true);
      assert.deepEqual(registry, {
        keyOrigins: ['https://stack.example', 'http://127.0.0.1:8000', CLOUD],
        grants: { 'https://gw.example': CLOUD },
        envOrigins: ['https://env.example'],
        cleartextOrigins: ['http://lan-box:8000'],
      });
      assert.deepEqual(moves, [
        { host: 'stack.example', origin: 'https://stack.example' },
        { host: '127.0.0.1:8000', origin: 'http://127.0.0.1:8000' },
        { host: 'api.sambanova.ai', origin: CLOUD },
      ]);
      // the keys keep working where they were used
      assert.deepEqual(decideKey(https('stack.example'), registry, false), { kind: 'stored', keyOrigin: 'https://stack.example' });
      assert.deepEqual(decideKey(http('127.0.0.1:8000'), registry, false), { kind: 'stored', keyOrigin: 'http://127.0.0.1:8000' });
      assert.deepEqual(decideKey(https('gw.example'), registry, false), { kind: 'stored', keyOrigin: CLOUD });
    });

    it('the host the base URL points to now becomes that URL\'s origin, scheme and port included', () => {
      const { registry } = loadRegistry(JSON.stringify({ keyHosts: ['stack.example'], cleartextHosts: ['stack.example'] }), () => http('stack.example:443'));
      assert.deepEqual(registry.keyOrigins, ['http://stack.example:443']);
      assert.deepEqual(registry.cleartextOrigins, ['http://stack.example:443']);
      assert.deepEqual(decideKey(http('stack.example:443'), registry, false), { kind: 'stored', keyOrigin: 'http://stack.example:443' });
      // one host, one origin: the https one does not get the key as well
      assert.equal(decideKey(https('stack.example'), registry, false).kind, 'askOtherHost');
    });

    it('a registry already per origin moves nothing', () => {
      const { moves, migrated } = loadRegistry(serializeRegistry(cloudKey), () => assert.fail('a version-2 record needs no base URL'));
      assert.deepEqual(moves, []);
      assert.equal(migrated, false);
    });
  });

  it('the consent error carries the fix-it that asks, and never says the key', () => {
    const e = new KeyConsentRequiredError({ kind: 'askOtherHost', origin: 'https://evil.example', keyOrigin: CLOUD });
    assert.equal(e.kind, 'auth');
    assert.equal(e.action, 'allowKeyHost');
    assert.equal(e.code, 'key_consent_required');
    assert.match(e.userMessage, /https:\/\/evil\.example/);
    assert.equal(e.retryable, false);
    for (const d of [
      { kind: 'askCleartext', origin: 'http://lan:1' },
      { kind: 'askOtherHost', origin: 'https://b:8443', keyOrigin: 'https://a' },
      { kind: 'askEnvironment', origin: 'http://c:443' },
    ] as const) {
      const q = consentQuestion(d);
      assert.ok(q.message.includes(d.origin), q.message);
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
