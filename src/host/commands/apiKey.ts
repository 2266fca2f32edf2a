// Set / Clear API Key. The key goes from the password box to SecretStorage and to the host the
// user configured, nowhere else.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { showError } from '../errorUi';

const KEY_PAGE = 'https://cloud.sambanova.ai/apis';

export async function setApiKey(services: Services): Promise<boolean> {
  let host: string;
  try {
    host = services.client.endpoints().host;
  } catch (error) {
    await showError(error);
    return false;
  }
  const key = await vscode.window.showInputBox({
    title: 'SambaNova: Set API Key',
    prompt: `Paste your SambaNova API key. It is kept in VS Code's secret storage and sent only to ${host}. Get one at ${KEY_PAGE}.`,
    placeHolder: 'API key',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'The key cannot be empty.' : /\s/.test(value.trim()) ? 'An API key has no spaces in it.' : undefined),
  });
  if (key === undefined) return false;
  const trimmed = key.trim();
  services.keys.remember(trimmed);

  const verdict = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Checking the key with ${host}…`, cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      const listener = token.onCancellationRequested(() => controller.abort());
      return services.client.checkKey(trimmed, controller.signal).finally(() => listener.dispose());
    },
  );

  if (verdict.ok) {
    await services.keys.set(trimmed);
    const count = verdict.models.length;
    services.log.info(`API key saved after ${host} accepted it (${count} models).`);
    void vscode.window.showInformationMessage(
      count > 0
        ? `SambaNova API key saved. ${host} accepted it and offers ${count} model${count === 1 ? '' : 's'}.`
        : `SambaNova API key saved. ${host} accepted it.`,
    );
    return true;
  }

  const error = verdict.error;
  services.log.warn(`Key check failed: ${error.kind} ${error.status ?? ''} ${error.serverMessage ?? ''}`);
  if (error.kind === 'auth') {
    const again = await vscode.window.showErrorMessage(
      `${host} rejected this API key, so it was not saved. Check that you copied all of it from ${KEY_PAGE}.`,
      'Try Again',
    );
    if (again === 'Try Again') return setApiKey(services);
    return false;
  }
  // The server could not be asked (offline, proxy, rate limit...). The user may still know the key is right.
  const choice = await vscode.window.showWarningMessage(
    `Could not check the key: ${error.userMessage} Save it anyway?`,
    'Save Anyway',
    'Cancel',
  );
  if (choice === 'Save Anyway') {
    await services.keys.set(trimmed);
    void vscode.window.showInformationMessage('SambaNova API key saved without a check.');
    return true;
  }
  return false;
}

export async function clearApiKey(services: Services): Promise<void> {
  await services.keys.clear();
  const stillFromEnv = (await services.keys.source()) === 'environment';
  void vscode.window.showInformationMessage(
    stillFromEnv
      ? 'The stored SambaNova API key was removed. The SAMBANOVA_API_KEY environment variable is still set and will be used.'
      : 'The SambaNova API key was removed from secret storage.',
  );
}
