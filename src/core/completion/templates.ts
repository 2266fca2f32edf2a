// How a model is asked to fill a hole. Two kinds: a chat prompt (every instruct model, which is
// all of SambaNova Cloud today) and raw fill-in-the-middle prompts through /v1/completions for
// the code models trained with FIM tokens. Which template a model gets comes from an explicit
// table (plus the user's override), never from guessing on substrings of the model name: a
// DeepSeek-V3 chat model does not understand DeepSeek-Coder's FIM tokens.

export type FimTemplateId = 'qwen-coder' | 'deepseek-coder' | 'starcoder' | 'codellama' | 'codestral';
export type TemplateId = 'chat' | FimTemplateId;

export interface FimTemplate {
  readonly id: FimTemplateId;
  /** The raw prompt: the model's own sentinel tokens around prefix and suffix. */
  build(prefix: string, suffix: string): string;
  /** Sentinels that mean "the middle is over" (at most 4: the API limit). */
  readonly stop: readonly string[];
  /** Sentinels that must never appear in shown text, stripped if a server does not stop on them. */
  readonly sentinels: readonly string[];
}

const fimTemplates: Record<FimTemplateId, FimTemplate> = {
  'qwen-coder': {
    id: 'qwen-coder',
    build: (p, s) => `<|fim_prefix|>${p}<|fim_suffix|>${s}<|fim_middle|>`,
    stop: ['<|endoftext|>', '<|fim_pad|>', '<|file_sep|>', '<|im_end|>'],
    sentinels: ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|endoftext|>', '<|fim_pad|>', '<|file_sep|>', '<|im_end|>'],
  },
  'deepseek-coder': {
    id: 'deepseek-coder',
    // DeepSeek-Coder's sentinels use U+FF5C (fullwidth bar) and U+2581 (lower block), not ASCII.
    build: (p, s) => `<｜fim▁begin｜>${p}<｜fim▁hole｜>${s}<｜fim▁end｜>`,
    stop: ['<｜end▁of▁sentence｜>', '<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜EOT｜>'],
    sentinels: ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>', '<｜end▁of▁sentence｜>', '<｜EOT｜>'],
  },
  starcoder: {
    id: 'starcoder',
    build: (p, s) => `<fim_prefix>${p}<fim_suffix>${s}<fim_middle>`,
    stop: ['<|endoftext|>', '<file_sep>', '<fim_prefix>', '<fim_suffix>'],
    sentinels: ['<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<|endoftext|>', '<file_sep>'],
  },
  codellama: {
    id: 'codellama',
    build: (p, s) => `<PRE> ${p} <SUF>${s} <MID>`,
    stop: ['<EOT>', '<PRE>', '<SUF>', '<MID>'],
    sentinels: ['<PRE>', '<SUF>', '<MID>', '<EOT>'],
  },
  codestral: {
    id: 'codestral',
    // Codestral takes the suffix first.
    build: (p, s) => `[SUFFIX]${s}[PREFIX]${p}`,
    stop: ['[PREFIX]', '[SUFFIX]', '</s>'],
    sentinels: ['[PREFIX]', '[SUFFIX]', '[MIDDLE]', '</s>'],
  },
};

export const templateIds: readonly TemplateId[] = ['chat', 'qwen-coder', 'deepseek-coder', 'starcoder', 'codellama', 'codestral'];

export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && (templateIds as readonly string[]).includes(value);
}

export function fimTemplate(id: FimTemplateId): FimTemplate {
  return fimTemplates[id];
}

/**
 * Model ids known to be trained with FIM tokens, exact (case-insensitive). An id with an
 * organisation prefix ("Qwen/Qwen2.5-Coder-7B") is looked up by its last segment too.
 * Anything absent gets the chat template, which works with every instruct model.
 */
export const builtInModelTemplates: Readonly<Record<string, FimTemplateId>> = {
  'qwen2.5-coder-0.5b': 'qwen-coder',
  'qwen2.5-coder-1.5b': 'qwen-coder',
  'qwen2.5-coder-3b': 'qwen-coder',
  'qwen2.5-coder-7b': 'qwen-coder',
  'qwen2.5-coder-14b': 'qwen-coder',
  'qwen2.5-coder-32b': 'qwen-coder',
  'qwen2.5-coder-7b-instruct': 'qwen-coder',
  'qwen2.5-coder-32b-instruct': 'qwen-coder',
  'deepseek-coder-1.3b-base': 'deepseek-coder',
  'deepseek-coder-6.7b-base': 'deepseek-coder',
  'deepseek-coder-33b-base': 'deepseek-coder',
  'deepseek-coder-v2-lite-base': 'deepseek-coder',
  'starcoder': 'starcoder',
  'starcoderbase': 'starcoder',
  'starcoder2-3b': 'starcoder',
  'starcoder2-7b': 'starcoder',
  'starcoder2-15b': 'starcoder',
  'codellama-7b-hf': 'codellama',
  'codellama-13b-hf': 'codellama',
  'codellama-34b-hf': 'codellama',
  'codellama-70b-hf': 'codellama',
  'codestral-22b-v0.1': 'codestral',
  'codestral-latest': 'codestral',
  'codestral-2501': 'codestral',
};

/**
 * The template for a model: the user's table first (setting `sambanova.completion.templates`,
 * exact model id -> template id), then the built-in table, then chat.
 */
export function templateFor(model: string, overrides: Readonly<Record<string, string>> = {}): TemplateId {
  const lower = model.trim().toLowerCase();
  const last = lower.includes('/') ? lower.slice(lower.lastIndexOf('/') + 1) : lower;
  for (const [id, template] of Object.entries(overrides)) {
    const key = id.trim().toLowerCase();
    if ((key === lower || key === last) && isTemplateId(template)) return template;
  }
  return builtInModelTemplates[lower] ?? builtInModelTemplates[last] ?? 'chat';
}
