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
  type AnonymousAccess,
} from '../../core/lm/agentSetup';
import { isChatModel } from '../../core/lm/modelFamily';
import type { Services } from '../services';
import { VENDOR } from './languageModelProvider';
import { writeUserBoolean } from './userSettingsWriter';

export const USE_AS_AGENT_COMMAND = 'sambanova.useAsVSCodeAgent';

export type AgentSetupOutcome = 'noKey' | 'unavailable' | 'declined' | 'notWritten' | 'ready';

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
    const written = await writeUserBoolean(ANONYMOUS_SETTING, true, services.log);
    if (!written.ok) {
      void vscode.window.showErrorMessage(
        `Could not turn on "${ANONYMOUS_SETTING}": ${written.why}. Add the line "${ANONYMOUS_SETTING}": true to your user settings.json yourself (Preferences: Open User Settings (JSON)), then run this command again.`,
      );
      return 'notWritten';
    }
    services.log.info(`${ANONYMOUS_SETTING} turned on in the user settings (${written.how}), as the user chose.`);
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
