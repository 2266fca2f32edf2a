// The history list, as the webview shows it, and export to Markdown.
import * as vscode from 'vscode';
import { chatToMarkdown } from '../../core/chat/exportMarkdown';
import type { ChatHistoryStore } from '../../core/chat/historyStore';
import type { HostMessage } from '../../shared/protocol';
import type { ChatController } from './chatController';

export class ChatHistory {
  controller!: ChatController;

  constructor(
    private readonly store: ChatHistoryStore,
    private readonly post: (m: HostMessage) => void,
  ) {}

  async postList(): Promise<void> {
    this.post({ type: 'history', chats: await this.store.list() });
  }

  /** Opens the chat as an untitled Markdown document; the user saves it where they like. */
  async exportChat(id: string): Promise<vscode.TextDocument | undefined> {
    const chat = id === this.controller.current.id ? this.controller.snapshot() : await this.store.load(id);
    if (!chat) {
      void vscode.window.showWarningMessage('That chat no longer exists.');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: chatToMarkdown(chat) });
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  }
}
