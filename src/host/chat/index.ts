// The chat feature's one entry point: activate() calls registerChat(services) and disposes what
// it returns.
//
// Activation only registers what VS Code must know at startup: the view provider and the chat
// commands. The chat itself (controller, history, protocol schemas: most of the extension's code)
// loads the first time the view opens or a chat command runs (LazyFeature, as every feature).
import * as vscode from 'vscode';
import type { Services } from '../services';
import { LazyFeature } from '../lazyFeature';
import { testHooksEnabled } from '../testHooks';
import type { ChatFeature } from './chatFeature';
import { CHAT_USE_MODEL_COMMAND, CHAT_VIEW_ID } from './ids';

/** What integration tests reach through the `sambanova.chat.testSurface` command (test hooks only). */
export type ChatTestSurface = Pick<ChatFeature, 'controller' | 'store' | 'code' | 'history'> & { provider: ChatFeature['view'] };

export function registerChat(services: Services): vscode.Disposable {
  const feature = new LazyFeature(async () => (await import('./chatFeature.js')).createChatFeature(services));
  const chat = () => feature.get();

  const provider: vscode.WebviewViewProvider = {
    resolveWebviewView: async (webviewView) => (await chat()).view.resolveWebviewView(webviewView),
  };
  const disposables: vscode.Disposable[] = [
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, provider, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.commands.registerCommand('sambanova.openChat', async () => (await chat()).view.reveal(true)),
    vscode.commands.registerCommand('sambanova.newChat', async () => {
      const { view, controller } = await chat();
      await view.reveal(true);
      await controller.restore();
      await controller.newChat();
    }),
    // Nothing can be streaming before the chat exists, so Stop need not load it.
    vscode.commands.registerCommand('sambanova.stopChat', () => feature.loaded?.controller.stop()),
    // Select Model from the palette: a chat that was never opened has nothing to switch.
    vscode.commands.registerCommand(CHAT_USE_MODEL_COMMAND, async (model: unknown) => {
      const loaded = feature.loaded;
      if (!loaded || typeof model !== 'string') return;
      await loaded.controller.restore();
      loaded.controller.selectModel(model);
    }),
    vscode.commands.registerCommand('sambanova.showHistory', async () => {
      const { view, history } = await chat();
      await view.reveal(false);
      view.post({ type: 'showHistory' });
      await history.postList();
    }),
    // Explain Selection (src/host/edit/explain.ts) posts the selection and its prompt through this.
    vscode.commands.registerCommand('sambanova.chat.askAboutSelection', async (prompt: string) => (await chat()).askAboutSelection(prompt)),
  ];
  // Labelled so the production build drops the whole block (esbuild dropLabels, see src/host/testHooks.ts).
  TEST_HOOKS: if (testHooksEnabled()) {
    disposables.push(
      vscode.commands.registerCommand('sambanova.chat.testSurface', async (): Promise<ChatTestSurface> => {
        const { view, controller, store, code, history } = await chat();
        return { provider: view, controller, store, code, history };
      }),
    );
  }
  return vscode.Disposable.from(...disposables, feature);
}
