// A small element builder: every text goes in through textContent, never through innerHTML.
import { icon, type IconName } from './icons';

type Attributes = Record<string, string | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === 'className') element.className = String(value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

export function button(label: string, action: string, attributes: Attributes = {}): HTMLButtonElement {
  return el('button', { type: 'button', 'data-action': action, ...attributes }, label);
}

/** A toolbar-style button showing a codicon; `label` is its accessible name and its tooltip. */
export function iconButton(name: IconName, label: string, action: string, attributes: Attributes = {}): HTMLButtonElement {
  const { className, ...rest } = attributes;
  return el(
    'button',
    { type: 'button', 'data-action': action, 'aria-label': label, title: label, ...rest, className: `icon-button${className ? ` ${String(className)}` : ''}` },
    icon(name),
  );
}
