// Writes one boolean into the user settings, only after the user said yes, and reads it back.
// The API writes what VS Code registers. VS Code 1.139 reads chat.allowAnonymousAccess but keeps it
// out of its registry, so update() refuses it; then the change is made in VS Code's own
// settings.json editor, with the editor commands a person's keys would run, and saved there.
// Why not through the extension's TextDocument: in code-server the workbench holds the user
// settings as a `vscode-userdata:` model, and the remote extension host sees it under the same
// `file:` URI as the plain file's model ("document ... already exists!" in the host's log). An
// extension's edit and save then land in the wrong model (measured in 1.139: save() returned
// false, or wrote the disk while VS Code's settings never changed and the next update() failed with
// "the content of the file is newer"). Edits made by the editor's own commands land in the model
// VS Code's settings read.
import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { applyEdit, booleanSettingEdit, hasBooleanSetting, positionAt } from '../../core/lm/settingsText';

export type WriteResult = { ok: true; how: 'api' | 'settings.json' } | { ok: false; why: string };

export async function writeUserBoolean(key: string, value: boolean, log: Logger): Promise<WriteResult> {
  try {
    await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
    return (await inEffect(key, value)) ? { ok: true, how: 'api' } : { ok: false, why: `VS Code saved "${key}" but does not show it in effect` };
  } catch (error) {
    log.info(`VS Code would not write ${key} through its API (${error instanceof Error ? error.message : String(error)}); changing it in settings.json.`);
  }

  await vscode.commands.executeCommand('workbench.action.openSettingsJson');
  const tab = await activeSettingsTab();
  if (!tab) return { ok: false, why: 'the user settings.json did not open' };
  if (tab.tab.isDirty) return { ok: false, why: 'your user settings.json has unsaved changes: save or revert them first' };
  // Not dirty, so the file holds what the editor shows.
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(tab.uri));
  const edit = booleanSettingEdit(text, key, value);
  if (edit === undefined) return { ok: false, why: 'your user settings.json is not a JSON object this command can edit safely' };
  if (edit) {
    const start = positionAt(text, edit.offset);
    const end = positionAt(text, edit.offset + edit.length);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    if (start.line === end.line) {
      await vscode.commands.executeCommand('cursorTop');
      if (start.line > 0) await vscode.commands.executeCommand('cursorMove', { to: 'down', by: 'line', value: start.line });
      if (start.character > 0) await vscode.commands.executeCommand('cursorMove', { to: 'right', by: 'character', value: start.character });
      if (end.character > start.character) await vscode.commands.executeCommand('cursorMove', { to: 'right', by: 'character', value: end.character - start.character, select: true });
      await vscode.commands.executeCommand('editor.action.insertSnippet', { snippet: snippetText(edit.text) });
    } else {
      await vscode.commands.executeCommand('editor.action.selectAll');
      await vscode.commands.executeCommand('editor.action.insertSnippet', { snippet: snippetText(applyEdit(text, edit)) });
    }
    await vscode.commands.executeCommand('workbench.action.files.save');
  }
  // Read back what is on disk and what VS Code's settings say, not what we meant to write.
  const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(tab.uri));
  if (!hasBooleanSetting(saved, key, value)) {
    log.warn(`${key} is not ${value} in settings.json after the edit (tab dirty=${tab.tab.isDirty}).`);
    return { ok: false, why: `the edit did not reach settings.json on disk` };
  }
  if (!(await inEffect(key, value))) {
    log.warn(`${key} is ${value} in settings.json, but VS Code's settings do not show it.`);
    return { ok: false, why: `settings.json has the line, but VS Code does not show "${key}" in effect` };
  }
  log.info(`${key} set to ${value} in the user settings.json and in effect.`);
  return { ok: true, how: 'settings.json' };
}

/** Snippet syntax: $, } and \ are literal only when escaped. */
function snippetText(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** VS Code applies a saved settings.json a moment later: wait for it, up to a few seconds. */
async function inEffect(key: string, value: boolean, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (vscode.workspace.getConfiguration().inspect(key)?.globalValue === value) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function activeSettingsTab(): Promise<{ tab: vscode.Tab; uri: vscode.Uri } | undefined> {
  for (let i = 0; i < 50; i++) {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    const uri = tab?.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
    if (tab && uri && /\/settings\.json$/.test(uri.path)) return { tab, uri };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}
