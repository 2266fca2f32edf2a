// Which settings a workspace may set, and package.json saying the same thing to VS Code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { effectiveSetting, ignoredSettingsNote, SETTING_POLICIES } from '../../../src/core/settingsPolicy';

interface Manifest {
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
}
const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;

describe('settings policy', () => {
  it('user-only settings ignore workspace and folder values, trusted or not', () => {
    for (const trusted of [true, false]) {
      assert.deepEqual(effectiveSetting({ defaultValue: 'd', globalValue: 'u', workspaceValue: 'w' }, 'userOnly', trusted), { value: 'u', ignoredWorkspaceValue: true });
      assert.deepEqual(effectiveSetting({ defaultValue: 'd', workspaceFolderValue: 'f' }, 'userOnly', trusted), { value: 'd', ignoredWorkspaceValue: true });
    }
    assert.deepEqual(effectiveSetting({ defaultValue: 'd' }, 'userOnly', true), { value: 'd', ignoredWorkspaceValue: false });
  });

  it('trusted-workspace settings take the folder, then workspace value only when trusted', () => {
    const inspected = { defaultValue: 1, globalValue: 2, workspaceValue: 3, workspaceFolderValue: 4 };
    assert.deepEqual(effectiveSetting(inspected, 'trustedWorkspace', true), { value: 4, ignoredWorkspaceValue: false });
    assert.deepEqual(effectiveSetting({ ...inspected, workspaceFolderValue: undefined }, 'trustedWorkspace', true), { value: 3, ignoredWorkspaceValue: false });
    assert.deepEqual(effectiveSetting(inspected, 'trustedWorkspace', false), { value: 2, ignoredWorkspaceValue: true });
  });

  it('a setting missing from the table is user-only; "anywhere" takes the workspace', () => {
    assert.deepEqual(effectiveSetting({ globalValue: 'u', workspaceValue: 'w' }, undefined, true), { value: 'u', ignoredWorkspaceValue: true });
    assert.deepEqual(effectiveSetting({ globalValue: true, workspaceValue: false }, 'anywhere', false), { value: false, ignoredWorkspaceValue: false });
  });

  it('a workspace may turn completion off and leave languages out, trusted or not, never loosen the user\'s settings', () => {
    for (const trusted of [true, false]) {
      assert.deepEqual(effectiveSetting({ defaultValue: true, workspaceValue: false }, 'workspaceMayRestrict', trusted), { value: false, ignoredWorkspaceValue: false, origin: 'workspace' });
      assert.deepEqual(effectiveSetting({ defaultValue: true, workspaceFolderValue: false }, 'workspaceMayRestrict', trusted), { value: false, ignoredWorkspaceValue: false, origin: 'workspaceFolder' });
      // The user turned it off; a cloned repository turning it on changes nothing.
      assert.deepEqual(effectiveSetting({ defaultValue: true, globalValue: false, workspaceValue: true }, 'workspaceMayRestrict', trusted), { value: false, ignoredWorkspaceValue: true, origin: 'user' });
      assert.deepEqual(effectiveSetting({ defaultValue: true, globalValue: true }, 'workspaceMayRestrict', trusted), { value: true, ignoredWorkspaceValue: false, origin: 'user' });
      assert.deepEqual(effectiveSetting({ defaultValue: true }, 'workspaceMayRestrict', trusted), { value: true, ignoredWorkspaceValue: false, origin: 'default' });
      // Lists of languages left out: the union; a workspace's [] does not bring plaintext back.
      assert.deepEqual(
        effectiveSetting({ defaultValue: ['plaintext', 'markdown'], workspaceValue: ['markdown', 'yaml'] }, 'workspaceMayRestrict', trusted),
        { value: ['plaintext', 'markdown', 'yaml'], ignoredWorkspaceValue: true, origin: 'workspace' },
      );
      assert.deepEqual(effectiveSetting({ defaultValue: ['plaintext'], globalValue: ['python'], workspaceValue: [] }, 'workspaceMayRestrict', trusted), {
        value: ['python'],
        ignoredWorkspaceValue: true,
        origin: 'user',
      });
    }
    assert.match(ignoredSettingsNote(['completion.enabled'], false)!, /sambanova\.completion\.enabled can only turn inline completion off/);
  });

  it('says which workspace values it ignored and why', () => {
    assert.equal(ignoredSettingsNote([], false), undefined);
    assert.match(ignoredSettingsNote(['baseUrl'], true)!, /sambanova\.baseUrl.*user settings/);
    assert.match(ignoredSettingsNote(['temperature', 'baseUrl'], false)!, /sambanova\.temperature, sambanova\.baseUrl.*not trusted/);
  });

  it('every sambanova.* setting in package.json has a policy, and the manifest agrees with it', () => {
    for (const [id, schema] of Object.entries(properties)) {
      const key = id.replace(/^sambanova\./, '');
      const policy = SETTING_POLICIES[key];
      assert.ok(policy, `${id} has no entry in SETTING_POLICIES (src/core/settingsPolicy.ts): decide whether a workspace may set it`);
      if (policy === 'userOnly') assert.ok(schema.scope === 'application' || schema.scope === 'machine', `${id} is user-only but its scope is ${schema.scope ?? 'window (default)'}`);
      else assert.ok(schema.scope !== 'application' && schema.scope !== 'machine', `${id} is ${policy} but application/machine scope hides it from workspaces`);
    }
    for (const key of Object.keys(SETTING_POLICIES)) assert.ok(properties[`sambanova.${key}`], `SETTING_POLICIES names sambanova.${key}, which package.json does not contribute`);
  });

  it('declares limited support for untrusted workspaces, listing every setting a workspace may not set there', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    const restricted = new Set(untrusted?.restrictedConfigurations ?? []);
    for (const [key, policy] of Object.entries(SETTING_POLICIES)) {
      // A workspace may restrict these even untrusted: VS Code must not hide their workspace values.
      const restrictedInUntrusted = policy !== 'anywhere' && policy !== 'workspaceMayRestrict';
      assert.equal(restricted.has(`sambanova.${key}`), restrictedInUntrusted, `sambanova.${key} (${policy}) in restrictedConfigurations`);
    }
  });
});
