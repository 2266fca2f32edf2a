// Saved chats: search, open, rename (inline), delete (asks once more) and export to markdown.
// The host owns the files; this only shows its list and asks for changes. Search runs on the
// host over whole conversations (the page holds only titles and previews).
import type { ChatSummary, WebviewMessage } from '../shared/protocol';
import { button, el } from './dom';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
/** Typing pauses this long before the host is asked to search. */
const SEARCH_DEBOUNCE_MS = 150;

export class HistoryPanel {
  readonly element = el('section', { className: 'history', 'aria-label': 'Chat history', hidden: true });
  private readonly search = el('input', { type: 'search', className: 'history-search', 'aria-label': 'Search chats', placeholder: 'Search chats' });
  private readonly list = el('ul', { className: 'history-list' });
  private chats: ChatSummary[] = [];
  private renaming: string | undefined;
  private confirmingDelete: string | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly post: (message: WebviewMessage) => void,
    private readonly onClose: () => void,
  ) {
    this.element.append(
      el('div', { className: 'history-header' }, el('h2', {}, 'History'), button('Close', 'close-history', { 'aria-label': 'Close history' })),
      this.search,
      this.list,
    );
    this.search.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.requestList(), SEARCH_DEBOUNCE_MS);
    });
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event));
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(): void {
    this.element.hidden = false;
    this.requestList();
    this.search.focus();
  }

  close(): void {
    this.element.hidden = true;
    this.renaming = undefined;
    this.confirmingDelete = undefined;
    this.onClose();
  }

  private requestList(): void {
    const query = this.search.value.trim();
    this.post(query ? { type: 'requestHistory', query } : { type: 'requestHistory' });
  }

  /** `query`: the search the host answered; an answer to an older search is dropped. */
  setChats(chats: ChatSummary[], query = ''): void {
    if (query !== this.search.value.trim()) return;
    this.chats = [...chats].sort((a, b) => b.updatedAt - a.updatedAt);
    this.render();
  }

  private render(): void {
    const query = this.search.value.trim();
    const shown = this.chats;
    if (shown.length === 0) {
      this.list.replaceChildren(el('li', { className: 'history-empty' }, query ? 'No chat matches.' : 'No saved chats yet.'));
      return;
    }
    this.list.replaceChildren(...shown.map((chat) => this.item(chat)));
  }

  private item(chat: ChatSummary): HTMLElement {
    const item = el('li', { className: 'history-item', 'data-chat-id': chat.id });
    if (this.renaming === chat.id) {
      const input = el('input', { type: 'text', className: 'rename-input', 'aria-label': 'New title', value: chat.title });
      item.append(input, button('Save', 'rename-save'), button('Cancel', 'rename-cancel'));
      queueMicrotask(() => input.select());
      return item;
    }
    item.append(
      el(
        'button',
        { type: 'button', className: 'history-open', 'data-action': 'open-chat' },
        el('span', { className: 'history-title' }, chat.title || 'Untitled chat'),
        el('span', { className: 'history-meta' }, `${dateFormat.format(chat.updatedAt)} · ${chat.messageCount} messages`),
        el('span', { className: 'history-preview' }, chat.preview),
      ),
      el(
        'div',
        { className: 'history-actions' },
        button('Rename', 'rename', { 'aria-label': `Rename ${chat.title}` }),
        button('Export', 'export', { 'aria-label': `Export ${chat.title} to markdown` }),
        this.confirmingDelete === chat.id
          ? button('Confirm delete', 'delete-confirm', { className: 'danger' })
          : button('Delete', 'delete', { 'aria-label': `Delete ${chat.title}` }),
      ),
    );
    return item;
  }

  private onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-action]') : null;
    if (!target) return;
    const chatId = target.closest<HTMLElement>('[data-chat-id]')?.dataset.chatId;
    switch (target.dataset.action) {
      case 'close-history':
        return this.close();
      case 'open-chat':
        if (chatId) this.post({ type: 'openChat', chatId });
        return this.close();
      case 'rename':
        this.renaming = chatId;
        return this.render();
      case 'rename-save':
        return this.saveRename();
      case 'rename-cancel':
        this.renaming = undefined;
        return this.render();
      case 'export':
        if (chatId) this.post({ type: 'exportChat', chatId });
        return;
      case 'delete':
        this.confirmingDelete = chatId;
        this.render();
        return this.list.querySelector<HTMLButtonElement>('[data-action="delete-confirm"]')?.focus();
      case 'delete-confirm':
        if (chatId) this.post({ type: 'deleteChat', chatId });
        this.chats = this.chats.filter((c) => c.id !== chatId);
        this.confirmingDelete = undefined;
        this.render();
        return this.search.focus();
    }
  }

  private saveRename(): void {
    const input = this.list.querySelector<HTMLInputElement>('.rename-input');
    const chatId = this.renaming;
    const title = input?.value.trim();
    if (chatId && title) {
      this.post({ type: 'renameChat', chatId, title: title.slice(0, 300) });
      this.chats = this.chats.map((c) => (c.id === chatId ? { ...c, title } : c));
    }
    this.renaming = undefined;
    this.render();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.target instanceof HTMLInputElement && event.target.classList.contains('rename-input')) {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.saveRename();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.renaming = undefined;
        this.render();
      }
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close();
    }
  }
}
