// Read-only views of what the extension is doing: where requests go, and the last request's figures.
import * as vscode from 'vscode';
import { metricsRows } from '../../shared/present';
import type { Services } from '../services';
import type { StatusBar } from '../statusBar';
import { showError } from '../errorUi';

export async function showEndpoint(services: Services): Promise<void> {
  try {
    const e = services.client.endpoints();
    const source = await services.keys.source();
    const keyLine =
      source === 'stored'
        ? 'API key: stored in secret storage.'
        : source === 'environment'
          ? 'API key: from the SAMBANOVA_API_KEY environment variable.'
          : 'API key: none set.';
    const detail = [
      `Kind: ${e.kind}`,
      `Chat: ${e.chatCompletions}`,
      `Completions: ${e.completions ?? 'not offered by this endpoint'}`,
      `Models: ${e.models ?? 'not offered by this endpoint'}`,
      keyLine,
      `The key is sent only to ${e.host}.`,
    ].join('\n');
    const choice = await vscode.window.showInformationMessage(
      `SambaNova requests go to ${e.host}`,
      { modal: true, detail },
      'Open Settings',
    );
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'sambanova.baseUrl');
    }
  } catch (error) {
    await showError(error);
  }
}

export async function showLastRequest(statusBar: StatusBar): Promise<void> {
  const m = statusBar.last;
  if (!m) {
    void vscode.window.showInformationMessage('No SambaNova request has finished in this window yet.');
    return;
  }
  const items: vscode.QuickPickItem[] = metricsRows(m).map(([label, value]) => ({ label: value, description: label }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'SambaNova: Last Request',
    placeHolder: 'Pick a row to copy its value',
  });
  if (picked) await vscode.env.clipboard.writeText(picked.label);
}
