// Which model completes when the user did not name one: a fast, non-reasoning model from the
// live list (reasoning models spend their first hundreds of tokens thinking; ghost text cannot wait).
import type { SambaNovaApi } from '../client/api';
import { DEFAULT_MODEL } from '../client/endpoints';
import { isAbortError } from '../client/errors';
import type { ModelInfo } from '../client/types';
import type { Logger } from '../logger';

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

/**
 * The model completion uses, resolved once: the configured one, or one picked from the live model
 * list (remembered; a fallback when the list is unavailable is tried again next time).
 */
export class CompletionModelResolver {
  private resolved: { model: string; auto: boolean } | undefined;
  private loading: Promise<readonly ModelInfo[]> | undefined;

  constructor(
    private readonly client: SambaNovaApi,
    private readonly log: Logger,
  ) {}

  /** The model and whether it was picked automatically (undefined before the first request). */
  get current(): { model: string; auto: boolean } | undefined {
    return this.resolved;
  }

  /** Settings changed: resolve again. */
  reset(): void {
    this.resolved = undefined;
  }

  async resolve(configuredModel: string, fallbackModel: string | undefined): Promise<{ model: string; auto: boolean }> {
    const configured = configuredModel.trim();
    if (configured) {
      if (this.resolved?.model !== configured) this.resolved = { model: configured, auto: false };
      return this.resolved;
    }
    if (this.resolved?.auto) return this.resolved;
    let models: readonly ModelInfo[] = [];
    try {
      this.loading ??= this.client.listModels();
      models = await this.loading;
    } catch (error) {
      if (!isAbortError(error)) this.log.warn(`Completion: the model list is unavailable (${error instanceof Error ? error.message : String(error)}).`);
    } finally {
      this.loading = undefined;
    }
    const chosen = chooseCompletionModel('', models, fallbackModel ?? DEFAULT_MODEL);
    if (models.length > 0) {
      this.resolved = chosen;
      this.log.info(`Completion uses ${chosen.model} (picked from the model list; set sambanova.completion.model to choose).`);
    }
    return chosen;
  }
}
