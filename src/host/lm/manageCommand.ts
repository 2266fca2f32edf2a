// "Manage" next to SambaNova in VS Code's model picker: the key and endpoint commands in one list,
// and the way to VS Code's Agent mode without a GitHub sign-in.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { USE_AS_AGENT_COMMAND, currentAnonymousAccess } from './agentSetupCommand';

export const MANAGE_COMMAND = 'sambanova.manageLanguageModels';

interface Choice extends vscode.QuickPickItem {
  run: () => Thenable<unknown>;
}

export async function manageLanguageModels(services: Services): Promise<void> {
  const source = await services.keys.source();
  let host = '';
  try {
    host = services.client.endpoints().host;
  } catch {
    host = 'an unusable base URL';
  }
  const choices: Choice[] = [
    {
      label: '$(key) Set API Key',
      detail: source === 'none' ? 'No key yet: SambaNova models appear once one is set.' : `A key is ${source === 'stored' ? 'stored' : 'read from SAMBANOVA_API_KEY'}.`,
      run: () => vscode.commands.executeCommand('sambanova.setApiKey'),
    },
    { label: '$(trash) Clear API Key', run: () => vscode.commands.executeCommand('sambanova.clearApiKey') },
    { label: '$(globe) Show Endpoint', detail: `Requests go to ${host}.`, run: () => vscode.commands.executeCommand('sambanova.showEndpoint') },
    { label: '$(settings-gear) Change Base URL', run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'sambanova.baseUrl') },
    { label: '$(list-selection) Select Default Model', run: () => vscode.commands.executeCommand('sambanova.selectModel') },
    { label: "$(hubot) Use as VS Code's Agent…", detail: agentDetail(), run: () => vscode.commands.executeCommand(USE_AS_AGENT_COMMAND) },
  ];
  const picked = await vscode.window.showQuickPick(choices, { title: 'SambaNova models in VS Code', placeHolder: 'Key and endpoint' });
  if (picked) await picked.run();
}

/** What Agent mode needs, in one line, before anything is changed. */
function agentDetail(): string {
  const access = currentAnonymousAccess();
  if (access.state === 'on') return 'chat.allowAnonymousAccess is on: Agent mode runs SambaNova models without a GitHub sign-in.';
  if (access.state === 'off') return 'Agent mode asks for a GitHub sign-in unless chat.allowAnonymousAccess is on; this explains it and asks first.';
  return `${access.why}: Agent mode needs a GitHub sign-in here.`;
}
