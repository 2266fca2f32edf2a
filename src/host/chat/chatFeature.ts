// The chat itself: history store, model catalog, view provider, conversation controller and the
// listeners that keep an open view current. Built by index.ts on first need (the view opening or
// a chat command), so none of it is loaded while the extension activates.
// Each part is built complete from the parts before it; nothing is set after construction.
import * as vscode from 'vscode';
import { ChatHistoryStore } from '../../core/chat/historyStore';
import type { Services } from '../services';
import { AnswerStreamer } from './answerStream';
import { selectionAttachment } from './attachments';
import { ChatController } from './chatController';
import { ChatHistory } from './chatHistory';
import { ChatPersistence } from './chatPersistence';
import { ChatViewPort } from './chatViewPort';
import { ChatViewProvider } from './chatViewProvider';
import { CodeActions } from './codeActions';
import { ModelCatalog } from './modelCatalog';

export interface ChatFeature extends vscode.Disposable {
  readonly view: ChatViewProvider;
  readonly controller: ChatController;
  readonly store: ChatHistoryStore;
  readonly code: CodeActions;
  readonly history: ChatHistory;
  /** Explain / Refactor Selection: the selection goes into the chat with `prompt`. */
  askAboutSelection(prompt: string): Promise<void>;
}

export function createChatFeature(services: Services): ChatFeature {
  const { context, log } = services;
  const store = new ChatHistoryStore(vscode.Uri.joinPath(context.globalStorageUri, 'chats').fsPath, {
    onWarning: (w) => log.warn(w),
  });
  const port = new ChatViewPort(log);
  const persistence = new ChatPersistence(store, context.workspaceState, log);
  const models = new ModelCatalog(services);
  const code = new CodeActions(services.proposedEdits);
  const streamer = new AnswerStreamer(services.client, log);
  const controller = new ChatController({ services, persistence, models, streamer, post: port.post });
  const history = new ChatHistory(store, port.post, controller);
  const view = new ChatViewProvider(services, port, controller, history, persistence, models, code);

  const askAboutSelection = async (prompt: string) => {
    const editor = code.targetEditor();
    const attachment = editor && selectionAttachment(editor);
    if (!attachment) {
      void vscode.window.showInformationMessage('Select some code first.');
      return;
    }
    await view.reveal(false);
    await controller.restore();
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
    port,
    services.keys.onDidChange(async () => {
      view.post({ type: 'keyState', hasKey: await services.keys.hasAnyKey(), endpointHost: controller.endpointHost() });
      const options = await models.refresh(true);
      view.post({ type: 'models', models: options, selected: controller.current.model });
    }),
    services.config.onDidChange(async (cfg) => {
      // A chat with no messages yet follows the default model; a chat in progress keeps its own.
      if (controller.current.messages.length === 0 && controller.current.model !== cfg.model) controller.selectModel(cfg.model);
      view.post({ type: 'keyState', hasKey: await services.keys.hasAnyKey(), endpointHost: controller.endpointHost() });
    }),
  ];
  return {
    view,
    controller,
    store,
    code,
    history,
    askAboutSelection,
    dispose: () => vscode.Disposable.from(...disposables).dispose(),
  };
}
