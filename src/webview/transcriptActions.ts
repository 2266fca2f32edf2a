// What the user does inside the conversation, through one delegated listener each for clicks,
// keys and <details> toggles: links, code-block buttons (copy, insert, apply, new file), message
// buttons (copy, regenerate, edit and resend), an error's fix button. Each becomes a message to
// the host or a change to the message entry it happened in.
import { FixActionSchema, type WebviewMessage } from '../shared/protocol';
import { icon } from './icons';
import type { MessageEntry } from './messageEntry';
import { codeOfBlock } from './streamingMarkdown';

export interface TranscriptActionTarget {
  /** The box whose descendants' events are handled. */
  root: HTMLElement;
  /** The messages: only links inside it are opened. */
  list: HTMLElement;
  post: (message: WebviewMessage) => void;
  /** The message entry an element belongs to. */
  entryOf: (node: Element) => MessageEntry | undefined;
  scrollToBottom: () => void;
}

export function listenToTranscriptActions(target: TranscriptActionTarget): void {
  target.root.addEventListener('click', (event) => onClick(target, event));
  target.root.addEventListener('keydown', (event) => onKeyDown(target, event));
  target.list.addEventListener('toggle', (event) => onToggle(target, event), true);
}

function onToggle(t: TranscriptActionTarget, event: Event): void {
  const details = event.target;
  if (details instanceof HTMLDetailsElement && details.classList.contains('thinking')) {
    // Only user toggles count; ours happen while streaming (see MessageEntry).
    if (details.dataset.userToggle === '1') t.entryOf(details)?.markThinkingToggled();
    delete details.dataset.userToggle;
  }
}

function onKeyDown(t: TranscriptActionTarget, event: KeyboardEvent): void {
  const box = event.target as Element | null;
  if (!(box instanceof HTMLTextAreaElement) || !box.classList.contains('edit-box')) return;
  const entry = t.entryOf(box);
  if (!entry) return;
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    sendEdit(t, entry);
  } else if (event.key === 'Escape') {
    event.preventDefault();
    event.stopPropagation();
    entry.cancelEditing();
    entry.element.querySelector<HTMLButtonElement>('button[data-action="edit"]')?.focus();
  }
}

function sendEdit(t: TranscriptActionTarget, entry: MessageEntry): void {
  const text = entry.editedText()?.trim();
  if (!text) return;
  t.post({ type: 'editResend', messageId: entry.view.id, text });
}

function onClick(t: TranscriptActionTarget, event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  const link = target.closest('a');
  if (link && t.list.contains(link)) {
    event.preventDefault();
    const href = link.getAttribute('href');
    if (href && /^(?:https?:|mailto:)/i.test(href)) t.post({ type: 'openLink', href });
    return;
  }
  const actionElement = target.closest<HTMLElement>('[data-action]');
  if (!actionElement) return;
  const action = actionElement.dataset.action;
  if (action === 'jump-to-bottom') return t.scrollToBottom();
  if (action === 'toggle-thinking') {
    const details = actionElement.closest('details');
    if (details) details.dataset.userToggle = '1';
    return;
  }
  const entry = t.entryOf(actionElement);
  if (!entry) return;
  const codeBlock = actionElement.closest('.code-block');
  const code = codeBlock ? codeOfBlock(codeBlock) : undefined;
  const codePayload = code ? { code: code.code, language: code.language || undefined } : undefined;
  switch (action) {
    case 'copy-code':
      if (codePayload) t.post({ type: 'copy', text: codePayload.code });
      return flash(actionElement, 'Copied');
    case 'insert-code':
      if (codePayload) t.post({ type: 'insertCode', ...codePayload });
      return;
    case 'apply-code':
      if (codePayload) t.post({ type: 'applyCode', ...codePayload });
      return;
    case 'new-file':
      if (codePayload) t.post({ type: 'newFile', ...codePayload });
      return;
    case 'copy-message':
      t.post({ type: 'copy', text: entry.copyText });
      return flash(actionElement, 'Copied');
    case 'regenerate':
      t.post({ type: 'regenerate', messageId: entry.view.id });
      return;
    case 'edit':
      entry.startEditing().focus();
      return;
    case 'edit-send':
      return sendEdit(t, entry);
    case 'edit-cancel':
      entry.cancelEditing();
      return;
    case 'fix': {
      // Only the fixes the protocol knows (the button's data attribute is page content).
      const fix = FixActionSchema.safeParse(actionElement.dataset.fix);
      if (fix.success) t.post({ type: 'fixAction', action: fix.data, messageId: entry.view.id });
      return;
    }
  }
}

/** Shows a check mark (and says `label`) on an icon button for a moment. */
function flash(target: HTMLElement, label: string): void {
  const original = target.querySelector('.codicon');
  const title = target.title;
  if (!original) return;
  original.replaceWith(icon('check'));
  target.title = label;
  setTimeout(() => {
    target.querySelector('.codicon')?.replaceWith(original);
    target.title = title;
  }, 1200);
}
