// The key goes to SecretStorage, saved for one host; the status bar follows it; another host gets
// it only after the user's "Allow" (the consent modal's answer comes from a test prompt, since a
// modal cannot be clicked from here); requests that may not ask fail with the fix-it instead.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { secretIdFor } from '../../src/host/apiKeyStore';
import type { ConsentAnswer, ConsentDecision } from '../../src/host/keyGate';
import type { TestHooks } from '../../src/host/testHooks';
import { activateExtension, eventually, setGlobalSetting, testEnv } from './support/extension';
import { bearerSha256, startRecordingProxy, type RecordingProxy } from './support/recordingProxy';
import { TEST_KEY } from './support/testKey';

const fakeBase = () => `${testEnv('SAMBANOVA_TEST_FAKE_URL')}/v1`;
const fakeOrigin = () => new URL(testEnv('SAMBANOVA_TEST_FAKE_URL')).origin;

async function ask(hooks: TestHooks, request: Partial<{ source: 'chat' | 'completion' | 'test'; interactive: boolean }> = {}): Promise<unknown> {
  return hooks.services.client
    .streamChat({ model: 'Meta-Llama-3.3-70B-Instruct', messages: [{ role: 'user', content: 'hi' }], source: 'chat', ...request })
    .then(
      (r) => r,
      (e: unknown) => e,
    );
}

/**
 * The extension's bundle has its own copy of the error classes, so `instanceof` against the test
 * bundle's copy is always false: recognise the consent error by its name and fix-it.
 */
function consentError(e: unknown): { action: string; userMessage: string } | undefined {
  if (!(e instanceof Error) || e.name !== 'KeyConsentRequiredError') return undefined;
  const { action, userMessage } = e as unknown as { action: string; userMessage: string };
  return action === 'allowKeyHost' ? { action, userMessage } : undefined;
}

/** Types `key` into "Set API Key"'s password box (after running `meanwhile`), recording the origins it named. */
function typingKey(hooks: TestHooks, key: string, meanwhile: () => Promise<void> = async () => {}): { named: string[]; restore(): void } {
  const gate = hooks.services.keyGate;
  const original = gate.keyPrompt;
  const named: string[] = [];
  gate.keyPrompt = async (origin) => {
    named.push(origin);
    await meanwhile();
    return key;
  };
  return { named, restore: () => (gate.keyPrompt = original) };
}

/** Answers the consent modal with `answers` in turn and records the questions. */
function answering(hooks: TestHooks, ...answers: ConsentAnswer[]): { asked: ConsentDecision[]; restore(): void } {
  const gate = hooks.services.keyGate;
  const original = gate.prompt;
  const asked: ConsentDecision[] = [];
  gate.prompt = async (d) => {
    asked.push(d);
    return answers.shift() ?? 'cancel';
  };
  return { asked, restore: () => (gate.prompt = original) };
}

describe('API key', () => {
  it('starts without a key and asks for one in the status bar', async () => {
    const { hooks } = await activateExtension();
    await hooks.services.keys.clear();
    assert.equal(await hooks.services.keys.source(), 'none', 'a key came from somewhere (SAMBANOVA_API_KEY leaked into the test?)');
    await eventually(() => hooks.statusBar.text === '$(key) SambaNova: Set API Key', 'the "Set API Key" status');
  });

  it('stores the key in SecretStorage for the base URL host and the status bar turns ready', async () => {
    const { hooks } = await activateExtension();
    await setGlobalSetting(hooks, 'baseUrl', fakeBase());
    await hooks.services.keys.set(TEST_KEY);
    assert.equal(await hooks.services.context.secrets.get(secretIdFor(fakeOrigin())), TEST_KEY);
    assert.equal(await hooks.services.keys.get(), TEST_KEY);
    assert.equal(await hooks.services.keys.source(), 'stored');
    await eventually(() => hooks.statusBar.text === '$(zap) SambaNova', `the ready status (is: ${hooks.statusBar.text})`);
  });

  it('moves the single key of earlier versions to the host of the current base URL', async () => {
    const { hooks } = await activateExtension();
    const { secrets } = hooks.services.context;
    await hooks.services.keys.clear();
    await secrets.store('sambanova.apiKey', TEST_KEY); // what 0.1.0 stored
    // SecretStorage's change event drops the cached records; the next read migrates.
    await eventually(async () => (await hooks.services.keys.get()) === TEST_KEY, 'the old key to be found');
    assert.equal(await secrets.get(secretIdFor(fakeOrigin())), TEST_KEY);
    assert.equal(await secrets.get('sambanova.apiKey'), undefined, 'the old entry is gone after the move');
    const answer = await ask(hooks, { source: 'test' });
    assert.ok(!(answer instanceof Error), `a request with the migrated key failed: ${String(answer)}`);
  });

  describe('another host', function () {
    this.timeout(30_000);
    let proxy: RecordingProxy;
    let proxyOrigin: string;

    before(async () => {
      proxy = await startRecordingProxy(testEnv('SAMBANOVA_TEST_FAKE_URL'));
      proxyOrigin = new URL(proxy.url).origin;
      const { hooks } = await activateExtension();
      await setGlobalSetting(hooks, 'baseUrl', fakeBase());
      await hooks.services.keys.clear();
      await hooks.services.keys.set(TEST_KEY);
      await setGlobalSetting(hooks, 'baseUrl', `${proxy.url}/v1`);
    });

    after(async () => {
      const { hooks } = await activateExtension();
      await setGlobalSetting(hooks, 'baseUrl', fakeBase());
      await hooks.services.keys.clear(); // drops the grants this suite gave
      await hooks.services.keys.set(TEST_KEY);
      await proxy.close();
    });

    it('a request that may not ask fails with the "Allow Key for Host" fix-it; nothing is sent and nobody is asked', async () => {
      const { hooks } = await activateExtension();
      const prompt = answering(hooks, 'allow');
      try {
        for (const request of [{ source: 'completion' as const }, { source: 'chat' as const, interactive: false }]) {
          const answer = await ask(hooks, request);
          const error = consentError(answer);
          assert.ok(error, `expected a consent error, got ${String(answer)}`);
          assert.ok(error.userMessage.includes(proxyOrigin), error.userMessage);
        }
        assert.equal(prompt.asked.length, 0, 'a background request showed the modal');
        assert.equal(proxy.requests.length, 0, 'something reached the other host');
      } finally {
        prompt.restore();
      }
    });

    it('a chat request asks, naming both origins; "Cancel" sends nothing', async () => {
      const { hooks } = await activateExtension();
      const prompt = answering(hooks, 'cancel');
      try {
        const error = await ask(hooks);
        assert.ok(consentError(error), String(error));
        assert.deepEqual(prompt.asked, [{ kind: 'askOtherHost', origin: proxyOrigin, keyOrigin: fakeOrigin() }]);
        assert.equal(proxy.requests.length, 0);
      } finally {
        prompt.restore();
      }
    });

    it('"Allow" sends the stored key and is remembered for that host (no second question)', async () => {
      const { hooks } = await activateExtension();
      const prompt = answering(hooks, 'allow');
      try {
        const first = await ask(hooks);
        assert.ok(!(first instanceof Error), String(first));
        const second = await ask(hooks, { source: 'completion' });
        assert.ok(!(second instanceof Error), `the remembered host still refused a background request: ${String(second)}`);
        assert.equal(prompt.asked.length, 1);
        const chats = proxy.requests.filter((r) => r.path.endsWith('/chat/completions'));
        assert.equal(chats.length, 2);
        assert.ok(chats.every((r) => r.authorizationSha256 === bearerSha256(TEST_KEY)), 'the proxy did not get the stored key');
      } finally {
        prompt.restore();
      }
    });

    it('each host can have its own key, and each gets only its own', async () => {
      const { hooks } = await activateExtension();
      const other = `${TEST_KEY}-other-host`;
      await hooks.services.keys.set(other, proxyOrigin);
      const before = proxy.requests.length;
      assert.ok(!((await ask(hooks, { source: 'test' })) instanceof Error));
      assert.equal(proxy.requests.slice(before).find((r) => r.path.endsWith('/chat/completions'))?.authorizationSha256, bearerSha256(other));
      assert.equal(await hooks.services.context.secrets.get(secretIdFor(fakeOrigin())), TEST_KEY, 'the first host kept its key');
      await setGlobalSetting(hooks, 'baseUrl', fakeBase());
      assert.equal(await hooks.services.keys.get(), TEST_KEY);
      await setGlobalSetting(hooks, 'baseUrl', `${proxy.url}/v1`);
      assert.equal(await hooks.services.keys.get(), other);
    });

    it('"Enter another key" asks for a key for that origin, checks it there, saves it and sends it', async () => {
      const { hooks } = await activateExtension();
      await hooks.services.keys.clear();
      await hooks.services.keys.set(TEST_KEY, fakeOrigin());
      const other = `${TEST_KEY}-entered`;
      const prompt = answering(hooks, 'enterKey');
      const typing = typingKey(hooks, other);
      const before = proxy.requests.length;
      try {
        const answer = await ask(hooks);
        assert.ok(!(answer instanceof Error), String(answer));
        assert.deepEqual(typing.named, [proxyOrigin]);
        const seen = proxy.requests.slice(before);
        assert.ok(seen.some((r) => r.path.endsWith('/models') && r.authorizationSha256 === bearerSha256(other)), 'the key was not checked with the origin it was entered for');
        assert.equal(seen.find((r) => r.path.endsWith('/chat/completions'))?.authorizationSha256, bearerSha256(other));
        assert.equal(await hooks.services.context.secrets.get(secretIdFor(proxyOrigin)), other);
        assert.equal(await hooks.services.context.secrets.get(secretIdFor(fakeOrigin())), TEST_KEY, 'the first origin kept its key');
      } finally {
        typing.restore();
        prompt.restore();
      }
    });

    it('Set API Key checks and saves the key for the origin it named, even when the base URL changes while the box is open', async () => {
      const { hooks } = await activateExtension();
      await setGlobalSetting(hooks, 'baseUrl', fakeBase());
      await hooks.services.keys.clear();
      const typed = `${TEST_KEY}-typed`;
      const typing = typingKey(hooks, typed, () => setGlobalSetting(hooks, 'baseUrl', `${proxy.url}/v1`));
      const before = proxy.requests.length;
      try {
        const saved = await vscode.commands.executeCommand<boolean>('sambanova.setApiKey');
        assert.equal(saved, true);
        assert.deepEqual(typing.named, [fakeOrigin()]);
        assert.equal(hooks.services.client.endpoints().host, new URL(proxy.url).host, 'the test did not change the base URL');
        assert.equal(proxy.requests.length, before, 'the key typed for one origin was sent to the one configured afterwards');
        assert.equal(await hooks.services.context.secrets.get(secretIdFor(fakeOrigin())), typed);
        assert.equal(await hooks.services.context.secrets.get(secretIdFor(proxyOrigin)), undefined);
      } finally {
        typing.restore();
        await hooks.services.keys.clear();
        await hooks.services.keys.set(TEST_KEY, fakeOrigin());
        await setGlobalSetting(hooks, 'baseUrl', `${proxy.url}/v1`);
      }
    });

    it('the fix-it command asks about the configured host, after which background requests go through', async () => {
      const { hooks } = await activateExtension();
      await hooks.services.keys.clear();
      await hooks.services.keys.set(TEST_KEY, fakeOrigin());
      const refused = await ask(hooks, { source: 'completion' });
      assert.ok(consentError(refused), String(refused));
      const prompt = answering(hooks, 'allow');
      try {
        await vscode.commands.executeCommand('sambanova.allowKeyHost');
        assert.equal(prompt.asked.length, 1);
        assert.ok(!((await ask(hooks, { source: 'completion' })) instanceof Error));
      } finally {
        prompt.restore();
      }
    });

    it('plain http to a host that is not this machine needs its own yes, even for its own key', async () => {
      const { hooks } = await activateExtension();
      const lanOrigin = 'http://sambanova-lan.invalid:8000';
      await setGlobalSetting(hooks, 'baseUrl', `${lanOrigin}/v1`);
      await hooks.services.keys.set(TEST_KEY, lanOrigin);
      const prompt = answering(hooks, 'cancel');
      try {
        const error = await ask(hooks);
        assert.ok(consentError(error), String(error));
        assert.deepEqual(prompt.asked, [{ kind: 'askCleartext', origin: lanOrigin }]);
      } finally {
        prompt.restore();
        await setGlobalSetting(hooks, 'baseUrl', `${proxy.url}/v1`);
      }
    });
  });

  it('moves per-host keys of the previous version to their origin, and they keep working', async () => {
    const { hooks } = await activateExtension();
    const { secrets } = hooks.services.context;
    await setGlobalSetting(hooks, 'baseUrl', fakeBase());
    await hooks.services.keys.clear();
    const host = new URL(fakeOrigin()).host;
    await secrets.store(`sambanova.apiKey/${host}`, TEST_KEY); // what 0.1.x stored
    await secrets.store('sambanova.keyRegistry', JSON.stringify({ keyHosts: [host, 'other.example'], grants: {}, envHosts: [], cleartextHosts: [] }));
    await eventually(async () => (await hooks.services.keys.get()) === TEST_KEY, 'the per-host key to be found');
    assert.equal(await secrets.get(secretIdFor(fakeOrigin())), TEST_KEY);
    assert.equal(await secrets.get(`sambanova.apiKey/${host}`), undefined, 'the per-host entry is gone after the move');
    assert.equal(JSON.parse((await secrets.get('sambanova.keyRegistry')) ?? '{}').version, 2);
    const answer = await ask(hooks, { source: 'test' });
    assert.ok(!(answer instanceof Error), `a request with the migrated key failed: ${String(answer)}`);
  });

  it('clears every key and asks again, then keeps one for the next suites', async () => {
    const { hooks } = await activateExtension();
    await hooks.services.keys.clear();
    assert.equal(await hooks.services.context.secrets.get(secretIdFor(fakeOrigin())), undefined);
    await eventually(() => hooks.statusBar.text.includes('Set API Key'), 'the "Set API Key" status after clearing');
    await hooks.services.keys.set(TEST_KEY);
    await eventually(() => hooks.statusBar.text === '$(zap) SambaNova', 'the ready status again');
  });
});
