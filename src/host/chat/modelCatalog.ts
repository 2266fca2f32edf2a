// The models the chat offers, from the server's live /v1/models list. A failed fetch is not an
// error the user must fix here: the chat still offers the configured model.
import type { ModelOption } from '../../shared/protocol';
import { toModelOption } from './messageView';
import { acceptsImages } from '../../core/client/modelCapabilities';
import { FailureCooldown } from '../../core/client/retryPolicy';
import type { ModelInfo } from '../../core/client/types';
import type { Services } from '../services';

export class ModelCatalog {
  private models: ModelInfo[] = [];
  /** Keyed by base URL: a corrected URL is asked at once. */
  private readonly cooldown = new FailureCooldown();

  constructor(private readonly services: Services) {}

  /** Re-reads the list. After a failure, waits a while before asking again unless `refresh`. */
  async refresh(refresh = false): Promise<ModelOption[]> {
    const baseUrl = this.services.config.get().baseUrl;
    if (!refresh && this.cooldown.coolingDown(baseUrl)) return this.options();
    try {
      this.models = await this.services.client.listModels({ refresh });
      this.cooldown.succeeded();
    } catch (error) {
      this.cooldown.failed(baseUrl);
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
