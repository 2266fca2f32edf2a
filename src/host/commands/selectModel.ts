// Pick the default model from the server's live list (models change every few months, so the
// list is never hard-coded).
import * as vscode from 'vscode';
import type { ModelInfo } from '../../core/client/types';
import { modelDetail } from '../../shared/present';
import type { Services } from '../services';
import { showError } from '../errorUi';
import { CHAT_USE_MODEL_COMMAND } from '../chat/ids';
import { toModelOption } from '../chat/messageView';

/**
 * Shows the live model list; returns the chosen id or undefined. The choice becomes the default
 * for new requests and, when a chat is open, that chat's model too (a chat with messages keeps
 * its own model otherwise, so picking from the palette would seem to do nothing). `filter` starts
 * the list filtered, as if typed.
 */
export async function selectModel(services: Services, filter = ''): Promise<string | undefined> {
  const current = services.config.get().model;
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { id: string }>();
  quickPick.title = 'SambaNova: Select Model';
  quickPick.placeholder = 'Loading models…';
  quickPick.busy = true;
  quickPick.matchOnDetail = true;
  const controller = new AbortController();
  const disposables: vscode.Disposable[] = [quickPick, { dispose: () => controller.abort() }];
  try {
    quickPick.value = filter;
    quickPick.show();
    const chosen = new Promise<string | undefined>((resolve) => {
      disposables.push(
        quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]?.id)),
        quickPick.onDidHide(() => resolve(undefined)),
      );
    });
    let models: ModelInfo[];
    try {
      models = await services.client.listModels({ signal: controller.signal, refresh: true });
    } catch (error) {
      quickPick.hide();
      await showError(error, 'Could not load the model list');
      return undefined;
    }
    if (models.length === 0) {
      quickPick.hide();
      const typed = await vscode.window.showInputBox({
        title: 'SambaNova: Select Model',
        prompt: 'This endpoint does not list its models. Type the model (expert) name to use.',
        value: current,
      });
      if (typed?.trim()) await useModel(services, typed.trim(), current);
      return typed?.trim() || undefined;
    }
    quickPick.items = models.map((m) => ({
      id: m.id,
      label: m.id,
      description: m.id === current ? 'current' : undefined,
      detail: modelDetail(toModelOption(m)) || undefined,
    }));
    // Start on the current model, unless the user typed a filter while the list loaded: then the
    // first row it matches is the one Enter picks, as VS Code's filter made it.
    if (quickPick.value === '') quickPick.activeItems = quickPick.items.filter((i) => i.id === current);
    quickPick.placeholder = `Model for new requests and the open chat (default now ${current})`;
    quickPick.busy = false;
    const id = await chosen;
    quickPick.hide();
    if (id) await useModel(services, id, current);
    return id;
  } finally {
    for (const d of disposables) d.dispose();
  }
}

async function useModel(services: Services, id: string, current: string): Promise<void> {
  if (id !== current) {
    await services.config.setModel(id);
    services.log.info(`Default model set to ${id}.`);
  }
  // Registered by the chat at activation; it does nothing unless the chat has been opened.
  await vscode.commands.executeCommand(CHAT_USE_MODEL_COMMAND, id);
}
