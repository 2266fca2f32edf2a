// The conversation: what is in the current chat, and what the user does to it (send, Stop,
// Regenerate, Edit and resend, switch, rename, delete, pick a model). It is built complete from
// its parts (chatFeature.ts wires them, top-down):
//   - AnswerStreamer fills in one answer from the stream;
//   - ChatPersistence saves (one after another) and remembers which chat is open;
//   - post() reaches the page (ChatViewPort), through the storage -> view mapping (messageView.ts).
// The view only shows what this posts; closing or reloading the view loses nothing because the
// state lives here and in the history file.
// Why one file of ~360 lines: every method is one user action on the one ChatRecord, and they
// share the run in progress and the local version that decides whether a save's merge is
// adopted. Storage, merges, prompts and streaming already live with their owners (above);
// splitting the actions further would spread that shared state over files.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { planRequest } from '../../core/chat/conversation';
import { newChatRecord, titleFrom, type AttachmentContent, type ChatRecord, type StoredMessage } from '../../core/chat/model';
import { isImageDataUrl } from '../../core/chat/promptAssembly';
import { markInterrupted } from '../../core/chat/serialization';
import type { HostMessage } from '../../shared/protocol';
import type { Services } from '../services';
import type { AnswerStreamer } from './answerStream';
import type { ChatPersistence, SavedConversation } from './chatPersistence';
import { toAttachmentView, toChatState, toMessageView } from './messageView';
import type { ModelCatalog } from './modelCatalog';

/** While streaming, the answer is written to disk at least this often. */
export const PERSIST_INTERVAL_MS = 500;
export { DELTA_INTERVAL_MS } from './answerStream';

interface Run {
  controller: AbortController;
  messageId: string;
  finished: Promise<void>;
}

export interface ChatControllerParts {
  services: Services;
  persistence: ChatPersistence;
  models: ModelCatalog;
  streamer: AnswerStreamer;
  post: (message: HostMessage) => void;
}

export class ChatController implements vscode.Disposable, SavedConversation {
  private readonly services: Services;
  private readonly persistence: ChatPersistence;
  private readonly models: ModelCatalog;
  private readonly streamer: AnswerStreamer;
  private readonly post: (message: HostMessage) => void;

  private chat: ChatRecord;
  private pending: AttachmentContent[] = [];
  private run: Run | undefined;
  /** Bumped on every local change; a save's merged result is adopted only if nothing changed meanwhile. */
  private localVersion = 0;
  private restoring: Promise<void> | undefined;

  constructor(parts: ChatControllerParts) {
    ({ services: this.services, persistence: this.persistence, models: this.models, streamer: this.streamer, post: this.post } = parts);
    this.chat = newChatRecord(randomUUID(), this.services.config.get().model, Date.now());
  }

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
    const id = this.persistence.currentId;
    if (!id) return;
    const placeholder = this.chat;
    const chat = await this.persistence.store.load(id).catch((e: unknown) => {
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
    await this.persistence.idle();
  }

  get attachments(): readonly AttachmentContent[] {
    return this.pending;
  }

  async fullState(): Promise<HostMessage> {
    const hasKey = await this.services.keys.hasAnyKey();
    return {
      type: 'state',
      chat: toChatState(this.chat),
      hasKey,
      models: this.models.options([this.chat.model]),
      attachments: this.pending.map(toAttachmentView),
      draft: this.persistence.draft,
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
    this.post({ type: 'attachments', attachments: this.pending.map(toAttachmentView) });
  }

  // ---- conversation ----

  /**
   * Sends a user turn (with the pending attachments) and streams the answer. Resolves when the
   * answer has finished. Explain / Refactor Selection call this after addAttachments().
   */
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
    void this.persistence.saveDraft('');
    await this.persistence.rememberCurrent(this.chat.id);
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
    await this.persistence.rememberCurrent(this.chat.id);
    await this.postState();
  }

  /** Switches to a chat the history loaded. */
  async show(chat: ChatRecord): Promise<void> {
    await this.stopAndWait();
    this.chat = markInterrupted(chat, Date.now());
    this.touch();
    await this.persistence.rememberCurrent(this.chat.id);
    await this.postState();
  }

  /** The history renamed a chat; the open one shows its new title. */
  async renamed(saved: ChatRecord): Promise<void> {
    if (saved.id !== this.chat.id) return;
    this.chat.title = saved.title;
    this.chat.titleSetByUser = true;
    this.chat.revision = saved.revision;
    await this.postState();
  }

  /** Stops the answer and lets the saves finish, before the history deletes the open chat. */
  async release(): Promise<void> {
    await this.stopAndWait();
    await this.persistence.idle();
  }

  /** This chat's model (the default model setting is not changed). */
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

  /** Plans the request for the chat as it is, appends the answer and streams it in. */
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
      answer.error = { message: plan.error, action: 'chooseModel' };
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

    let lastPersist = Date.now();
    try {
      await this.streamer.stream({ model, messages: plan.messages, params: cfg.params }, answer, controller.signal, {
        delta: (text, reasoning) => this.post({ type: 'delta', messageId: answer.id, text, reasoning }),
        changed: (waiting) => this.post({ type: 'messageUpdated', message: toMessageView(answer, waiting) }),
        progress: () => {
          if (answer.updatedAt - lastPersist < PERSIST_INTERVAL_MS) return;
          lastPersist = answer.updatedAt;
          this.persist();
        },
      });
    } finally {
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

  // ---- saving (chatPersistence.ts decides what a save brings in from other windows) ----

  private touch(): void {
    this.localVersion++;
  }

  get version(): number {
    return this.localVersion;
  }

  /** Queues a save of the current chat. */
  persist(): void {
    this.persistence.saveCurrent(this);
  }

  saved(revision: number): void {
    this.chat.revision = revision;
  }

  async replace(chat: ChatRecord): Promise<void> {
    this.chat = chat;
    this.touch();
    await this.postState();
  }

  dispose(): void {
    this.run?.controller.abort();
  }
}
