// Issue 16 in a real VS Code: the request budget from SambaNova's rate-limit headers in the status
// bar, a request too big for the model that is never sent, the tool-calling table with its
// override, and whether chat.allowAnonymousAccess exists in this VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { currentAnonymousAccess } from '../../src/host/lm/agentSetupCommand';
import { writeUserBoolean } from '../../src/host/lm/userSettingsWriter';
import type { TestHooks } from '../../src/host/testHooks';
import { activateExtension, eventually, setGlobalSetting, testEnv } from './support/extension';
import { skipBecause } from './support/skip';
import { TEST_KEY } from './support/testKey';

const SMALL = 'Meta-Llama-3.1-8B-Instruct';

async function chatRequests(): Promise<Array<{ model?: string; path: string }>> {
  const response = await fetch(`${testEnv('SAMBANOVA_TEST_FAKE_URL')}/_control/requests`);
  return ((await response.json()) as Array<{ model?: string; path: string }>).filter((r) => r.path === '/v1/chat/completions');
}

async function lmModel(id: string): Promise<vscode.LanguageModelChat> {
  let found: vscode.LanguageModelChat | undefined;
  await eventually(async () => (found = (await vscode.lm.selectChatModels({ vendor: 'sambanova', id }))[0]) !== undefined, `${id} in vscode.lm`, 10_000);
  return found!;
}

describe("VS Code's agent on SambaNova (issue 16)", function () {
  this.timeout(40_000);
  let hooks: TestHooks;

  before(async () => {
    ({ hooks } = await activateExtension());
    await hooks.services.keys.set(TEST_KEY);
  });

  after(async () => {
    await setGlobalSetting(hooks, 'languageModels.toolCalling', undefined);
    await setGlobalSetting(hooks, 'baseUrl', `${testEnv('SAMBANOVA_TEST_FAKE_URL')}/scenario/default/v1`);
  });

  it('shows requests left this minute and today from the headers, and warns in words when few are left', async () => {
    // 4 a minute: after the second request 2 are left, under the "near" line of 3.
    const rpm = 4;
    await setGlobalSetting(hooks, 'baseUrl', `${testEnv('SAMBANOVA_TEST_FAKE_URL')}/scenario/fast,rpm=${rpm},rpd=50/v1`);
    const model = 'DeepSeek-V3.1';
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (let i = 0; i < 2; i++) {
      await hooks.services.client.chat({ model, messages: [{ role: 'user', content: 'echo: hi' }], source: 'chat' });
    }
    const budget = hooks.services.rateLimits.budget(model);
    assert.equal(budget.minute?.limit, rpm);
    assert.equal(budget.day?.limit, 50);
    assert.ok((budget.minute?.remaining ?? 99) <= 2, JSON.stringify(budget));
    assert.ok(budget.tokensToday > 0, 'no tokens tallied');
    await eventually(() => /requests? left this minute for DeepSeek-V3\.1/.test(hooks.statusBar.text), `a warning in the status bar text (${hooks.statusBar.text})`);
    const tip = hooks.statusBar.tooltip.replace(/&nbsp;/g, ' ').replace(/\\/g, '');
    assert.match(tip, /Requests left this minute: \d of 4 \(resets in \d+ s\)/);
    assert.match(tip, /Requests left today: \d+ of 50/);
    assert.match(tip, /Tokens used today by this extension: [\d,]+ in \d+ requests?/);
    console.log(`      status bar: ${hooks.statusBar.text}`);
  });

  it('sends nothing when the request cannot fit the model, and says so in numbers', async () => {
    await setGlobalSetting(hooks, 'baseUrl', `${testEnv('SAMBANOVA_TEST_FAKE_URL')}/scenario/fast/v1`);
    const m = await lmModel(SMALL);
    const before = (await chatRequests()).length;
    const huge = 'word '.repeat(40_000);
    await assert.rejects(
      async () => {
        const response = await m.sendRequest([vscode.LanguageModelChatMessage.User(huge)], {}, new vscode.CancellationTokenSource().token);
        for await (const part of response.stream) void part;
      },
      (error: unknown) => {
        // Callers other than Copilot Chat get a LanguageModelError to branch on.
        assert.ok(error instanceof vscode.LanguageModelError, `not a LanguageModelError: ${String(error)}`);
        assert.match(error.message, /^Nothing was sent to SambaNova: this request needs at least [\d,]+ tokens/);
        assert.match(error.message, /Meta-Llama-3\.1-8B-Instruct holds 16,384 tokens in all/);
        assert.match(error.message, /start a new chat or attach less, or pick a model with a larger context in the model picker, such as /);
        return true;
      },
    );
    assert.equal((await chatRequests()).length, before, 'a request reached the server');
  });

  it('offers tools per the table, overridable per model', async function () {
    const tools = async (id: string) => (await lmModel(id) as unknown as { capabilities?: { supportsToolCalling?: boolean } }).capabilities?.supportsToolCalling;
    // VS Code 1.104 does not show extensions a model's capabilities.
    if ((await tools('gpt-oss-120b')) === undefined) return this.skip();
    assert.equal(await tools('DeepSeek-R1-0528'), false);
    await setGlobalSetting(hooks, 'languageModels.toolCalling', { 'DeepSeek-R1-0528': true });
    await eventually(async () => (await tools('DeepSeek-R1-0528')) === true, 'the override to turn tools on', 10_000);
    assert.equal(await tools('gpt-oss-120b'), true);
  });

  it('knows whether this VS Code has chat.allowAnonymousAccess', () => {
    const access = currentAnonymousAccess();
    const [major, minor] = vscode.version.split('.').map(Number) as [number, number];
    const copilot = vscode.extensions.getExtension('GitHub.copilot-chat') !== undefined;
    console.log(`      VS Code ${vscode.version}, Copilot Chat ${copilot ? 'present' : 'absent'}: ${JSON.stringify(access)}`);
    if (major === 1 && minor < 105) assert.equal(access.state, 'unavailable');
    else if (copilot) assert.notEqual(access.state, 'unavailable');
  });

  it('turns chat.allowAnonymousAccess on in settings.json: on disk, in effect, read back, and kept by a later update', async function () {
    // The writer is about VS Code's settings, not Copilot: this suite runs with AI features off.
    const [major, minor] = vscode.version.split('.').map(Number) as [number, number];
    if (major === 1 && minor < 105) skipBecause(this, `VS Code ${vscode.version} has no chat.allowAnonymousAccess to write`);
    const onDisk = () => readFileSync(path.join(testEnv('SAMBANOVA_TEST_USER_DATA'), 'User', 'settings.json'), 'utf8');
    const log = hooks.services.log;
    try {
      // Twice, with the file closed in between: the second time the editor's model already exists.
      for (const value of [true, false, true]) {
        const result = await writeUserBoolean('chat.allowAnonymousAccess', value, log);
        assert.ok(result.ok, `not written: ${JSON.stringify(result)}`);
        assert.match(onDisk(), new RegExp(`"chat\\.allowAnonymousAccess":\\s*${value}`));
        assert.equal(vscode.workspace.getConfiguration('chat').get('allowAnonymousAccess'), value);
        if (currentAnonymousAccess().state !== 'unavailable') assert.deepEqual(currentAnonymousAccess(), { state: value ? 'on' : 'off' });
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      }
      // The next API write (the utility model) must keep the line: it failed with "the content of
      // the file is newer" when the line was written behind VS Code's settings model.
      await vscode.workspace.getConfiguration().update('chat.utilityModel', 'sambanova/gpt-oss-120b', vscode.ConfigurationTarget.Global);
      assert.match(onDisk(), /"chat\.allowAnonymousAccess":\s*true/);
      assert.match(onDisk(), /"chat\.utilityModel":\s*"sambanova\/gpt-oss-120b"/);
    } finally {
      await vscode.workspace.getConfiguration().update('chat.utilityModel', undefined, vscode.ConfigurationTarget.Global).then(undefined, () => undefined);
      if (vscode.workspace.getConfiguration('chat').get('allowAnonymousAccess') === true) await writeUserBoolean('chat.allowAnonymousAccess', false, log);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
