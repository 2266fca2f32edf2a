/** A disposable in VS Code's shape, without importing VS Code. */
export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (event: T) => void;

/**
 * A minimal event emitter for core (which cannot use vscode.EventEmitter).
 * Listeners that throw do not stop the others.
 */
export class Emitter<T> implements Disposable {
  private listeners = new Set<Listener<T>>();

  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken listener must not break the stream that fired the event.
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
