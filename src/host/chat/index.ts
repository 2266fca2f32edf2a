// The chat feature's one entry point: activate() calls registerChat(services) and disposes what
// it returns.
//
// Activation only registers what VS Code must know at startup: the view provider and the chat
// commands. The chat itself (controller, history, protocol schemas: most of the extension's code)
// is loaded by a dynamic import the first time the view opens or a chat command runs. esbuild
// keeps it in dist/extension.js but initialises those modules only then, which keeps activation
// fast (bench/activation.ts).
import * as vscode from 'vscode';
import type { Services } from '../services';
import { testHooksEnabled } from '../testHooks';
import type { ChatFeature } from './chatFeature';
import { CHAT_USE_MODEL_COMMAND, CHAT_VIEW_ID } from './ids';

/** What integration tests reach through the `sambanova.chat.testSurface` command (test hooks only). */
export type ChatTestSurface = Pick<ChatFeature, 'controller' | 'store' | 'code' | 'history'> & { provider: ChatFeature['view'] };

export function registerChat(services: Services): vscode.Disposable {
  let feature: Promise<ChatFeature> | undefined;
  /** Set once the chat has loaded, so disposing can be synchronous. */
  let loaded: ChatFeature | undefined;
  let disposed = false;
  const chat = (): Promise<ChatFeature> =>
    (feature ??= import('./chatFeature.js').then(({ createChatFeature }) => {
      const created = createChatFeature(services);
      if (disposed) created.dispose();
      else loaded = created;
      return created;
    }));

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
    vscode.commands.registerCommand('sambanova.stopChat', () => loaded?.controller.stop()),
    // Select Model from the palette: a chat that was never opened has nothing to switch.
    vscode.commands.registerCommand(CHAT_USE_MODEL_COMMAND, async (model: unknown) => {
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
    // A proposal only exists once the chat has loaded; before that there is nothing to accept.
    vscode.commands.registerCommand('sambanova.applyCode.accept', async () => (loaded ? loaded.code.accept() : false)),
    vscode.commands.registerCommand('sambanova.applyCode.reject', async () => loaded?.code.reject()),
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
  return new vscode.Disposable(() => {
    disposed = true;
    for (const d of disposables) d.dispose();
    loaded?.dispose();
    loaded = undefined;
  });
}
