// The key goes to SecretStorage, the status bar follows it, and clearing it works.
import * as assert from 'node:assert/strict';
import { activateExtension, eventually } from './support/extension';
import { TEST_KEY } from './support/testKey';

const SECRET_ID = 'sambanova.apiKey';

describe('API key', () => {
  it('starts without a key and asks for one in the status bar', async () => {
    const { hooks } = await activateExtension();
    await hooks.services.keys.clear();
    assert.equal(await hooks.services.keys.source(), 'none', 'a key came from somewhere (SAMBANOVA_API_KEY leaked into the test?)');
    await eventually(() => hooks.statusBar.text === '$(key) SambaNova: Set API Key', 'the "Set API Key" status');
  });

  it('stores the key in SecretStorage and the status bar turns ready', async () => {
    const { hooks } = await activateExtension();
    await hooks.services.keys.set(TEST_KEY);
    assert.equal(await hooks.services.context.secrets.get(SECRET_ID), TEST_KEY);
    assert.equal(await hooks.services.keys.get(), TEST_KEY);
    assert.equal(await hooks.services.keys.source(), 'stored');
    await eventually(() => hooks.statusBar.text === '$(zap) SambaNova', `the ready status (is: ${hooks.statusBar.text})`);
  });

  it('clears the key and asks again, then keeps one for the next suites', async () => {
    const { hooks } = await activateExtension();
    await hooks.services.keys.clear();
    assert.equal(await hooks.services.context.secrets.get(SECRET_ID), undefined);
    await eventually(() => hooks.statusBar.text.includes('Set API Key'), 'the "Set API Key" status after clearing');
    await hooks.services.keys.set(TEST_KEY);
    await eventually(() => hooks.statusBar.text === '$(zap) SambaNova', 'the ready status again');
  });
});
