// The input area, laid out like VS Code's own chat input: attachment chips and images above the
// message box, and under it a toolbar with Attach, the model picker, Stop and Send. Images are
// taken only when the chosen model accepts them; otherwise the composer says why and keeps
// everything the user typed or attached. The draft is reported to the host (debounced) and kept
// in the webview's own state, so it survives a reload.
import type { AttachmentView, WebviewMessage } from '../shared/protocol';
import { button, el, iconButton } from './dom';
import type { ModelPicker } from './modelPicker';

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
    rows: '2',
  });
  private readonly chips = el('ul', { className: 'chips', 'aria-label': 'Attached context' });
  private readonly thumbnails = el('div', { className: 'thumbnails', 'aria-label': 'Attached images' });
  private readonly notice = el('div', { className: 'composer-notice', role: 'status' });
  private readonly sendButton = iconButton('send', 'Send', 'send', { className: 'send' });
  private readonly stopButton = iconButton('debug-stop', 'Stop', 'stop', { hidden: true });
  private readonly attachButton = iconButton('attach', 'Attach', 'toggle-attach-menu', { 'aria-haspopup': 'menu', 'aria-expanded': 'false' });
  private readonly attachMenu = el('div', { className: 'attach-menu', role: 'menu', hidden: true });
  private images: string[] = [];
  private busy = false;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly post: (message: WebviewMessage) => void,
    private readonly onDraft: (draft: string) => void,
    private readonly models: ModelPicker,
  ) {
    for (const choice of attachChoices) {
      this.attachMenu.append(button(choice.label, 'attach', { role: 'menuitem', 'data-kind': choice.kind, tabindex: '-1' }));
    }
    this.element.append(
      el(
        'div',
        { className: 'input-box' },
        this.chips,
        this.thumbnails,
        this.input,
        el(
          'div',
          { className: 'composer-toolbar' },
          el('div', { className: 'attach' }, this.attachButton, this.attachMenu),
          models.element,
          el('span', { className: 'toolbar-gap' }),
          this.stopButton,
          this.sendButton,
        ),
      ),
      this.notice,
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

  /** Starts a question for the person to finish (the empty chat's suggestions): typed, not sent. */
  startQuestion(text: string): void {
    this.input.value = text;
    this.draftChanged();
    this.focus();
  }

  setAttachments(attachments: AttachmentView[]): void {
    this.chips.replaceChildren(
      ...attachments.map((a) =>
        el(
          'li',
          { className: `chip chip-${a.kind}`, title: a.detail },
          el('span', { className: 'chip-label' }, a.label),
          iconButton('close', `Remove ${a.label}`, 'remove-attachment', { 'data-id': a.id, className: 'chip-remove' }),
        ),
      ),
    );
  }

  focus(): void {
    this.input.focus();
  }

  /** The chosen model changed: images already attached may no longer be accepted. */
  modelChanged(): void {
    this.renderThumbnails();
    this.notice.textContent = this.images.length > 0 && !this.imagesAccepted ? this.imagesRefusal() : '';
  }

  send(): void {
    const text = this.input.value.trim();
    if (this.busy || (text === '' && this.images.length === 0)) return;
    if (this.images.length > 0 && !this.imagesAccepted) {
      // Nothing is sent and nothing is dropped: the user removes the images or picks a model.
      this.notice.textContent = this.imagesRefusal();
      return;
    }
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
        if (this.images.length === 0) this.notice.textContent = '';
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
    // Text that came along (e.g. copied from a web page) is pasted as usual.
    if (!event.clipboardData?.getData('text/plain')) event.preventDefault();
    void this.addImages(files);
  }

  private onDrop(event: DragEvent): void {
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    void this.addImages(files);
  }

  private get imagesAccepted(): boolean {
    return this.models.selected?.vision === true;
  }

  /** Why images cannot go with this model, and which models would take them. */
  private imagesRefusal(): string {
    const model = this.models.selected?.id ?? 'This model';
    const vision = this.models.visionModels;
    const hint = vision.length > 0 ? `choose a model that does (${vision.slice(0, 3).join(', ')})` : 'none of the available models does';
    const held = this.images.length > 0 ? ' The attached images are kept until you remove them.' : '';
    return `${model} does not accept images: ${hint}.${held}`;
  }

  private async addImages(files: File[]): Promise<void> {
    if (!this.imagesAccepted) {
      this.notice.textContent = this.imagesRefusal();
      return;
    }
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
    const refused = !this.imagesAccepted;
    this.thumbnails.replaceChildren(
      ...this.images.map((src, index) =>
        el(
          'div',
          { className: refused ? 'thumbnail-wrap refused' : 'thumbnail-wrap' },
          el('img', { src, alt: `Image ${index + 1}`, className: 'thumbnail' }),
          iconButton('close', `Remove image ${index + 1}`, 'remove-image', { 'data-index': String(index), className: 'chip-remove' }),
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
