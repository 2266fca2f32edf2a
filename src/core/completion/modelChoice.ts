// Which model completes when the user did not name one: a fast, non-reasoning model from the
// live list (reasoning models spend their first hundreds of tokens thinking; ghost text cannot wait).
import type { ModelInfo } from '../client/types';

/** Preferred in this order when present: small and fast first, then strong coders. */
export const PREFERRED_COMPLETION_MODELS = [
  'Meta-Llama-3.1-8B-Instruct',
  'Qwen2.5-Coder-32B-Instruct',
  'Meta-Llama-3.3-70B-Instruct',
  'Llama-4-Maverick-17B-128E-Instruct',
  'DeepSeek-V3.1',
  'DeepSeek-V3-0324',
  'DeepSeek-V3.2',
  'gemma-4-31B-it',
];

/** Families that think before answering (ids matched exactly by prefix of the family name). */
const REASONING = /^(?:deepseek-r1|qwq|gpt-oss|qwen3-(?:32b|235b)|minimax-m)/i;

export function isReasoningModel(id: string): boolean {
  return REASONING.test(id);
}

/** The model to use: the setting when set, else the best present in the live list, else the fallback. */
export function chooseCompletionModel(configured: string, available: readonly ModelInfo[], fallback: string): { model: string; auto: boolean } {
  const wanted = configured.trim();
  if (wanted) return { model: wanted, auto: false };
  const ids = new Map(available.map((m) => [m.id.toLowerCase(), m.id]));
  for (const id of PREFERRED_COMPLETION_MODELS) {
    const found = ids.get(id.toLowerCase());
    if (found) return { model: found, auto: true };
  }
  const any = available.find((m) => !isReasoningModel(m.id));
  return { model: any?.id ?? fallback, auto: true };
}
