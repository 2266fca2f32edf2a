// "SambaNova: Use as VS Code's Agent" (also in the walkthrough and the model picker's Manage
// list). It explains and asks before every change to VS Code's own settings; the decisions and
// words are in src/core/lm/agentSetup.ts.
import * as vscode from 'vscode';
import {
  ANONYMOUS_EXPLANATION,
  ANONYMOUS_SETTING,
  UTILITY_SETTING,
  UTILITY_SMALL_SETTING,
  anonymousAccess,
  recommendUtilityModel,
  unavailableExplanation,
  utilityExplanation,
  withSettingTrue,
  type AnonymousAccess,
} from '../../core/lm/agentSetup';
import { isChatModel } from '../../core/lm/modelFamily';
import type { Services } from '../services';
import { VENDOR } from './languageModelProvider';

export const USE_AS_AGENT_COMMAND = 'sambanova.useAsVSCodeAgent';

export type AgentSetupOutcome = 'noKey' | 'unavailable' | 'declined' | 'ready';

/** Whether VS Code's Agent mode can run our models without a GitHub sign-in, as this VS Code stands. */
export function currentAnonymousAccess(): AnonymousAccess {
  const chat = vscode.workspace.getConfiguration('chat');
  const key = ANONYMOUS_SETTING.slice('chat.'.length);
  return anonymousAccess({
    vscodeVersion: vscode.version,
    registered: chat.inspect(key)?.defaultValue !== undefined,
    copilotChat: vscode.extensions.getExtension('GitHub.copilot-chat') !== undefined,
    value: chat.get(key),
  });
}

export async function useAsVSCodeAgent(services: Services): Promise<AgentSetupOutcome> {
  if (!(await services.keys.get())) {
    await vscode.commands.executeCommand('sambanova.setApiKey');
    if (!(await services.keys.get())) return 'noKey';
  }

  const access = currentAnonymousAccess();
  services.log.info(`Use as VS Code's agent: ${ANONYMOUS_SETTING} is ${access.state} (VS Code ${vscode.version}).`);
  if (access.state === 'unavailable') {
    const open = 'Open SambaNova Chat';
    const choice = await vscode.window.showInformationMessage('VS Code\'s Agent mode needs a GitHub sign-in here', { modal: true, detail: unavailableExplanation(access.why) }, open);
    if (choice === open) await vscode.commands.executeCommand('sambanova.openChat');
    return 'unavailable';
  }
  if (access.state === 'off') {
    const turnOn = 'Turn On';
    const choice = await vscode.window.showWarningMessage(`Let VS Code's chat run without a GitHub sign-in?`, { modal: true, detail: ANONYMOUS_EXPLANATION }, turnOn);
    if (choice !== turnOn) {
      void vscode.window.showInformationMessage(`Nothing was changed. VS Code's Agent mode will ask for a GitHub sign-in before it runs a SambaNova model.`);
      return 'declined';
    }
    if (!(await turnOnAnonymousAccess(services))) {
      void vscode.window.showErrorMessage(`Could not add "${ANONYMOUS_SETTING}": true to your user settings.json. Add the line yourself (Preferences: Open User Settings (JSON)), then run this command again.`);
      return 'declined';
    }
    services.log.info(`${ANONYMOUS_SETTING} turned on in the user settings, as the user chose.`);
  }

  const pick = await suggestUtilityModels(services);
  try {
    await vscode.commands.executeCommand('workbench.action.chat.open', { mode: 'agent' });
  } catch {
    // Older builds without that command: the message below still says where to go.
  }
  const model = pick ?? 'a SambaNova model';
  void vscode.window.showInformationMessage(`VS Code's chat is ready for SambaNova: in Agent mode, pick ${model} in the chat's model picker.`);
  return 'ready';
}

/**
 * Where VS Code registers the setting, the API writes it. VS Code 1.139 reads it but does not
 * register it, and refuses to write it ("not a registered configuration"): then the line is added
 * to the user settings.json, which is shown in an editor. The file is written directly rather
 * than through the editor: saving an editor VS Code itself also writes to can end in a "file is
 * newer" conflict that leaves the change unsaved (seen in the e2e run).
 */
async function turnOnAnonymousAccess(services: Services): Promise<boolean> {
  try {
    await vscode.workspace.getConfiguration().update(ANONYMOUS_SETTING, true, vscode.ConfigurationTarget.Global);
    return true;
  } catch (error) {
    services.log.info(`VS Code would not write ${ANONYMOUS_SETTING} (${error instanceof Error ? error.message : String(error)}); adding it to settings.json.`);
  }
  await vscode.commands.executeCommand('workbench.action.openSettingsJson');
  const editor = await settingsEditor();
  if (!editor) return false;
  if (editor.document.isDirty) {
    void vscode.window.showWarningMessage('Your user settings.json has unsaved changes: save them, then run "SambaNova: Use as VS Code\'s Agent" again.');
    return false;
  }
  const uri = editor.document.uri;
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const next = withSettingTrue(text, ANONYMOUS_SETTING);
    if (next === undefined) return false;
    if (next !== text) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(next));
  } catch (error) {
    services.log.warn(`Could not write ${uri.toString()}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
  const key = ANONYMOUS_SETTING.slice('chat.'.length);
  for (let i = 0; i < 50; i++) {
    if (vscode.workspace.getConfiguration('chat').get(key) === true) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  services.log.warn(`${ANONYMOUS_SETTING} was written to ${uri.toString()} but VS Code does not read it as true yet.`);
  return false;
}

async function settingsEditor(): Promise<vscode.TextEditor | undefined> {
  for (let i = 0; i < 30; i++) {
    const editor = vscode.window.activeTextEditor;
    if (editor && /settings\.json$/.test(editor.document.uri.path)) return editor;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

/** Offers our fast, cheap model for Copilot's utility tasks, only where both settings are unset. */
async function suggestUtilityModels(services: Services): Promise<string | undefined> {
  const config = vscode.workspace.getConfiguration();
  const isSet = (key: string) => {
    const i = config.inspect(key);
    if (i?.defaultValue === undefined) return true; // no such setting here: nothing to offer
    return Boolean(i.globalValue || i.workspaceValue || i.workspaceFolderValue);
  };
  let models;
  try {
    models = await services.client.listModels({ interactive: true });
  } catch {
    return undefined;
  }
  const pick = recommendUtilityModel(models, isChatModel);
  if (!pick || isSet(UTILITY_SETTING) || isSet(UTILITY_SMALL_SETTING)) return pick?.id;
  const use = `Use ${pick.id}`;
  const choice = await vscode.window.showInformationMessage('Use SambaNova for Copilot\'s utility tasks?', { modal: true, detail: utilityExplanation(pick) }, use);
  if (choice === use) {
    const value = `${VENDOR}/${pick.id}`;
    await config.update(UTILITY_SETTING, value, vscode.ConfigurationTarget.Global);
    await config.update(UTILITY_SMALL_SETTING, value, vscode.ConfigurationTarget.Global);
    services.log.info(`${UTILITY_SETTING} and ${UTILITY_SMALL_SETTING} set to ${value}, as the user chose.`);
  }
  return pick.id;
}
