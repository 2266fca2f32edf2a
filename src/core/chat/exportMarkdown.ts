// A chat as a Markdown document the user can keep, share or paste into an issue. The figures
// under an answer are written by the caller's `figuresLine` (the host passes the chat page's,
// src/shared/present.ts), so the export and the page never disagree.
import type { ChatRecord, StoredMessage, StoredMetrics } from './model';
import { fenceFor } from '../promptText';
import { renderAttachment } from './promptAssembly';

// Markdown Preview loads remote images, and raw HTML such as <img>, when the export is opened: a
// model tricked into writing data into an image URL would send it off the machine. The webview
// shows an image as a link to it; the export does the same, and writes HTML tags as text. Code
// (fenced blocks, inline spans) is left exactly as it was: nothing loads from there.

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const INLINE_IMAGE = /^!\[([^\]\n]*)\]\(/;
const HTML_TAG = /^<(?:[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|\/[A-Za-z]|!--)/;

/** Text with every image as a link and every HTML tag as text, code untouched. */
export function withoutRemoteContent(text: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      // A fence closes with the same character, at least as long, and nothing after it.
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      out.push(line);
    } else if (marker && !(marker[0] === '`' && line.slice(line.indexOf(marker) + marker.length).includes('`'))) {
      fence = marker;
      out.push(line);
    } else {
      out.push(proseLine(line));
    }
  }
  return out.join('\n');
}

function proseLine(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '\\') {
      out += line.slice(i, i + 2); // an escaped character stays literal
      i += 2;
    } else if (ch === '`') {
      // A code span runs to the next run of exactly as many backticks; without one, they are text.
      let run = 1;
      while (line[i + run] === '`') run++;
      const close = new RegExp(`(?<!\`)\`{${run}}(?!\`)`, 'g');
      close.lastIndex = i + run;
      const end = close.exec(line);
      const stop = end ? end.index + run : i + run;
      out += line.slice(i, stop);
      i = stop;
    } else if (ch === '!' && line[i + 1] === '[') {
      const image = INLINE_IMAGE.exec(line.slice(i));
      if (image) {
        out += `[${image[1] || 'image'}](`;
        i += image[0].length;
      } else {
        out += '\\![';
        i += 2;
      }
    } else if (ch === '<' && HTML_TAG.test(line.slice(i))) {
      out += '&lt;';
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

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
  if (m.text) parts.push(withoutRemoteContent(m.text));
  if (m.status === 'stopped') parts.push('_(stopped)_');
  if (m.error) parts.push(quoteBlock(`**Error:** ${withoutRemoteContent(m.error.message)}`));
  if (m.metrics) parts.push(`<sub>${m.metrics.model} · ${figuresLine(m.metrics)}</sub>`);
  return parts.join('\n\n');
}

export type FiguresLine = (figures: StoredMetrics) => string;

export function chatToMarkdown(chat: ChatRecord, figuresLine: FiguresLine): string {
  const when = new Date(chat.createdAt).toISOString().replace('T', ' ').slice(0, 16);
  const head = `# ${withoutRemoteContent(chat.title.replace(/\n/g, ' '))}\n\n_${when} UTC · ${chat.model}_`;
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
