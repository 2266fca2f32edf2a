// A chat as a Markdown document the user can keep, share or paste into an issue. The figures
// under an answer are written by the caller's `figuresLine` (the host passes the chat page's,
// src/shared/present.ts), so the export and the page never disagree.
import type { ChatRecord, StoredMessage, StoredMetrics } from './model';
import { fenceFor } from '../promptText';
import { renderAttachment } from './promptAssembly';

function quoteBlock(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

function renderMessage(m: StoredMessage, figuresLine: FiguresLine): string {
  const parts: string[] = [m.role === 'user' ? '## You' : `## SambaNova${m.model ? ` (${m.model})` : ''}`];
  if (m.notice) parts.push(`_${m.notice}_`);
  for (const a of m.attachments ?? []) if (a.kind !== 'image') parts.push(renderAttachment(a));
  if (m.images?.length) parts.push(`_${m.images.length} image${m.images.length === 1 ? '' : 's'} attached (not exported)._`);
  if (m.reasoning) {
    const fence = fenceFor(m.reasoning);
    parts.push(`<details><summary>Thinking</summary>\n\n${fence}text\n${m.reasoning}\n${fence}\n\n</details>`);
  }
  if (m.text) parts.push(m.text);
  if (m.status === 'stopped') parts.push('_(stopped)_');
  if (m.error) parts.push(quoteBlock(`**Error:** ${m.error.message}`));
  if (m.metrics) parts.push(`<sub>${m.metrics.model} · ${figuresLine(m.metrics)}</sub>`);
  return parts.join('\n\n');
}

export type FiguresLine = (figures: StoredMetrics) => string;

export function chatToMarkdown(chat: ChatRecord, figuresLine: FiguresLine): string {
  const when = new Date(chat.createdAt).toISOString().replace('T', ' ').slice(0, 16);
  const head = `# ${chat.title.replace(/\n/g, ' ')}\n\n_${when} UTC · ${chat.model}_`;
  return `${[head, ...chat.messages.map((m) => renderMessage(m, figuresLine))].join('\n\n')}\n`;
}

/** A file name for the export: the title, kept to safe characters. */
export function exportFileName(chat: ChatRecord): string {
  const base = chat.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return `${base || 'chat'}.md`;
}
