// The conversation: what is in the current chat, sending a turn and streaming its answer,
// Stop / Regenerate / Edit and resend, switching chats, and saving as it goes. The view only
// shows what this posts; closing or reloading the view loses nothing because the state lives
// here and in the history file.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { planRequest } from '../../core/chat/conversation';
import { DeltaCoalescer } from '../../core/chat/deltaCoalescer';
import type { ChatHistoryStore } from '../../core/chat/historyStore';
import { answerMetrics } from '../../core/chat/metrics';
import { newChatRecord, titleFrom, toMessageView, type AttachmentContent, type ChatRecord, type StoredMessage } from '../../core/chat/model';
import { isImageDataUrl } from '../../core/chat/promptAssembly';
import { markInterrupted } from '../../core/chat/serialization';
import { ThinkSplitter, type SplitPiece } from '../../core/chat/thinkSplitter';
import { fixActionLabels, isAbortError } from '../../core/errors';
import type { HostMessage } from '../../shared/protocol';
import { toSambaNovaError } from '../errorUi';
import type { Services } from '../services';
import type { ModelCatalog } from './modelCatalog';

const CURRENT_CHAT_KEY = 'sambanova.chat.currentId';
export const DRAFT_KEY = 'sambanova.chat.draft';
/** While streaming, the answer is written to disk at least this often. */
export const PERSIST_INTERVAL_MS = 500;
/** At most one delta message per interval reaches the webview. */
export const DELTA_INTERVAL_MS = 24;

function received(m: StoredMessage): { text: string; reasoning: string } {
  return { text: m.text, reasoning: m.reasoning ?? '' };
}

interface Run {
  controller: AbortController;
  messageId: string;
  finished: Promise<void>;
}

export class ChatController implements vscode.Disposable {
  private chat: ChatRecord;
  private pending: AttachmentContent[] = [];
  private run: Run | undefined;
  private saving: Promise<void> = Promise.resolve();
  /** Bumped on every local change; a save's merged result is adopted only if nothing changed meanwhile. */
  private localVersion = 0;
  private saveWarningShown = false;

  constructor(
    private readonly services: Services,
    private readonly store: ChatHistoryStore,
    private readonly models: ModelCatalog,
    private readonly post: (message: HostMessage) => void,
  ) {
    this.chat = newChatRecord(randomUUID(), services.config.get().model, Date.now());
  }

  private restoring: Promise<void> | undefined;

  /**
   * Reopens the chat this workspace had open (after a reload or a crash). Runs once, on first
   * need (the view opening, a chat command), never at activation: reading the history file then
   * would slow every window's startup for a chat that may never be shown. Callers await it
   * before touching the conversation; it never rejects.
   */
  restore(): Promise<void> {
    this.restoring ??= this.loadCurrent().catch((e: unknown) => this.services.log.warn(`Could not restore the last chat: ${String(e)}`));
    return this.restoring;
  }

  private async loadCurrent(): Promise<void> {
    const id = this.services.context.workspaceState.get<string>(CURRENT_CHAT_KEY);
    if (!id) return;
    const placeholder = this.chat;
    const chat = await this.store.load(id).catch((e: unknown) => {
      this.services.log.warn(`Could not reopen chat ${id}: ${String(e)}`);
      return undefined;
    });
    // Only replace the empty chat made at startup, never one the user has started meanwhile.
    if (chat && !this.run && this.chat === placeholder && placeholder.messages.length === 0) {
      this.chat = markInterrupted(chat, Date.now());
    }
  }

  get current(): Readonly<ChatRecord> {
    return this.chat;
  }

  get busy(): boolean {
    return this.run !== undefined;
  }

  /** Resolves when the answer streaming now (if any) has finished and been saved. */
  async idle(): Promise<void> {
    await this.run?.finished;
    await this.saving;
  }

  get attachments(): readonly AttachmentContent[] {
    return this.pending;
  }

  async fullState(): Promise<HostMessage> {
    const hasKey = await this.services.keys.hasAnyKey();
    return {
      type: 'state',
      chat: { chatId: this.chat.id, title: this.chat.title, messages: this.chat.messages.map(toMessageView), model: this.chat.model },
      hasKey,
      models: this.models.options([this.chat.model]),
      attachments: this.pending.map(({ id, kind, label, detail }) => ({ id, kind, label, detail })),
      draft: this.services.context.workspaceState.get<string>(DRAFT_KEY, ''),
      endpointHost: this.endpointHost(),
      busy: this.busy,
    };
  }

  endpointHost(): string {
    try {
      return this.services.client.endpoints().host;
    } catch {
      return 'not configured';
    }
  }

  async postState(): Promise<void> {
    this.post(await this.fullState());
  }

  // ---- attachments ----

  addAttachments(items: AttachmentContent[]): void {
    if (items.length === 0) return;
    this.pending = [...this.pending, ...items];
    this.postAttachments();
  }

  removeAttachment(id: string): void {
    this.pending = this.pending.filter((a) => a.id !== id);
    this.postAttachments();
  }

  private postAttachments(): void {
    this.post({ type: 'attachments', attachments: this.pending.map(({ id, kind, label, detail }) => ({ id, kind, label, detail })) });
  }

  // ---- conversation ----

  /** Sends a user turn and streams the answer. Resolves when the answer has finished. */
  async send(text: string, images: string[] = []): Promise<void> {
    if (this.run) {
      this.services.log.info('Send ignored: an answer is still streaming.');
      return;
    }
    const goodImages = images.filter(isImageDataUrl);
    if (goodImages.length !== images.length) this.services.log.warn(`Dropped ${images.length - goodImages.length} attachment(s) that were not base64 images.`);
    if (text.trim() === '' && goodImages.length === 0) return;
    const now = Date.now();
    const user: StoredMessage = { id: randomUUID(), role: 'user', text, status: 'done', createdAt: now, updatedAt: now };
    if (this.pending.length) user.attachments = this.pending;
    if (goodImages.length) user.images = goodImages;
    this.pending = [];
    this.postAttachments();
    if (!this.chat.messages.some((m) => m.role === 'user') && !this.chat.titleSetByUser) this.chat.title = titleFrom(text || 'Image');
    this.append(user);
    void this.services.context.workspaceState.update(DRAFT_KEY, '');
    await this.rememberCurrent();
    await this.answer();
  }

  stop(): void {
    this.run?.controller.abort();
  }

  /** Drops the answer (and anything after it) and asks again. */
  async regenerate(messageId: string): Promise<void> {
    if (this.run) return;
    const index = this.chat.messages.findIndex((m) => m.id === messageId);
    if (index < 1 || this.chat.messages[index].role !== 'assistant') return;
    this.truncateAfter(this.chat.messages[index - 1].id);
    await this.answer();
  }

  /** Replaces a user message, drops everything after it, and asks again. */
  async editAndResend(messageId: string, text: string): Promise<void> {
    if (this.run) return;
    const message = this.chat.messages.find((m) => m.id === messageId);
    if (!message || message.role !== 'user' || text.trim() === '') return;
    this.truncateAfter(message.id);
    message.text = text;
    message.updatedAt = Date.now();
    if (this.chat.messages[0] === message && !this.chat.titleSetByUser) this.chat.title = titleFrom(text);
    this.touch();
    this.post({ type: 'messageUpdated', message: toMessageView(message) });
    await this.answer();
  }

  async newChat(): Promise<void> {
    await this.stopAndWait();
    this.chat = newChatRecord(randomUUID(), this.services.config.get().model, Date.now());
    this.pending = [];
    this.touch();
    await this.rememberCurrent();
    await this.postState();
  }

  async openChat(id: string): Promise<boolean> {
    if (id === this.chat.id) return true;
    await this.stopAndWait();
    const chat = await this.store.load(id);
    if (!chat) {
      void vscode.window.showWarningMessage('That chat could not be opened; it may have been deleted in another window.');
      this.post({ type: 'history', chats: await this.store.list() });
      return false;
    }
    this.chat = markInterrupted(chat, Date.now());
    this.touch();
    await this.rememberCurrent();
    await this.postState();
    return true;
  }

  async renameCurrentIfMatches(id: string, title: string): Promise<void> {
    const saved = await this.store.rename(id, title);
    if (saved && id === this.chat.id) {
      this.chat.title = saved.title;
      this.chat.titleSetByUser = true;
      this.chat.revision = saved.revision;
      await this.postState();
    }
  }

  async deleteChat(id: string): Promise<void> {
    if (id === this.chat.id) {
      await this.stopAndWait();
      await this.saving;
      await this.store.delete(id);
      await this.newChat();
    } else {
      await this.store.delete(id);
    }
  }

  selectModel(model: string): void {
    if (!model.trim() || model === this.chat.model) return;
    this.chat.model = model;
    this.chat.updatedAt = Date.now();
    this.touch();
    if (this.chat.messages.length) this.persist();
    this.post({ type: 'models', models: this.models.options([model]), selected: model });
  }

  /** The chat as it is in memory (the file may lag by up to PERSIST_INTERVAL_MS while streaming). */
  snapshot(): ChatRecord {
    return { ...this.chat, messages: this.chat.messages.map((m) => ({ ...m })), deletedMessageIds: [...this.chat.deletedMessageIds] };
  }

  private append(message: StoredMessage): void {
    this.chat.messages.push(message);
    this.chat.updatedAt = message.updatedAt;
    this.touch();
    this.post({ type: 'messageAdded', message: toMessageView(message) });
  }

  private truncateAfter(messageId: string | null): void {
    const index = messageId === null ? -1 : this.chat.messages.findIndex((m) => m.id === messageId);
    const removed = this.chat.messages.splice(index + 1);
    this.chat.deletedMessageIds.push(...removed.map((m) => m.id));
    this.chat.updatedAt = Date.now();
    this.touch();
    this.post({ type: 'messagesTruncated', afterMessageId: messageId });
  }

  private async stopAndWait(): Promise<void> {
    const run = this.run;
    if (!run) return;
    run.controller.abort();
    await run.finished;
  }

  private async answer(): Promise<void> {
    const cfg = this.services.config.get();
    const model = this.chat.model;
    if (!this.models.info(model)?.contextLength) await this.models.refresh();
    const info = this.models.info(model);
    const plan = planRequest({
      messages: this.chat.messages,
      systemPrompt: cfg.systemPrompt,
      model,
      contextLength: info?.contextLength,
      maxTokens: cfg.params.maxTokens,
    });
    const now = Date.now();
    const answer: StoredMessage = { id: randomUUID(), role: 'assistant', text: '', status: 'streaming', model, createdAt: now, updatedAt: now };
    if (!plan.ok) {
      answer.status = 'error';
      answer.error = { message: plan.error, action: 'chooseModel', actionLabel: fixActionLabels.chooseModel };
      this.append(answer);
      this.persist();
      return;
    }
    if (plan.notice) answer.notice = plan.notice;
    this.append(answer);

    const controller = new AbortController();
    let resolveFinished!: () => void;
    const finished = new Promise<void>((resolve) => (resolveFinished = resolve));
    this.run = { controller, messageId: answer.id, finished };
    this.announceBusy(true);
    this.persist();

    const splitter = new ThinkSplitter();
    const coalescer = new DeltaCoalescer((d) => {
      this.post({ type: 'delta', messageId: answer.id, text: d.text || undefined, reasoning: d.reasoning || undefined });
    }, DELTA_INTERVAL_MS);
    const timing: { startedAt: number; firstTokenAt?: number; endedAt: number } = { startedAt: performance.now(), endedAt: 0 };
    let lastPersist = Date.now();

    const apply = (pieces: SplitPiece[]) => {
      for (const piece of pieces) {
        if (piece.type === 'moveTextToReasoning') {
          coalescer.flush();
          answer.reasoning = (answer.reasoning ?? '') + answer.text;
          answer.text = '';
          this.post({ type: 'messageUpdated', message: toMessageView(answer) });
        } else if (piece.type === 'text') {
          answer.text += piece.text;
          coalescer.push('text', piece.text);
        } else {
          answer.reasoning = (answer.reasoning ?? '') + piece.text;
          coalescer.push('reasoning', piece.text);
        }
      }
    };

    try {
      const result = await this.services.client.streamChat(
        { model, messages: plan.messages, params: cfg.params, source: 'chat' },
        {
          signal: controller.signal,
          onEvent: (event) => {
            if (event.type !== 'text' && event.type !== 'reasoning') return;
            timing.firstTokenAt ??= performance.now();
            apply(event.type === 'text' ? splitter.push(event.text) : [{ type: 'reasoning', text: event.text }]);
            answer.updatedAt = Date.now();
            if (answer.updatedAt - lastPersist >= PERSIST_INTERVAL_MS) {
              lastPersist = answer.updatedAt;
              this.persist();
            }
          },
        },
      );
      apply(splitter.flush());
      coalescer.flush();
      timing.endedAt = performance.now();
      answer.status = 'done';
      answer.metrics = answerMetrics(result.model || model, timing, received(answer), result.usage, info, result.requestId);
      if (result.finishReason === 'length') {
        answer.notice = [answer.notice, 'The answer was cut off at the token limit (sambanova.maxTokens or the model\'s own).']
          .filter(Boolean)
          .join(' ');
      }
    } catch (error) {
      apply(splitter.flush());
      coalescer.flush();
      timing.endedAt = performance.now();
      if (isAbortError(error)) {
        answer.status = 'stopped';
        if (answer.text || answer.reasoning) answer.metrics = answerMetrics(model, timing, received(answer), undefined, info);
      } else {
        const e = toSambaNovaError(error);
        this.services.log.warn(`Chat request failed (${e.kind}${e.status ? ` ${e.status}` : ''}): ${e.userMessage}`);
        answer.status = 'error';
        if (!answer.text && e.partialText) answer.text = e.partialText;
        if (!answer.reasoning && e.partialReasoning) answer.reasoning = e.partialReasoning;
        answer.error = {
          message: e.userMessage,
          action: e.action,
          actionLabel: e.action ? fixActionLabels[e.action] : undefined,
          retryAt: e.kind === 'rateLimited' && e.retryAfterMs !== undefined ? Date.now() + e.retryAfterMs : undefined,
          requestId: e.requestId,
        };
      }
    } finally {
      coalescer.dispose();
      answer.updatedAt = Date.now();
      this.chat.updatedAt = answer.updatedAt;
      this.touch();
      this.run = undefined;
      this.post({ type: 'messageUpdated', message: toMessageView(answer) });
      this.announceBusy(false);
      this.persist();
      resolveFinished();
    }
  }

  private announceBusy(busy: boolean): void {
    this.post({ type: 'busy', busy });
    // Enables SambaNova: Stop Answer in the command palette.
    void vscode.commands.executeCommand('setContext', 'sambanova.chatBusy', busy);
  }

  // ---- persistence ----

  private touch(): void {
    this.localVersion++;
  }

  private async rememberCurrent(): Promise<void> {
    await this.services.context.workspaceState.update(CURRENT_CHAT_KEY, this.chat.id);
  }

  /** Queues a save of the current chat; saves run one after another. */
  persist(): void {
    if (this.chat.messages.length === 0) return;
    const snapshot = this.snapshot();
    const versionAtSnapshot = this.localVersion;
    this.saving = this.saving.then(async () => {
      try {
        const saved = await this.store.save(snapshot);
        if (saved.id !== this.chat.id) return;
        this.chat.revision = saved.revision;
        // Another window added or removed messages: show them, unless we changed something since.
        const mine = this.chat.messages.map((m) => m.id).join();
        const merged = saved.messages.map((m) => m.id).join();
        if (mine !== merged && versionAtSnapshot === this.localVersion && !this.run) {
          this.chat = { ...saved, messages: saved.messages.map((m) => ({ ...m })) };
          await this.postState();
        }
      } catch (error) {
        this.services.log.error(`Could not save chat ${snapshot.id}: ${error instanceof Error ? error.message : String(error)}`);
        if (!this.saveWarningShown) {
          this.saveWarningShown = true;
          void vscode.window.showWarningMessage('SambaNova could not save the chat history. See the log for details.', 'Show Log').then((c) => {
            if (c) this.services.log.show(true);
          });
        }
      }
    });
  }

  dispose(): void {
    this.run?.controller.abort();
  }
}
