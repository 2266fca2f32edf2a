// "Manage" next to SambaNova in VS Code's model picker: the key and endpoint commands in one list.
import * as vscode from 'vscode';
import type { Services } from '../services';

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
  ];
  const picked = await vscode.window.showQuickPick(choices, { title: 'SambaNova models in VS Code', placeHolder: 'Key and endpoint' });
  if (picked) await picked.run();
}
