// The input area: message box, attachment chips, pasted/dropped images, the attach menu and the
// Send / Stop buttons. The draft is reported to the host (debounced) and kept in the webview's
// own state, so it survives a reload.
import type { AttachmentView, WebviewMessage } from '../shared/protocol';
import { button, el } from './dom';

const acceptedImageTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const maxImages = 8;
/** Base64 grows data by 4/3; the protocol allows 20 MB per data URL. */
const maxImageBytes = 14 * 1024 * 1024;
const draftDelayMs = 300;

const attachChoices = [
  { kind: 'selection', label: 'Selection' },
  { kind: 'file', label: 'Active file' },
  { kind: 'openFiles', label: 'Open files' },
  { kind: 'problems', label: 'Problems in active file' },
] as const;

export class Composer {
  readonly element = el('form', { className: 'composer', 'aria-label': 'Message' });
  readonly input = el('textarea', {
    className: 'input',
    'aria-label': 'Ask SambaNova',
    placeholder: 'Ask SambaNova (Enter to send, Shift+Enter for a new line)',
    rows: '3',
  });
  private readonly chips = el('ul', { className: 'chips', 'aria-label': 'Attached context' });
  private readonly thumbnails = el('div', { className: 'thumbnails', 'aria-label': 'Attached images' });
  private readonly notice = el('div', { className: 'composer-notice', role: 'status' });
  private readonly sendButton = button('Send', 'send', { className: 'primary' });
  private readonly stopButton = button('Stop', 'stop', { hidden: true });
  private readonly attachButton = button('Attach', 'toggle-attach-menu', { 'aria-haspopup': 'menu', 'aria-expanded': 'false' });
  private readonly attachMenu = el('div', { className: 'attach-menu', role: 'menu', hidden: true });
  private images: string[] = [];
  private busy = false;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly post: (message: WebviewMessage) => void,
    private readonly onDraft: (draft: string) => void,
  ) {
    for (const choice of attachChoices) {
      this.attachMenu.append(button(choice.label, 'attach', { role: 'menuitem', 'data-kind': choice.kind, tabindex: '-1' }));
    }
    this.element.append(
      this.chips,
      this.thumbnails,
      this.input,
      this.notice,
      el('div', { className: 'composer-buttons' }, el('div', { className: 'attach' }, this.attachButton, this.attachMenu), this.stopButton, this.sendButton),
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('keydown', (event) => this.onMenuKey(event));
    this.input.addEventListener('keydown', (event) => this.onInputKey(event));
    this.input.addEventListener('input', () => this.draftChanged());
    this.input.addEventListener('paste', (event) => this.onPaste(event));
    this.element.addEventListener('dragover', (event) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    });
    this.element.addEventListener('drop', (event) => this.onDrop(event));
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.stopButton.hidden = !busy;
    this.sendButton.disabled = busy;
    this.element.classList.toggle('busy', busy);
  }

  /** What the box held when the host (or our saved state) last set it. */
  private draftFromHost = '';

  setDraft(text: string): void {
    this.input.value = text;
    this.draftFromHost = text;
  }

  /** True when the user typed since the last setDraft: a late `state` must not wipe that. */
  get typedSinceSet(): boolean {
    return this.input.value !== this.draftFromHost;
  }

  get draft(): string {
    return this.input.value;
  }

  setAttachments(attachments: AttachmentView[]): void {
    this.chips.replaceChildren(
      ...attachments.map((a) =>
        el(
          'li',
          { className: `chip chip-${a.kind}`, title: a.detail },
          el('span', { className: 'chip-label' }, a.label),
          button('×', 'remove-attachment', { 'data-id': a.id, 'aria-label': `Remove ${a.label}`, className: 'chip-remove' }),
        ),
      ),
    );
  }

  /** Puts text in the box (e.g. from "Explain Selection") and optionally sends it. */
  prefill(text: string, send: boolean): void {
    this.input.value = text;
    this.draftChanged();
    if (send) this.send();
    else this.focus();
  }

  focus(): void {
    this.input.focus();
  }

  send(): void {
    const text = this.input.value.trim();
    if (this.busy || (text === '' && this.images.length === 0)) return;
    this.post(this.images.length > 0 ? { type: 'send', text, images: [...this.images] } : { type: 'send', text });
    this.setDraft('');
    this.images = [];
    this.renderThumbnails();
    this.notice.textContent = '';
    this.draftChanged(true);
    this.focus();
  }

  private onInputKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.send();
    }
  }

  private draftChanged(immediately = false): void {
    const draft = this.input.value;
    this.onDraft(draft);
    clearTimeout(this.draftTimer);
    const report = () => this.post({ type: 'draft', text: draft });
    if (immediately) report();
    else this.draftTimer = setTimeout(report, draftDelayMs);
  }

  private onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-action]') : null;
    if (!target) return;
    switch (target.dataset.action) {
      case 'send':
        return this.send();
      case 'stop':
        return this.post({ type: 'stop' });
      case 'toggle-attach-menu':
        return this.toggleMenu(this.attachMenu.hidden);
      case 'attach': {
        const kind = target.dataset.kind as (typeof attachChoices)[number]['kind'];
        this.toggleMenu(false);
        this.post({ type: 'attach', kind });
        return this.attachButton.focus();
      }
      case 'remove-attachment': {
        const id = target.dataset.id;
        if (id) this.post({ type: 'removeAttachment', id });
        return this.focus();
      }
      case 'remove-image': {
        this.images.splice(Number(target.dataset.index), 1);
        this.renderThumbnails();
        return this.focus();
      }
    }
  }

  private toggleMenu(open: boolean): void {
    this.attachMenu.hidden = !open;
    this.attachButton.setAttribute('aria-expanded', String(open));
    if (open) this.attachMenu.querySelector<HTMLButtonElement>('button')?.focus();
  }

  private onMenuKey(event: KeyboardEvent): void {
    if (this.attachMenu.hidden || !(event.target instanceof Element) || !this.attachMenu.contains(event.target)) return;
    const items = [...this.attachMenu.querySelectorAll<HTMLButtonElement>('button')];
    const index = items.indexOf(event.target as HTMLButtonElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
      }
      this.toggleMenu(false);
      this.attachButton.focus();
    }
  }

  private onPaste(event: ClipboardEvent): void {
    const files = [...(event.clipboardData?.files ?? [])].filter((f) => acceptedImageTypes.has(f.type));
    if (files.length === 0) return;
    event.preventDefault();
    void this.addImages(files);
  }

  private onDrop(event: DragEvent): void {
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    void this.addImages(files);
  }

  private async addImages(files: File[]): Promise<void> {
    const refused: string[] = [];
    for (const file of files) {
      if (!acceptedImageTypes.has(file.type)) refused.push(`${file.name}: not a PNG, JPEG, GIF or WebP image`);
      else if (file.size > maxImageBytes) refused.push(`${file.name}: larger than 14 MB`);
      else if (this.images.length >= maxImages) refused.push(`${file.name}: at most ${maxImages} images per message`);
      else {
        try {
          this.images.push(await readAsDataUrl(file));
        } catch {
          refused.push(`${file.name}: could not be read`);
        }
      }
    }
    this.notice.textContent = refused.join('; ');
    this.renderThumbnails();
  }

  private renderThumbnails(): void {
    this.thumbnails.replaceChildren(
      ...this.images.map((src, index) =>
        el(
          'div',
          { className: 'thumbnail-wrap' },
          el('img', { src, alt: `Image ${index + 1}`, className: 'thumbnail' }),
          button('×', 'remove-image', { 'data-index': String(index), 'aria-label': `Remove image ${index + 1}`, className: 'chip-remove' }),
        ),
      ),
    );
  }
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the image'));
    reader.readAsDataURL(file);
  });
}
