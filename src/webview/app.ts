// The chat view: lays out transcript / welcome / empty chat / history, composer and the live
// region, and applies each validated host message to them. There is no header: New Chat and History are
// the view's title-bar actions (package.json), and the model picker sits in the composer, as in
// VS Code's own chat.
import type { HostMessage, MessageView, ModelOption } from '../shared/protocol';
import { Composer } from './composer';
import { el } from './dom';
import { HistoryPanel } from './historyPanel';
import type { HostBridge } from './hostBridge';
import { ModelPicker } from './modelPicker';
import { Transcript } from './transcript';
import { apiKeyPage, renderEmptyChat, renderWelcome } from './welcome';

export class ChatApp {
  private readonly models: ModelPicker;
  private readonly main = el('main', { className: 'chat-main' });
  private readonly welcome = el('div', { className: 'welcome-slot', hidden: true });
  /** What a person can do here, while the chat has no messages (and a key is set). */
  private readonly emptyChat = el('div', { className: 'empty-chat-slot', hidden: true });
  private readonly liveRegion = el('div', { className: 'visually-hidden', 'aria-live': 'polite', role: 'status' });
  private readonly transcript: Transcript;
  private readonly composer: Composer;
  private readonly history: HistoryPanel;
  private chatId: string | undefined;
  private busy = false;
  private hasKey = true;

  constructor(
    root: HTMLElement,
    private readonly bridge: HostBridge,
  ) {
    const post = bridge.post.bind(bridge);
    this.transcript = new Transcript(post, (scrollTop, scrolledUp) => bridge.persist({ scrollTop, scrolledUp }), virtualizeTranscript());
    this.models = new ModelPicker((model) => {
      post({ type: 'selectModel', model });
      this.composer.modelChanged();
      this.updateEmptyChat();
    });
    this.composer = new Composer(post, (draft) => bridge.persist({ draft }), this.models);
    this.history = new HistoryPanel(post, () => this.composer.focus());
    this.main.append(this.welcome, this.emptyChat, this.transcript.element, this.history.element);
    root.append(this.main, this.composer.element, this.liveRegion);

    this.welcome.addEventListener('click', (event) => this.onWelcomeClick(event));
    this.emptyChat.addEventListener('click', (event) => this.onSuggestionClick(event));
    window.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.busy && !event.defaultPrevented) {
        event.preventDefault();
        post({ type: 'stop' });
      }
    });
    const saved = bridge.persisted;
    if (saved.draft) this.composer.setDraft(saved.draft);
  }

  handle(message: HostMessage): void {
    switch (message.type) {
      case 'state':
        return this.applyState(message);
      case 'messageAdded':
        this.transcript.add(message.message);
        return this.updateEmptyChat();
      case 'delta':
        return this.transcript.delta(message.messageId, message.text, message.reasoning);
      case 'messageUpdated':
        return this.messageUpdated(message.message);
      case 'messagesTruncated':
        this.transcript.truncateAfter(message.afterMessageId);
        return this.updateEmptyChat();
      case 'busy':
        return this.setBusy(message.busy);
      case 'keyState':
        return this.setKeyState(message.hasKey, message.endpointHost);
      case 'models':
        return this.setModels(message.models, message.selected);
      case 'attachments':
        return this.composer.setAttachments(message.attachments);
      case 'history':
        return this.history.setChats(message.chats, message.query);
      case 'focusInput':
        return this.composer.focus();
      case 'showHistory':
        return this.history.open();
    }
  }

  private applyState(state: Extract<HostMessage, { type: 'state' }>): void {
    const saved = this.bridge.persisted;
    const sameChat = saved.chatId === state.chat.chatId;
    // "New Chat" or a chat opened elsewhere while the history list is up: show that chat.
    if (!sameChat && this.history.isOpen) this.history.close();
    this.chatId = state.chat.chatId;
    this.transcript.reset(state.chat.messages);
    this.setModels(state.models, state.chat.model);
    this.composer.setAttachments(state.attachments);
    // What the user is typing right now wins (e.g. typed just after "New chat", before this state
    // arrived); then the webview's own copy of the draft, newer than the host's (debounced) one.
    const draft = this.composer.typedSinceSet
      ? this.composer.draft
      : sameChat && saved.draft !== undefined
        ? saved.draft
        : state.draft;
    this.composer.setDraft(draft);
    this.bridge.persist({ chatId: state.chat.chatId, draft });
    this.setBusy(state.busy);
    this.setKeyState(state.hasKey, state.endpointHost);
    if (sameChat) this.transcript.restoreScroll(saved.scrollTop, saved.scrolledUp);
    else this.transcript.scrollToBottom();
  }

  private messageUpdated(view: MessageView): void {
    const before = this.transcript.messages.find((m) => m.view.id === view.id)?.view.status;
    this.transcript.update(view);
    if (view.role !== 'assistant' || before === view.status) return;
    if (view.status === 'done') this.announce('Answer complete');
    else if (view.status === 'stopped') this.announce('Answer stopped');
    else if (view.status === 'error') this.announce(`Error: ${view.error?.message ?? 'the request failed'}`);
  }

  private announce(text: string): void {
    // Re-setting the same text is not announced again; clear first.
    this.liveRegion.textContent = '';
    requestAnimationFrame(() => {
      this.liveRegion.textContent = text;
    });
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.composer.setBusy(busy);
    document.body.classList.toggle('busy', busy);
  }

  private setKeyState(hasKey: boolean, endpointHost: string): void {
    this.hasKey = hasKey;
    this.welcome.hidden = hasKey;
    this.transcript.element.hidden = !hasKey;
    this.welcome.replaceChildren(hasKey ? '' : renderWelcome(endpointHost));
    document.body.classList.toggle('no-key', !hasKey);
    this.updateEmptyChat();
  }

  private setModels(models: ModelOption[], selected: string): void {
    this.models.set(models, selected);
    this.composer.modelChanged();
    this.updateEmptyChat();
  }

  /** Shows the empty chat's suggestions in place of a transcript with no messages. */
  private updateEmptyChat(): void {
    const empty = this.hasKey && this.transcript.messages.length === 0;
    this.emptyChat.hidden = !empty;
    if (this.hasKey) this.transcript.element.hidden = empty;
    this.emptyChat.replaceChildren(empty ? renderEmptyChat(this.models.selected) : '');
  }

  private onSuggestionClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-action="suggest"]') : null;
    const attach = target?.dataset.attach;
    if (attach !== 'selection' && attach !== 'file' && attach !== 'problems') return;
    this.bridge.post({ type: 'attach', kind: attach });
    // The question is started, not sent: the person finishes it. What they already typed stays.
    if (this.composer.draft.trim() === '') this.composer.startQuestion(target?.dataset.prompt ?? '');
    else this.composer.focus();
  }

  private onWelcomeClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('a')) {
      event.preventDefault();
      this.bridge.post({ type: 'openLink', href: apiKeyPage });
    } else if (target?.closest('[data-action="set-api-key"]')) {
      this.bridge.post({ type: 'fixAction', action: 'setApiKey' });
    }
  }

  get keyIsSet(): boolean {
    return this.hasKey;
  }

  get currentChatId(): string | undefined {
    return this.chatId;
  }
}

/**
 * Finished messages far from the viewport are parked (see Transcript). The benchmark builds a
 * peer bundle with SAMBANOVA_KEEP_ALL_MESSAGES defined to compare against keeping them all.
 */
declare const SAMBANOVA_KEEP_ALL_MESSAGES: boolean | undefined;
function virtualizeTranscript(): boolean {
  return typeof SAMBANOVA_KEEP_ALL_MESSAGES === 'undefined' || !SAMBANOVA_KEEP_ALL_MESSAGES;
}
