// Settings take effect on the next request, without a reload: proven on the requests the server
// actually received (a recording proxy in front of the local SambaNova).
import * as assert from 'node:assert/strict';
import { activateExtension, setGlobalSetting, testEnv } from './support/extension';
import { startRecordingProxy, type RecordingProxy } from './support/recordingProxy';

describe('settings without reload', () => {
  let proxy: RecordingProxy;
  let originalModel: string | undefined;

  before(async () => {
    proxy = await startRecordingProxy(testEnv('SAMBANOVA_TEST_FAKE_URL'));
    const { hooks } = await activateExtension();
    originalModel = hooks.services.config.get().model;
  });

  after(async () => {
    const { hooks } = await activateExtension();
    await setGlobalSetting(hooks, 'model', undefined);
    await proxy.close();
  });

  async function ask(): Promise<void> {
    const { hooks } = await activateExtension();
    const model = hooks.services.config.get().model;
    await hooks.services.client.streamChat({ model, messages: [{ role: 'user', content: 'hi' }], source: 'test' });
  }

  it('sends the next request to a changed sambanova.baseUrl', async () => {
    const { hooks } = await activateExtension();
    await setGlobalSetting(hooks, 'baseUrl', `${proxy.url}/scenario/fast/v1`);
    await ask();
    await setGlobalSetting(hooks, 'baseUrl', `${proxy.url}/scenario/default,tokens=20/v1`);
    await ask();
    const chats = proxy.requests.filter((r) => r.path.endsWith('/chat/completions'));
    assert.deepEqual(
      chats.map((r) => r.path),
      ['/scenario/fast/v1/chat/completions', '/scenario/default,tokens=20/v1/chat/completions'],
    );
    assert.ok(chats.every((r) => r.hadAuthorization && r.method === 'POST' && r.stream === true));
  });

  it('uses a changed sambanova.model for the next request', async () => {
    const { hooks } = await activateExtension();
    const other = originalModel === 'gpt-oss-120b' ? 'DeepSeek-V3.1' : 'gpt-oss-120b';
    await setGlobalSetting(hooks, 'model', other);
    assert.equal(hooks.services.config.get().model, other);
    const before = proxy.requests.length;
    await ask();
    const sent = proxy.requests.slice(before).find((r) => r.path.endsWith('/chat/completions'));
    assert.equal(sent?.model, other);
  });
});
