// Deactivation disposes everything. VS Code deactivates by calling deactivate() and disposing
// context.subscriptions; doing the same here (a real restart of the extension host would end
// this test run) and then observing that nothing of ours still reacts. Runs last.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, setGlobalSetting } from './support/extension';

describe('deactivation (last suite)', () => {
  it('disposes commands, the status bar listeners and the settings watcher', async () => {
    const { extension, hooks } = await activateExtension();
    const ours = (extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    const textBefore = hooks.statusBar.text;
    const modelBefore = hooks.services.config.get().model;

    for (const disposable of hooks.services.context.subscriptions) disposable.dispose();

    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(ours.filter((id) => registered.has(id)), [], 'commands still registered after dispose');

    // The status bar no longer listens to the client: a request's activity leaves its text alone.
    // (The request itself may fail: the log channel it writes to is disposed too.) Our own
    // listener proves the activity events did fire, so a listening status bar would have seen them.
    const activity: string[] = [];
    const probe = hooks.services.client.onDidActivity((e) => activity.push(e.kind));
    try {
      await hooks.services.client
        .streamChat({ model: modelBefore, messages: [{ role: 'user', content: 'hi' }], source: 'test' })
        .catch(() => undefined);
    } finally {
      probe.dispose();
    }
    assert.ok(activity.includes('start'), `the request produced no activity (${activity.join(', ')})`);
    assert.equal(hooks.statusBar.text, textBefore, 'status bar still reacted to a request after dispose');

    // Config no longer follows settings.
    await setGlobalSetting(hooks, 'model', 'model-after-dispose', 500);
    assert.equal(hooks.services.config.get().model, modelBefore, 'Config still followed settings after dispose');
    await vscode.workspace.getConfiguration('sambanova').update('model', undefined, vscode.ConfigurationTarget.Global);
  });
});
