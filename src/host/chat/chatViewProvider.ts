// The chat's webview view: builds the page, validates every message the page sends, and routes
// it. Messages to the page go through the ChatViewPort, which drops them while no page is
// showing (the page asks for the full state when it loads).
import * as vscode from 'vscode';
import { HostMessageSchema, WebviewMessageSchema, type HostMessage, type WebviewMessage } from '../../shared/protocol';
// English messages for the warning logged when a page message does not match the protocol.
import '../../core/zodLocale';
import { modelDetail } from '../../shared/present';
import { runFixAction } from '../errorUi';
import type { Services } from '../services';
import { fileAttachment, openFileAttachments, problemsAttachment, selectionAttachment } from './attachments';
import type { ChatController } from './chatController';
import type { ChatPersistence } from './chatPersistence';
import type { ChatHistory } from './chatHistory';
import type { ChatViewPort } from './chatViewPort';
import type { CodeActions } from './codeActions';
import type { ModelCatalog } from './modelCatalog';
import { CHAT_VIEW_ID } from './ids';
import { chatHtml, webviewRoots } from './webviewHtml';

export { CHAT_VIEW_ID };

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private viewDisposables: vscode.Disposable[] = [];
  /** Every message posted to the page (tests watch this). */
  readonly onDidPost: vscode.Event<HostMessage>;

  constructor(
    private readonly services: Services,
    private readonly port: ChatViewPort,
    private readonly controller: ChatController,
    private readonly history: ChatHistory,
    private readonly persistence: ChatPersistence,
    private readonly models: ModelCatalog,
    private readonly code: CodeActions,
  ) {
    this.onDidPost = port.onDidPost;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    view.webview.options = { enableScripts: true, localResourceRoots: webviewRoots(this.services.context.extensionUri) };
    view.webview.html = chatHtml(view.webview, this.services.context.extensionUri);
    // The page will ask for the state as soon as it loads: read the last chat meanwhile.
    void this.controller.restore();
    this.viewDisposables.push(
      this.port.attach(view.webview),
      view.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
        this.disposeView();
      }),
    );
  }

  get isVisible(): boolean {
    return this.view?.visible ?? false;
  }

  /** Shows the view (opening its container) and focuses the input. */
  async reveal(focusInput = true): Promise<void> {
    if (this.view) this.view.show(false);
    else await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
    if (focusInput) this.post({ type: 'focusInput' });
  }

  post(message: HostMessage): void {
    this.port.post(message);
  }

  /** Everything the page sends comes through here, and is dropped unless the protocol allows it. */
  async receive(raw: unknown): Promise<void> {
    const parsed = WebviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const type = (raw as { type?: unknown } | null)?.type;
      this.services.log.warn(`Chat view sent a message that does not match the protocol (type ${JSON.stringify(type)}); ignored.`);
      return;
    }
    try {
      await this.controller.restore();
      await this.route(parsed.data);
    } catch (error) {
      this.services.log.error(`Chat: handling "${parsed.data.type}" failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }

  private async route(m: WebviewMessage): Promise<void> {
    const c = this.controller;
    switch (m.type) {
      case 'ready':
        await c.postState();
        void this.models.refresh().then(() => this.post({ type: 'models', models: this.models.options([c.current.model]), selected: c.current.model }));
        return;
      case 'send':
        return c.send(m.text, m.images ?? []);
      case 'stop':
        return c.stop();
      case 'regenerate':
        return c.regenerate(m.messageId);
      case 'editResend':
        return c.editAndResend(m.messageId, m.text);
      case 'newChat':
        return c.newChat();
      case 'copy':
        return vscode.env.clipboard.writeText(m.text);
      case 'insertCode':
        await this.code.insert(m.code);
        return;
      case 'applyCode':
        await this.code.preview(m.code);
        return;
      case 'newFile':
        await this.code.newFile(m.code, m.language);
        return;
      case 'openLink':
        await this.openLink(m.href);
        return;
      case 'fixAction':
        return this.fixAction(m.action, m.messageId);
      case 'selectModel':
        return c.selectModel(m.model);
      case 'attach':
        await this.attach(m.kind);
        return;
      case 'removeAttachment':
        return c.removeAttachment(m.id);
      case 'draft':
        return this.persistence.saveDraft(m.text);
      case 'requestHistory':
        return this.history.postList(m.query);
      case 'openChat':
        await this.history.open(m.chatId);
        return;
      case 'renameChat':
        return this.history.rename(m.chatId, m.title);
      case 'deleteChat':
        return this.history.delete(m.chatId);
      case 'exportChat':
        await this.history.exportChat(m.chatId);
        return;
    }
  }

  /** Links in model output open in the browser, and only when they are web links. */
  async openLink(href: string): Promise<boolean> {
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(href, true);
    } catch {
      this.services.log.warn('Chat: ignored a link that is not a valid URL.');
      return false;
    }
    if (uri.scheme !== 'http' && uri.scheme !== 'https') {
      this.services.log.warn(`Chat: ignored a link with scheme "${uri.scheme}" (only http and https open).`);
      return false;
    }
    return vscode.env.openExternal(uri);
  }

  private async fixAction(action: WebviewMessage & { type: 'fixAction' } extends { action: infer A } ? A : never, messageId?: string): Promise<void> {
    const c = this.controller;
    switch (action) {
      case 'retry':
        if (messageId) await c.regenerate(messageId);
        return;
      case 'chooseModel': {
        const chosen = await this.pickModel();
        if (chosen) c.selectModel(chosen);
        return;
      }
      case 'newChat':
        return c.newChat();
      default:
        return runFixAction(action);
    }
  }

  /** A quick pick of the live models for this chat (the default model setting is not changed). */
  async pickModel(): Promise<string | undefined> {
    const options = await this.models.refresh(true);
    const current = this.controller.current.model;
    const items = options.map((o) => ({
      label: o.id,
      description: o.id === current ? 'current' : undefined,
      detail: modelDetail(o) || undefined,
    }));
    const picked = await vscode.window.showQuickPick(items, { title: 'Model for this chat', placeHolder: current, matchOnDetail: true });
    return picked?.label;
  }

  async attach(kind: 'selection' | 'file' | 'openFiles' | 'problems'): Promise<number> {
    const editor = this.code.targetEditor();
    const doc = editor?.document;
    let added = [];
    if (kind === 'openFiles') added = openFileAttachments(doc);
    else if (!editor || !doc) {
      void vscode.window.showInformationMessage('Open a file first: there is no editor to attach from.');
      return 0;
    } else if (kind === 'selection') {
      const a = selectionAttachment(editor);
      if (!a) void vscode.window.showInformationMessage('Select some code first.');
      added = a ? [a] : [];
    } else if (kind === 'file') added = [fileAttachment(doc, 'file')];
    else {
      const a = problemsAttachment(doc);
      if (!a) void vscode.window.showInformationMessage(`No problems in ${vscode.workspace.asRelativePath(doc.uri)}.`);
      added = a ? [a] : [];
    }
    if (kind === 'openFiles' && added.length === 0) void vscode.window.showInformationMessage('No other files are open.');
    this.controller.addAttachments(added);
    return added.length;
  }

  /** Validates outgoing messages in tests; in production post() trusts its typed callers. */
  static isValidHostMessage(message: unknown): boolean {
    return HostMessageSchema.safeParse(message).success;
  }

  private disposeView(): void {
    for (const d of this.viewDisposables) d.dispose();
    this.viewDisposables = [];
  }

  dispose(): void {
    this.disposeView();
  }
}
