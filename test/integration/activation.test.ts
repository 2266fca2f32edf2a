// The extension starts in a real VS Code and everything it promises in package.json exists.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';

interface ContributedCommand {
  command: string;
  title: string;
}

describe('activation', () => {
  it('activates on startup and hands the test hooks over', async () => {
    const { extension, hooks } = await activateExtension();
    assert.equal(extension.isActive, true);
    assert.equal(typeof hooks.services.client.streamChat, 'function');
    assert.ok(hooks.activationMs >= 0 && hooks.activationMs < 5000, `activation took ${hooks.activationMs} ms`);
  });

  it('registers every command contributed in package.json', async () => {
    const { extension } = await activateExtension();
    const contributed = (extension.packageJSON as { contributes: { commands: ContributedCommand[] } }).contributes.commands;
    assert.ok(contributed.length >= 6, 'package.json contributes fewer commands than expected');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('shows its status bar entry', async () => {
    const { hooks } = await activateExtension();
    // With no key yet it asks for one; with a key it is ready. Either way it says SambaNova.
    assert.match(hooks.statusBar.text, /SambaNova/);
  });
});
