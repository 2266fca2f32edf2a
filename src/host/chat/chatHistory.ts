// The history list, as the webview shows it (with search over whole conversations), and export
// to Markdown.
import * as vscode from 'vscode';
import { chatToMarkdown } from '../../core/chat/exportMarkdown';
import { formatFigures } from '../../shared/present';
import type { ChatHistoryStore } from '../../core/chat/historyStore';
import type { HostMessage } from '../../shared/protocol';
import type { ChatController } from './chatController';
import { toSummaryView } from './messageView';

export class ChatHistory {
  constructor(
    private readonly store: ChatHistoryStore,
    private readonly post: (m: HostMessage) => void,
    private readonly controller: ChatController,
  ) {}

  /** Posts every chat, or those matching `query` (every word, anywhere in the conversation). */
  async postList(query?: string): Promise<void> {
    const q = query?.trim();
    const chats = q ? await this.store.search(q) : await this.store.list();
    this.post({ type: 'history', chats: chats.map(toSummaryView), ...(q ? { query: q } : {}) });
  }

  /** Opens the chat as an untitled Markdown document; the user saves it where they like. */
  async exportChat(id: string): Promise<vscode.TextDocument | undefined> {
    const chat = id === this.controller.current.id ? this.controller.snapshot() : await this.store.load(id);
    if (!chat) {
      void vscode.window.showWarningMessage('That chat no longer exists.');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: chatToMarkdown(chat, formatFigures) });
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  }
}
