// Saving the open chat: saves run one after another (each a read-merge-write under the store's
// lock), a failure is logged and shown once, and which chat a workspace has open is remembered
// for the next window. A save also brings in what other windows did: their messages (merged by
// the store) are shown when nothing changed here meanwhile, and a chat another window deleted
// stays deleted unless the user keeps it as a new chat.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ChatHistoryStore } from '../../core/chat/historyStore';
import type { ChatRecord } from '../../core/chat/model';
import type { Services } from '../services';

const CURRENT_CHAT_KEY = 'sambanova.chat.currentId';
/** What the user was typing, kept per workspace across reloads. */
const DRAFT_KEY = 'sambanova.chat.draft';

/** The stored copy after a save, or 'deleted' when the chat was deleted (in any window) and not written. */
export type SaveOutcome = ChatRecord | 'deleted';

/** The conversation as saving sees it (ChatController). */
export interface SavedConversation {
  /** The open chat as it is now (a copy). */
  snapshot(): ChatRecord;
  readonly current: Readonly<ChatRecord>;
  /** Bumped on every local change. */
  readonly version: number;
  readonly busy: boolean;
  /** The store's revision of the open chat after a save. */
  saved(revision: number): void;
  /** Shows `chat` in place of the open one (another window's merge, or the kept copy). */
  replace(chat: ChatRecord): Promise<void>;
}

export class ChatPersistence {
  private queue: Promise<void> = Promise.resolve();
  private warningShown = false;
  /** The chat whose deletion in another window was already reported. */
  private deletedNoticeFor: string | undefined;

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

  /** Queues a save of the open chat and brings in what other windows did to it. */
  saveCurrent(conversation: SavedConversation): void {
    if (conversation.current.messages.length === 0) return;
    const snapshot = conversation.snapshot();
    const versionAtSnapshot = conversation.version;
    this.save(snapshot, async (outcome) => {
      if (snapshot.id !== conversation.current.id) return;
      if (outcome === 'deleted') return this.deletedElsewhere(conversation);
      conversation.saved(outcome.revision);
      // Another window added or removed messages: show them, unless something changed here since.
      const mine = conversation.current.messages.map((m) => m.id).join();
      const merged = outcome.messages.map((m) => m.id).join();
      if (mine !== merged && versionAtSnapshot === conversation.version && !conversation.busy) {
        await conversation.replace({ ...outcome, messages: outcome.messages.map((m) => ({ ...m })) });
      }
    });
  }

  /**
   * Another window deleted the chat this one has open. The deletion stands (nothing is written
   * back); the conversation stays on screen and the user may keep it as a new chat.
   */
  private deletedElsewhere(conversation: SavedConversation): void {
    const deletedId = conversation.current.id;
    if (this.deletedNoticeFor === deletedId) return;
    this.deletedNoticeFor = deletedId;
    void vscode.window
      .showWarningMessage('This chat was deleted in another window, so it is no longer saved.', 'Keep as New Chat')
      .then(async (choice) => {
        if (choice !== 'Keep as New Chat' || conversation.current.id !== deletedId) return;
        const kept: ChatRecord = { ...conversation.snapshot(), id: randomUUID(), revision: 0, deletedMessageIds: [] };
        await conversation.replace(kept);
        await this.rememberCurrent(kept.id);
        this.saveCurrent(conversation);
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

  get draft(): string {
    return this.workspaceState.get<string>(DRAFT_KEY, '');
  }

  async saveDraft(text: string): Promise<void> {
    await this.workspaceState.update(DRAFT_KEY, text);
  }
}
