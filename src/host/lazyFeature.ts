// A part of the extension that loads on first use. Activation registers commands and providers
// (cheap); what they run is behind a dynamic import that esbuild keeps in dist/extension.js but
// initialises only when first awaited, which keeps activation fast (bench/activation.ts).
// Every feature loads this way (chat, editor commands, proposed edits, inline completion).

interface Disposable {
  dispose(): void;
}

export class LazyFeature<T extends Disposable> implements Disposable {
  private loading: Promise<T> | undefined;
  private value: T | undefined;
  private disposed = false;

  constructor(private readonly load: () => Promise<T>) {}

  /** The feature, loading it on the first call. */
  get(): Promise<T> {
    return (this.loading ??= this.load().then((created) => {
      if (this.disposed) created.dispose();
      else this.value = created;
      return created;
    }));
  }

  /** The feature once it has loaded; undefined before (commands with nothing to do until then). */
  get loaded(): T | undefined {
    return this.value;
  }

  dispose(): void {
    this.disposed = true;
    this.value?.dispose();
    this.value = undefined;
  }
}
