// The chat feature's one entry point: activate() calls registerChat(services) and disposes what
// it returns.
import * as vscode from 'vscode';
import { ChatHistoryStore } from '../../core/chat/historyStore';
import type { Services } from '../services';
import { testHooksEnabled } from '../testHooks';
import { selectionAttachment } from './attachments';
import { ChatController } from './chatController';
import { ChatHistory } from './chatHistory';
import { CHAT_VIEW_ID, ChatViewProvider } from './chatViewProvider';
import { CodeActions } from './codeActions';
import { ModelCatalog } from './modelCatalog';

export const EXPLAIN_PROMPT = 'Explain what the selected code does, step by step, and point out anything surprising.';
export const REFACTOR_PROMPT =
  'Refactor the selected code to be clearer and simpler without changing what it does. ' +
  'Reply with the complete refactored code in one fenced code block, then a short list of what changed and why.';

/** What integration tests reach through the `sambanova.chat.testSurface` command (test hooks only). */
export interface ChatTestSurface {
  provider: ChatViewProvider;
  controller: ChatController;
  store: ChatHistoryStore;
  code: CodeActions;
  history: ChatHistory;
}

export function registerChat(services: Services): vscode.Disposable {
  const { context, log } = services;
  const store = new ChatHistoryStore(vscode.Uri.joinPath(context.globalStorageUri, 'chats').fsPath, {
    onWarning: (w) => log.warn(w),
  });
  const models = new ModelCatalog(services);
  const code = new CodeActions(log);
  // The three parts need each other; posts go through `view`, which exists before anything posts.
  const post = (m: Parameters<ChatViewProvider['post']>[0]) => view.post(m);
  const history = new ChatHistory(store, post);
  const view = new ChatViewProvider(services, models, code, history);
  const controller = new ChatController(services, store, models, post);
  view.controller = controller;
  history.controller = controller;

  const askAboutSelection = async (prompt: string) => {
    const editor = code.targetEditor();
    const attachment = editor && selectionAttachment(editor);
    if (!attachment) {
      void vscode.window.showInformationMessage('Select some code first.');
      return;
    }
    await view.reveal(false);
    if (controller.busy) {
      controller.stop();
      await controller.idle();
    }
    controller.addAttachments([attachment]);
    await controller.send(prompt);
  };

  const disposables: vscode.Disposable[] = [
    code,
    view,
    controller,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, view, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.commands.registerCommand('sambanova.openChat', () => view.reveal(true)),
    vscode.commands.registerCommand('sambanova.newChat', async () => {
      await view.reveal(true);
      await controller.newChat();
    }),
    vscode.commands.registerCommand('sambanova.stopChat', () => controller.stop()),
    vscode.commands.registerCommand('sambanova.showHistory', async () => {
      await view.reveal(false);
      view.post({ type: 'showHistory' });
      await history.postList();
    }),
    vscode.commands.registerCommand('sambanova.explainSelection', () => askAboutSelection(EXPLAIN_PROMPT)),
    vscode.commands.registerCommand('sambanova.refactorSelection', () => askAboutSelection(REFACTOR_PROMPT)),
    services.keys.onDidChange(async () => {
      view.post({ type: 'keyState', hasKey: (await services.keys.get()) !== undefined, endpointHost: controller.endpointHost() });
      const options = await models.refresh(true);
      view.post({ type: 'models', models: options, selected: controller.current.model });
    }),
    services.config.onDidChange(async (cfg) => {
      // A chat with no messages yet follows the default model; a chat in progress keeps its own.
      if (controller.current.messages.length === 0 && controller.current.model !== cfg.model) controller.selectModel(cfg.model);
      view.post({ type: 'keyState', hasKey: (await services.keys.get()) !== undefined, endpointHost: controller.endpointHost() });
    }),
  ];
  if (testHooksEnabled()) {
    const surface: ChatTestSurface = { provider: view, controller, store, code, history };
    disposables.push(vscode.commands.registerCommand('sambanova.chat.testSurface', () => surface));
  }
  void controller.restore().catch((e: unknown) => log.warn(`Could not restore the last chat: ${String(e)}`));
  return vscode.Disposable.from(...disposables);
}
