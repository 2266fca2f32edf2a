// The chat history: the list as the webview shows it (with search over whole conversations),
// opening, renaming, deleting and exporting chats. The open conversation (ChatController) is told
// when one of these touches it.
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

  /** Opens a chat from the list; false (and the list refreshed) when another window deleted it. */
  async open(id: string): Promise<boolean> {
    if (id === this.controller.current.id) return true;
    const chat = await this.store.load(id);
    if (!chat) {
      void vscode.window.showWarningMessage('That chat could not be opened; it may have been deleted in another window.');
      await this.postList();
      return false;
    }
    await this.controller.show(chat);
    return true;
  }

  async rename(id: string, title: string): Promise<void> {
    const saved = await this.store.rename(id, title);
    if (saved) await this.controller.renamed(saved);
    await this.postList();
  }

  /** Deletes a chat; deleting the open one starts a new chat. */
  async delete(id: string): Promise<void> {
    const open = id === this.controller.current.id;
    if (open) await this.controller.release();
    await this.store.delete(id);
    if (open) await this.controller.newChat();
    await this.postList();
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
