// The model picker beside the input, as in VS Code's own chat: a compact dropdown showing the
// model's full id (never cut in the middle; ellipsis only when the view is very narrow), with
// context length, prices and whether it takes images on hover and in its accessible name.
import type { ModelOption } from '../shared/protocol';
import { el } from './dom';
import { formatModelOption } from '../shared/present';

export class ModelPicker {
  readonly element = el('select', { className: 'model-select', 'aria-label': 'Model' });
  private models: ModelOption[] = [];

  constructor(onChange: (modelId: string) => void) {
    this.element.addEventListener('change', () => {
      this.describeSelected();
      onChange(this.element.value);
    });
  }

  set(models: ModelOption[], selected: string): void {
    this.models = models.some((m) => m.id === selected) || !selected ? models : [{ id: selected }, ...models];
    this.element.replaceChildren(
      ...this.models.map((m) => el('option', { value: m.id, selected: m.id === selected, title: describe(m) }, m.id)),
    );
    this.element.value = selected;
    this.describeSelected();
  }

  /** The chosen model, with what the list says about it. */
  get selected(): ModelOption | undefined {
    return this.models.find((m) => m.id === this.element.value);
  }

  /** Models of the list that accept images. */
  get visionModels(): string[] {
    return this.models.filter((m) => m.vision).map((m) => m.id);
  }

  private describeSelected(): void {
    const model = this.selected;
    const text = model ? describe(model) : this.element.value;
    this.element.title = text;
    this.element.setAttribute('aria-label', `Model: ${text}`);
  }
}

function describe(model: ModelOption): string {
  return model.vision ? `${formatModelOption(model)} · accepts images` : formatModelOption(model);
}
