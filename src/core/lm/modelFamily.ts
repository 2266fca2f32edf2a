// What a SambaNova model id says about the model: its family (chat template, tokenizer), whether
// it reads images and whether it calls tools. /v1/models carries none of this, so the id decides.

export type TemplateFamily = 'llama3' | 'llama4' | 'gpt-oss' | 'deepseek' | 'qwen' | 'gemma' | 'minimax' | 'other';

const families: Array<[RegExp, TemplateFamily]> = [
  [/llama-?4/i, 'llama4'],
  [/llama-?3/i, 'llama3'],
  [/gpt-oss/i, 'gpt-oss'],
  [/deepseek/i, 'deepseek'],
  [/qwen|qwq/i, 'qwen'],
  [/gemma/i, 'gemma'],
  [/minimax/i, 'minimax'],
];

export function templateFamily(id: string): TemplateFamily {
  for (const [pattern, family] of families) if (pattern.test(id)) return family;
  return 'other';
}

/**
 * The family VS Code shows and selectors match on: the id without its size and tuning suffixes
 * ("Meta-Llama-3.3-70B-Instruct" -> "meta-llama-3.3", "gpt-oss-120b" -> "gpt-oss").
 */
export function familyName(id: string): string {
  const parts = id.toLowerCase().split('-');
  const kept: string[] = [];
  for (const part of parts) {
    // Sizes (70b, 120b, 17b, 128e, 31b), tuning tags and context suffixes end the family.
    if (/^\d+(\.\d+)?[bme]$/.test(part) || /^(instruct|it|chat|base|distill|\d{4,})$/.test(part)) break;
    kept.push(part);
  }
  return kept.length > 0 ? kept.join('-') : id.toLowerCase();
}

// Which models read images is decided in one place for the chat panel and VS Code's chat.
export { acceptsImages } from '../client/modelCapabilities';

// Not chat models at all: embeddings and speech.
const notChat = /e5-mistral|embed|whisper|tts|speech/i;

export function isChatModel(id: string): boolean {
  return !notChat.test(id);
}
