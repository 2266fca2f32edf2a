// The models the chat offers, from the server's live /v1/models list. A failed fetch is not an
// error the user must fix here: the chat still offers the configured model.
import type { ModelOption } from '../../shared/protocol';
import { toModelOption } from './messageView';
import { acceptsImages } from '../../core/client/modelCapabilities';
import type { ModelInfo } from '../../core/client/types';
import type { Services } from '../services';

/** Every send would otherwise wait for a list the server just failed to give. */
const FAILURE_BACKOFF_MS = 30_000;

export class ModelCatalog {
  private models: ModelInfo[] = [];
  private lastFailure = 0;
  /** The base URL that failed: a corrected URL is asked at once, not after the backoff. */
  private failedBaseUrl: string | undefined;

  constructor(private readonly services: Services) {}

  /** Re-reads the list. After a failure, waits a while before asking again unless `refresh`. */
  async refresh(refresh = false): Promise<ModelOption[]> {
    const baseUrl = this.services.config.get().baseUrl;
    const backingOff = baseUrl === this.failedBaseUrl && Date.now() - this.lastFailure < FAILURE_BACKOFF_MS;
    if (!refresh && backingOff) return this.options();
    try {
      this.models = await this.services.client.listModels({ refresh });
      this.lastFailure = 0;
      this.failedBaseUrl = undefined;
    } catch (error) {
      this.lastFailure = Date.now();
      this.failedBaseUrl = baseUrl;
      this.services.log.warn(`Could not load the model list: ${error instanceof Error ? error.message : String(error)}`);
    }
    return this.options();
  }

  /** The live list, plus the configured model when the server did not list it. */
  options(extra: string[] = []): ModelOption[] {
    const options = this.models.map(toModelOption);
    for (const id of [this.services.config.get().model, ...extra]) {
      if (id && !options.some((o) => o.id === id)) options.push({ id });
    }
    for (const option of options) if (acceptsImages(option.id)) option.vision = true;
    return options;
  }

  info(id: string): ModelInfo | undefined {
    return this.models.find((m) => m.id === id) ?? this.services.client.modelInfo(id);
  }

  get live(): readonly ModelInfo[] {
    return this.models;
  }
}
