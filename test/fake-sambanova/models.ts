// The fake server's model catalog. Ids, context lengths and prices follow API-NOTES §5
// (SambaCloud list of 2026; prices in USD per token). Max completion tokens are our guess.

export interface FakeModel {
  id: string;
  contextLength: number;
  maxCompletionTokens: number;
  /** USD per token. */
  promptPrice: number;
  completionPrice: number;
  /** Accepts image parts in message content. */
  vision?: boolean;
  /** How the model reasons when the scenario says reasoning 'auto'. */
  reasoning?: 'field' | 'think';
  /** Removed from the service: requests get 410. */
  retired?: boolean;
}

export const defaultModels: FakeModel[] = [
  { id: 'Meta-Llama-3.3-70B-Instruct', contextLength: 131072, maxCompletionTokens: 8192, promptPrice: 0.6e-6, completionPrice: 1.2e-6 },
  {
    id: 'gpt-oss-120b',
    contextLength: 131072,
    maxCompletionTokens: 32768,
    promptPrice: 0.22e-6,
    completionPrice: 0.59e-6,
    reasoning: 'field',
  },
  { id: 'DeepSeek-V3.1', contextLength: 131072, maxCompletionTokens: 8192, promptPrice: 3e-6, completionPrice: 4.5e-6 },
  { id: 'DeepSeek-V3.2', contextLength: 32768, maxCompletionTokens: 8192, promptPrice: 3e-6, completionPrice: 4.5e-6 },
  { id: 'MiniMax-M2.7', contextLength: 196608, maxCompletionTokens: 32768, promptPrice: 0.6e-6, completionPrice: 2.4e-6 },
  { id: 'gemma-4-31B-it', contextLength: 131072, maxCompletionTokens: 8192, promptPrice: 0.2e-6, completionPrice: 0.4e-6, vision: true },
  // SambaStack still serves R1-style models that put their thinking in <think> tags.
  {
    id: 'DeepSeek-R1-0528',
    contextLength: 32768,
    maxCompletionTokens: 8192,
    promptPrice: 5e-6,
    completionPrice: 7e-6,
    reasoning: 'think',
  },
  // A small window, so context-length errors are easy to provoke (2024 figure from API-NOTES).
  { id: 'Meta-Llama-3.1-8B-Instruct', contextLength: 16384, maxCompletionTokens: 4096, promptPrice: 0.1e-6, completionPrice: 0.2e-6 },
  {
    id: 'DeepSeek-R1-Distill-Llama-70B',
    contextLength: 131072,
    maxCompletionTokens: 8192,
    promptPrice: 0.7e-6,
    completionPrice: 1.4e-6,
    retired: true,
  },
];

/** Formats a price the way `pricing` carries it; strings avoid float noise like 6.000000000000001e-7. */
export function formatPrice(usdPerToken: number, as: 'string' | 'number'): string | number {
  const text = usdPerToken.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
  return as === 'string' ? text : Number(text);
}

/** One entry of GET /v1/models. */
export function modelEntry(model: FakeModel, pricingAs: 'string' | 'number'): Record<string, unknown> {
  return {
    id: model.id,
    object: 'model',
    owned_by: 'SambaNova',
    context_length: model.contextLength,
    max_completion_tokens: model.maxCompletionTokens,
    pricing: { prompt: formatPrice(model.promptPrice, pricingAs), completion: formatPrice(model.completionPrice, pricingAs) },
  };
}
