// The composition root: builds the services once, registers every feature, and hands every
// disposable to VS Code. No feature logic lives here.
import * as vscode from 'vscode';
import { SambaNovaClient } from './core/client/client';
import { nodeTransport } from './core/client/nodeTransport';
import { keyTargetOf } from './core/client/keyConsent';
import { resolveEndpoints } from './core/client/endpoints';
import { ApiKeyStore } from './host/apiKeyStore';
import { enterKeyFor } from './host/commands/apiKey';
import { registerChat } from './host/chat';
import { registerEditCommands } from './host/edit';
import { registerCommands } from './host/commands';
import { registerCompletion } from './host/completion';
import { Config } from './host/config';
import { KeyGate } from './host/keyGate';
import { LazyFeature } from './host/lazyFeature';
import { hostLog } from './host/log';
import { registerLanguageModels } from './host/lm';
import type { Services } from './host/services';
import { StatusBar } from './host/statusBar';
import { trackRateLimits } from './host/rateLimits';
import { testHooksEnabled, type TestHooks } from './host/testHooks';

export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  const started = performance.now();
  const channel = vscode.window.createOutputChannel('SambaNova', { log: true });
  context.subscriptions.push(channel);
  let keys: ApiKeyStore | undefined;
  // Host code logs only through this redacting wrapper; `channel` is not handed to anyone else.
  const log = hostLog(channel, () => keys?.knownSecrets() ?? []);
  try {
    const config = new Config(log);
    const currentTarget = () => {
      try {
        return keyTargetOf(resolveEndpoints(config.get().baseUrl));
      } catch {
        return undefined; // an unusable base URL sends nothing; the request reports the setting
      }
    };
    keys = new ApiKeyStore(context.secrets, currentTarget);
    // "Enter another key" in the consent modal runs Set API Key for that host.
    const keyGate = new KeyGate(keys, log, (target) => enterKeyFor(services, target));
    // VS Code's extension host routes global fetch and the http/https modules through the user's
    // http.proxy settings and system certificates (sources in src/core/client/nodeTransport.ts), so
    // corporate networks work without our own proxy code. Requests go through nodeTransport
    // (cheaper per streamed chunk); fetch stays the contract's fallback.
    const client = new SambaNovaClient({
      fetch: (input, init) => globalThis.fetch(input, init),
      transport: nodeTransport(),
      getApiKey: (request) => keyGate.getApiKey(request),
      getSettings: () => config.get().client,
      logger: log,
    });
    const proposedEdits = new LazyFeature(async () => new (await import('./host/edit/proposedEdits.js')).ProposedEdits(log));
    const rateLimits = trackRateLimits(client, context.globalState);
    const services: Services = { context, log, config, keys, keyGate, client, proposedEdits, rateLimits: rateLimits.tracker };
    const statusBar = new StatusBar(services);
    // Every feature is wired the same way: register…(services) registers what VS Code must know
    // now, loads the rest on first use (host/lazyFeature.ts) and returns one disposable.
    context.subscriptions.push(
      config,
      keys,
      proposedEdits,
      rateLimits,
      statusBar,
      registerCommands(services, statusBar),
      registerChat(services),
      registerLanguageModels(services),
      registerCompletion(services, statusBar),
      registerEditCommands(services),
    );

    const activationMs = performance.now() - started;
    log.info(`Activated in ${activationMs.toFixed(1)} ms (VS Code ${vscode.version}).`);
    return testHooksEnabled() ? { services, statusBar, activationMs } : undefined;
  } catch (error) {
    // VS Code shows nothing when activation throws; say what happened and where to look.
    log.error('Activation failed', error);
    void vscode.window
      .showErrorMessage(`SambaNova could not start: ${error instanceof Error ? error.message : String(error)}`, 'Show Log')
      .then((choice) => choice && log.show());
    throw error;
  }
}

export function deactivate(): void {
  // Everything is in context.subscriptions; VS Code disposes it.
}
