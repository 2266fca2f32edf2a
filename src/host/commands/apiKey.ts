// Set / Clear API Key, and the "Allow Key for Host" fix-it. A key goes from the password box to
// SecretStorage, saved for the origin (scheme, host, port) the base URL pointed to when the
// command started, and is checked with and sent to that origin only.
import * as vscode from 'vscode';
import type { Endpoints } from '../../core/client/api';
import { keyTargetOf, originOf, type KeyTarget } from '../../core/client/keyConsent';
import type { Services } from '../services';
import { showError } from '../errorUi';

const KEY_PAGE = 'https://cloud.sambanova.ai/apis';

/** The endpoints as configured now, or undefined (after saying why) when the base URL is unusable. */
async function currentEndpoints(services: Services): Promise<Endpoints | undefined> {
  try {
    return services.client.endpoints();
  } catch (error) {
    await showError(error);
    return undefined;
  }
}

/** The "SambaNova: Set API Key" command. */
export async function setApiKey(services: Services): Promise<boolean> {
  const endpoints = await currentEndpoints(services);
  return endpoints !== undefined && (await enterApiKey(services, endpoints)) !== undefined;
}

/**
 * "Enter another key" in the consent modal: a key for the origin that request was going to.
 * Resolves with the saved key, or undefined when nothing was saved.
 */
export async function enterKeyFor(services: Services, target: KeyTarget): Promise<string | undefined> {
  const endpoints = await currentEndpoints(services);
  if (!endpoints) return undefined;
  const wanted = originOf(target);
  const now = originOf(keyTargetOf(endpoints));
  if (now !== wanted) {
    void vscode.window.showWarningMessage(`The base URL changed to ${now} while SambaNova was asking about ${wanted}, so no key was entered. Try the request again.`);
    return undefined;
  }
  return enterApiKey(services, endpoints);
}

/**
 * Asks for a key, checks it with `endpoints` and saves it for their origin. Both use the
 * endpoints captured when the command started: the settings may change while the password box
 * is open, and a key typed for one server must not be sent to another.
 */
async function enterApiKey(services: Services, endpoints: Endpoints): Promise<string | undefined> {
  const target = keyTargetOf(endpoints);
  const origin = originOf(target);
  // A key typed for an http:// server on another machine would cross the network unencrypted.
  if (!(await services.keyGate.confirmCleartext(target))) return undefined;
  const key = await services.keyGate.keyPrompt(origin);
  if (key === undefined || key.trim() === '') return undefined;
  const trimmed = key.trim();
  services.keys.remember(trimmed);

  const verdict = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Checking the key with ${origin}…`, cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      const listener = token.onCancellationRequested(() => controller.abort());
      return services.client.checkKey(trimmed, controller.signal, endpoints).finally(() => listener.dispose());
    },
  );

  if (verdict.ok) {
    await services.keys.set(trimmed, origin);
    const count = verdict.models.length;
    services.log.info(`API key saved for ${origin} after it accepted it (${count} models).`);
    void vscode.window.showInformationMessage(
      count > 0
        ? `SambaNova API key saved for ${origin}. It accepted it and offers ${count} model${count === 1 ? '' : 's'}.`
        : `SambaNova API key saved for ${origin}. It accepted it.`,
    );
    return trimmed;
  }

  const error = verdict.error;
  services.log.warn(`Key check failed: ${error.kind} ${error.status ?? ''} ${error.serverMessage ?? ''}`);
  if (error.kind === 'auth') {
    const again = await vscode.window.showErrorMessage(
      `${origin} rejected this API key, so it was not saved. Check that you copied all of it from ${KEY_PAGE}.`,
      'Try Again',
    );
    if (again === 'Try Again') return enterApiKey(services, endpoints);
    return undefined;
  }
  // The server could not be asked (offline, proxy, rate limit...). The user may still know the key is right.
  const choice = await vscode.window.showWarningMessage(
    `Could not check the key: ${error.userMessage} Save it anyway?`,
    'Save Anyway',
    'Cancel',
  );
  if (choice === 'Save Anyway') {
    await services.keys.set(trimmed, origin);
    void vscode.window.showInformationMessage(`SambaNova API key saved for ${origin} without a check.`);
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
  const endpoints = await currentEndpoints(services);
  if (!endpoints) return;
  const target = keyTargetOf(endpoints);
  if (await services.keyGate.approve(target)) {
    void vscode.window.showInformationMessage(`SambaNova requests to ${originOf(target)} may now use your API key.`);
  } else if (!(await services.keys.hasAnyKey())) {
    await enterApiKey(services, endpoints);
  }
}
