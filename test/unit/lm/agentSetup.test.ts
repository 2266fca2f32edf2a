import assert from 'node:assert/strict';
import { anonymousAccess, recommendUtilityModel, unavailableExplanation, utilityExplanation } from '../../../src/core/lm/agentSetup';
import { booleanSettingEdit, hasBooleanSetting, positionAt, withBooleanSetting } from '../../../src/core/lm/settingsText';
import { isChatModel } from '../../../src/core/lm/modelFamily';

describe('using SambaNova as VS Code\'s agent', () => {
  it('VS Code 1.139 with Copilot Chat reads chat.allowAnonymousAccess though it registers no default', () => {
    assert.deepEqual(anonymousAccess({ vscodeVersion: '1.139.1', registered: false, copilotChat: true, value: undefined }), { state: 'off' });
    assert.deepEqual(anonymousAccess({ vscodeVersion: '1.139.1', registered: false, copilotChat: true, value: true }), { state: 'on' });
    // A build that registers it is taken at its word.
    assert.deepEqual(anonymousAccess({ vscodeVersion: '1.200.0', registered: true, copilotChat: false, value: false }), { state: 'off' });
  });

  it('says where the setting does not exist, and why', () => {
    const old = anonymousAccess({ vscodeVersion: '1.104.0', registered: false, copilotChat: true, value: undefined });
    assert.equal(old.state, 'unavailable');
    if (old.state === 'unavailable') {
      assert.match(old.why, /VS Code 1\.104\.0 has no "chat\.allowAnonymousAccess" setting/);
      assert.match(unavailableExplanation(old.why), /nothing was changed.*SambaNova chat panel, with @sambanova/);
    }
    const noCopilot = anonymousAccess({ vscodeVersion: '1.139.1', registered: false, copilotChat: false, value: true });
    assert.equal(noCopilot.state, 'unavailable');
  });

  it('recommends a fast, cheap model for Copilot\'s utility tasks, from the live list', () => {
    const models = [
      { id: 'Meta-Llama-3.1-8B-Instruct', contextLength: 16_384, pricing: { prompt: 0.1e-6, completion: 0.2e-6 } },
      { id: 'gpt-oss-120b', contextLength: 131_072, pricing: { prompt: 0.22e-6, completion: 0.59e-6 } },
      { id: 'E5-Mistral-7B-Instruct', contextLength: 4096 },
    ];
    const pick = recommendUtilityModel(models, isChatModel);
    assert.equal(pick?.id, 'gpt-oss-120b');
    assert.match(utilityExplanation(pick!), /sambanova\/gpt-oss-120b\?$/);
    assert.match(pick!.why, /\$0\.22 in, \$0\.59 out per million tokens/);
    // Without a preferred model: the cheapest with room for a summary (the 16K one is too small).
    const other = recommendUtilityModel(
      [
        { id: 'a-large', contextLength: 65_536, pricing: { prompt: 3e-6, completion: 4e-6 } },
        { id: 'b-cheap', contextLength: 65_536, pricing: { prompt: 0.2e-6, completion: 0.4e-6 } },
        models[0]!,
      ],
      isChatModel,
    );
    assert.equal(other?.id, 'b-cheap');
    assert.equal(recommendUtilityModel([], isChatModel), undefined);
  });
});

describe('adding chat.allowAnonymousAccess to settings.json', () => {
  const key = 'chat.allowAnonymousAccess';
  it('puts the line first in a settings object, keeping the rest as it was', () => {
    const text = '{\n    "editor.fontSize": 14,\n    // my comment\n    "files.autoSave": "off"\n}\n';
    const out = withBooleanSetting(text, key, true)!;
    assert.equal(out, '{\n    "chat.allowAnonymousAccess": true,\n    "editor.fontSize": 14,\n    // my comment\n    "files.autoSave": "off"\n}\n');
    assert.deepEqual(JSON.parse(out.replace('// my comment\n', '')), { 'chat.allowAnonymousAccess': true, 'editor.fontSize': 14, 'files.autoSave': 'off' });
  });

  it('works on a one-line file (as VS Code saves it after our tests) and on an empty one', () => {
    const out = withBooleanSetting('{"a":1,"b":2}', key, true)!;
    assert.deepEqual(JSON.parse(out), { 'chat.allowAnonymousAccess': true, a: 1, b: 2 });
    assert.deepEqual(JSON.parse(withBooleanSetting('{}', key, true)!), { 'chat.allowAnonymousAccess': true });
    assert.deepEqual(JSON.parse(withBooleanSetting('', key, true)!), { 'chat.allowAnonymousAccess': true });
  });

  it('turns an existing false into true, and leaves text it cannot edit alone', () => {
    assert.equal(withBooleanSetting('{ "chat.allowAnonymousAccess": false }', key, true), '{ "chat.allowAnonymousAccess": true }');
    assert.equal(withBooleanSetting('[1, 2]', key, true), undefined);
  });
});

describe('changing one setting in settings.json as a person would', () => {
  const key = 'chat.allowAnonymousAccess';
  it('turns a true back to false, and knows when the text already says so', () => {
    assert.equal(withBooleanSetting('{ "chat.allowAnonymousAccess": true }', key, false), '{ "chat.allowAnonymousAccess": false }');
    assert.equal(hasBooleanSetting('{ "chat.allowAnonymousAccess": true }', key, true), true);
    assert.equal(hasBooleanSetting('{ "chat.allowAnonymousAccess": false }', key, true), false);
    assert.equal(hasBooleanSetting('{ "a": 1 }', key, true), false);
  });

  it('makes one small edit: a line inserted after the brace, or the old value replaced', () => {
    const before = '{\n\t"a": 1\n}\n';
    assert.deepEqual(booleanSettingEdit(before, key, true), { offset: 1, length: 0, text: '\n\t"chat.allowAnonymousAccess": true,' });
    const on = '{\n  "x": 2,\n  "chat.allowAnonymousAccess": false\n}';
    const edit = booleanSettingEdit(on, key, true)!;
    assert.deepEqual(edit, { offset: 43, length: 5, text: 'true' });
    assert.deepEqual(positionAt(on, edit.offset), { line: 2, character: 31 });
    assert.equal(booleanSettingEdit(on, key, false), null);
    assert.equal(booleanSettingEdit('[1]', key, true), undefined);
  });
});
