// Saving the open chat: saves run one after another (each a read-merge-write under the store's
// lock), a failure is logged and shown once, and which chat a workspace has open is remembered
// for the next window. What to do with a save's result (adopt another window's merge, notice
// that another window deleted the chat) is the conversation's business: it gets the result.
import * as vscode from 'vscode';
import type { ChatHistoryStore } from '../../core/chat/historyStore';
import type { ChatRecord } from '../../core/chat/model';
import type { Services } from '../services';

const CURRENT_CHAT_KEY = 'sambanova.chat.currentId';

/** The stored copy after a save, or 'deleted' when the chat was deleted (in any window) and not written. */
export type SaveOutcome = ChatRecord | 'deleted';

export class ChatPersistence {
  private queue: Promise<void> = Promise.resolve();
  private warningShown = false;

  constructor(
    readonly store: ChatHistoryStore,
    private readonly workspaceState: vscode.Memento,
    private readonly log: Services['log'],
  ) {}

  /** Queues a save of `snapshot`; `then` runs with the outcome, in order with other saves. */
  save(snapshot: ChatRecord, then: (outcome: SaveOutcome) => void | Promise<void>): void {
    this.queue = this.queue.then(async () => {
      try {
        const saved = await this.store.save(snapshot);
        await then(saved ?? 'deleted');
      } catch (error) {
        this.log.error(`Could not save chat ${snapshot.id}: ${error instanceof Error ? error.message : String(error)}`);
        if (!this.warningShown) {
          this.warningShown = true;
          void vscode.window.showWarningMessage('SambaNova could not save the chat history. See the log for details.', 'Show Log').then((c) => {
            if (c) this.log.show(true);
          });
        }
      }
    });
  }

  /** Resolves when every queued save has finished. */
  idle(): Promise<void> {
    return this.queue;
  }

  get currentId(): string | undefined {
    return this.workspaceState.get<string>(CURRENT_CHAT_KEY);
  }

  async rememberCurrent(id: string): Promise<void> {
    await this.workspaceState.update(CURRENT_CHAT_KEY, id);
  }
}
