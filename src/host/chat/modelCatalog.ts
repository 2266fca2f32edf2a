// The models the chat offers, from the server's live /v1/models list. A failed fetch is not an
// error the user must fix here: the chat still offers the configured model.
import type { ModelOption } from '../../shared/protocol';
import { toModelOption } from '../../core/chat/metrics';
import type { ModelInfo } from '../../core/types';
import type { Services } from '../services';

export class ModelCatalog {
  private models: ModelInfo[] = [];

  constructor(private readonly services: Services) {}

  async refresh(refresh = false): Promise<ModelOption[]> {
    try {
      this.models = await this.services.client.listModels({ refresh });
    } catch (error) {
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
    return options;
  }

  info(id: string): ModelInfo | undefined {
    return this.models.find((m) => m.id === id) ?? this.services.client.modelInfo(id);
  }

  get live(): readonly ModelInfo[] {
    return this.models;
  }
}
