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
 * to the user settings.json in an editor the user sees, and saved there (code-server does not
 * notice settings.json written behind its back, so the file is not written directly).
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
  const text = editor.document.getText();
  const next = withSettingTrue(text, ANONYMOUS_SETTING);
  if (next === undefined) return false;
  if (next !== text) {
    const whole = new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(text.length));
    if (!(await editor.edit((edit) => edit.replace(whole, next)))) return false;
    const saved = await Promise.race([editor.document.save(), sleep(3000).then(() => 'timeout' as const)]);
    services.log.info(`settings.json with ${ANONYMOUS_SETTING}: save() gave ${String(saved)}, dirty=${editor.document.isDirty}.`);
    if (editor.document.isDirty) {
      // The same save as the user's Ctrl+S, on the active editor.
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.save');
      services.log.info(`settings.json saved with the Save command: dirty=${editor.document.isDirty}.`);
    }
  }
  // Saved is done: VS Code's chat reads the line at once, but an extension's getConfiguration()
  // does not show an unregistered key (seen in VS Code 1.139), so it cannot be checked that way.
  const saved = !editor.document.isDirty && withSettingTrue(editor.document.getText(), ANONYMOUS_SETTING) === editor.document.getText();
  if (!saved) services.log.warn(`${ANONYMOUS_SETTING} could not be saved in settings.json (dirty=${editor.document.isDirty}).`);
  return saved;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function settingsEditor(): Promise<vscode.TextEditor | undefined> {
  for (let i = 0; i < 30; i++) {
    const editor = vscode.window.activeTextEditor;
    if (editor && /settings\.json$/.test(editor.document.uri.path)) return editor;
    await sleep(100);
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
