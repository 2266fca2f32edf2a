// Codicons, VS Code's own icon set, so the chat looks like the editor around it. The shapes live
// in media/chat.css as CSS masks (one rule per icon): no icon font to load and no <svg> in the
// DOM, so the CSP and the sanitizer's rules stay as they are.

export type IconName =
  | 'send'
  | 'debug-stop'
  | 'attach'
  | 'copy'
  | 'edit'
  | 'refresh'
  | 'arrow-down'
  | 'close'
  | 'check'
  | 'new-file'
  | 'insert'
  | 'git-compare'
  | 'trash'
  | 'export';

/** A 16x16 codicon in the current text colour, hidden from screen readers (the button names it). */
export function icon(name: IconName): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = `codicon codicon-${name}`;
  span.setAttribute('aria-hidden', 'true');
  return span;
}
