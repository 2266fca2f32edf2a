// Turns what the user typed plus the context they attached into the user message the model
// reads. Attached text is fenced with a fence longer than any backtick run inside it, so a file
// that itself contains ``` cannot end the block early and smuggle text out of it.
import type { ContentPart } from '../client/types';
import type { AttachmentContent } from './model';
import { fenceFor } from '../promptText';

const HEADINGS: Record<AttachmentContent['kind'], string> = {
  selection: 'Selected code',
  file: 'Active file',
  openFile: 'Open file',
  problems: 'Problems',
  image: 'Image',
};

export function renderAttachment(a: AttachmentContent): string {
  const where = a.path ? ` \`${a.path}\`` : '';
  const head = `${HEADINGS[a.kind]}${where}${a.kind === 'selection' || a.kind === 'problems' ? ` (${a.label})` : ''}:`;
  const fence = fenceFor(a.text);
  const info = a.kind === 'problems' ? '' : (a.language ?? '').replace(/[^\w+#.-]/g, '');
  const cut = a.truncated ? '\n(Truncated to fit the size limit.)' : '';
  return `${head}\n${fence}${info}\n${a.text}${a.text.endsWith('\n') ? '' : '\n'}${fence}${cut}`;
}

/** The text of a user turn as the model sees it: context first, then the question. */
export function userPromptText(text: string, attachments: AttachmentContent[] = []): string {
  const blocks = attachments.filter((a) => a.kind !== 'image').map(renderAttachment);
  return blocks.length ? `${blocks.join('\n\n')}\n\n${text}` : text;
}

/**
 * Content of a user message. Text-only turns stay plain strings: several SambaNova models reject
 * part lists. Images (data: URLs) switch to parts.
 */
export function userContent(text: string, attachments: AttachmentContent[] = [], images: string[] = []): string | ContentPart[] {
  const prompt = userPromptText(text, attachments);
  if (images.length === 0) return prompt;
  return [{ type: 'text', text: prompt }, ...images.map((url): ContentPart => ({ type: 'image_url', image_url: { url } }))];
}

export function isImageDataUrl(url: string): boolean {
  return /^data:image\/(png|jpeg|jpg|gif|webp);base64,[A-Za-z0-9+/]+=*$/.test(url);
}
