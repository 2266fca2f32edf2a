// A chat as a Markdown document the user can keep, share or paste into an issue.
import { formatCost, formatRate, formatSeconds } from '../format';
import type { ChatRecord, StoredMessage } from './model';
import { fenceFor, renderAttachment } from './promptAssembly';

function quoteBlock(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

function figures(m: StoredMessage): string | undefined {
  const x = m.metrics;
  if (!x) return undefined;
  const approx = x.basis === 'estimate' ? '~' : '';
  return [
    x.model,
    `first token ${formatSeconds(x.timeToFirstTokenMs)}`,
    `${approx}${formatRate(x.tokensPerSecond)} tokens/s`,
    `${x.completionTokens} tokens`,
    `cost ${formatCost(x.costUsd)}`,
  ].join(' · ');
}

function renderMessage(m: StoredMessage): string {
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
  const f = figures(m);
  if (f) parts.push(`<sub>${f}</sub>`);
  return parts.join('\n\n');
}

export function chatToMarkdown(chat: ChatRecord): string {
  const when = new Date(chat.createdAt).toISOString().replace('T', ' ').slice(0, 16);
  const head = `# ${chat.title.replace(/\n/g, ' ')}\n\n_${when} UTC · ${chat.model}_`;
  return `${[head, ...chat.messages.map(renderMessage)].join('\n\n')}\n`;
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
