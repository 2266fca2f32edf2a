// Set / Clear API Key, and the "Allow Key for Host" fix-it. A key goes from the password box to
// SecretStorage, saved for the host the base URL points to, and is sent to that host only.
import * as vscode from 'vscode';
import { keyTargetOf, type KeyTarget } from '../../core/client/keyConsent';
import type { Services } from '../services';
import { showError } from '../errorUi';

const KEY_PAGE = 'https://cloud.sambanova.ai/apis';

function currentTarget(services: Services): KeyTarget {
  return keyTargetOf(services.client.endpoints());
}

/** The "SambaNova: Set API Key" command. */
export async function setApiKey(services: Services): Promise<boolean> {
  let target: KeyTarget;
  try {
    target = currentTarget(services);
  } catch (error) {
    await showError(error);
    return false;
  }
  return (await enterApiKey(services, target.host)) !== undefined;
}

/**
 * Asks for a key for `host` (the configured base URL's host), checks it there and saves it for
 * that host. Resolves with the saved key, or undefined when nothing was saved.
 */
export async function enterApiKey(services: Services, host: string): Promise<string | undefined> {
  let target: KeyTarget;
  try {
    target = currentTarget(services);
  } catch (error) {
    await showError(error);
    return undefined;
  }
  if (target.host !== host) return undefined; // the base URL changed while we were asking
  // A key typed for an http:// server on another machine would cross the network unencrypted.
  if (!(await services.keyGate.confirmCleartext(target))) return undefined;
  const key = await vscode.window.showInputBox({
    title: 'SambaNova: Set API Key',
    prompt: `Paste your SambaNova API key. It is kept in VS Code's secret storage and sent only to ${host}. Get one at ${KEY_PAGE}.`,
    placeHolder: 'API key',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'The key cannot be empty.' : /\s/.test(value.trim()) ? 'An API key has no spaces in it.' : undefined),
  });
  if (key === undefined) return undefined;
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
    await services.keys.set(trimmed, host);
    const count = verdict.models.length;
    services.log.info(`API key saved for ${host} after it accepted it (${count} models).`);
    void vscode.window.showInformationMessage(
      count > 0
        ? `SambaNova API key saved for ${host}. It accepted it and offers ${count} model${count === 1 ? '' : 's'}.`
        : `SambaNova API key saved for ${host}. It accepted it.`,
    );
    return trimmed;
  }

  const error = verdict.error;
  services.log.warn(`Key check failed: ${error.kind} ${error.status ?? ''} ${error.serverMessage ?? ''}`);
  if (error.kind === 'auth') {
    const again = await vscode.window.showErrorMessage(
      `${host} rejected this API key, so it was not saved. Check that you copied all of it from ${KEY_PAGE}.`,
      'Try Again',
    );
    if (again === 'Try Again') return enterApiKey(services, host);
    return undefined;
  }
  // The server could not be asked (offline, proxy, rate limit...). The user may still know the key is right.
  const choice = await vscode.window.showWarningMessage(
    `Could not check the key: ${error.userMessage} Save it anyway?`,
    'Save Anyway',
    'Cancel',
  );
  if (choice === 'Save Anyway') {
    await services.keys.set(trimmed, host);
    void vscode.window.showInformationMessage(`SambaNova API key saved for ${host} without a check.`);
    return trimmed;
  }
  return undefined;
}

/** Removes every stored key and every "Allow" given so far. */
export async function clearApiKey(services: Services): Promise<void> {
  const removed = await services.keys.clear();
  const stillFromEnv = (await services.keys.source()) === 'environment';
  const what = removed > 1 ? `The ${removed} stored SambaNova API keys and the hosts you allowed were removed.` : 'The stored SambaNova API key was removed.';
  void vscode.window.showInformationMessage(
    stillFromEnv ? `${what} The SAMBANOVA_API_KEY environment variable is still set and will be used.` : what,
  );
}

/** The "Allow Key for Host" fix-it of a request that could not ask (inline completion, a silent request). */
export async function allowKeyHost(services: Services): Promise<void> {
  let target: KeyTarget;
  try {
    target = currentTarget(services);
  } catch (error) {
    await showError(error);
    return;
  }
  if (await services.keyGate.approve(target)) {
    void vscode.window.showInformationMessage(`SambaNova requests to ${target.host} may now use your API key.`);
  } else if (!(await services.keys.hasAnyKey())) {
    await enterApiKey(services, target.host);
  }
}
