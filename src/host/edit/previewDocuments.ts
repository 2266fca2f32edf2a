// The right-hand side of the diff preview: read-only virtual documents (scheme sambanova-edit)
// whose text is rebuilt from a function. While an answer streams, updates are coalesced to at
// most one per frame: the first token shows at once, and a 2000 tokens/s stream does not make
// VS Code re-diff hundreds of times a second (bench/edit measures both).
import * as vscode from 'vscode';

export const EDIT_PREVIEW_SCHEME = 'sambanova-edit';
const FRAME_MS = 16;

export class PreviewDocuments implements vscode.Disposable {
  private readonly sources = new Map<string, () => string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lastFired = new Map<string, number>();
  private readonly registration: vscode.Disposable;
  /** How often each preview was refreshed (tests and the log read it). */
  readonly updates = new Map<string, number>();

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(EDIT_PREVIEW_SCHEME, {
      onDidChange: this.changed.event,
      provideTextDocumentContent: (uri) => this.sources.get(uri.toString())?.() ?? '',
    });
  }

  add(uri: vscode.Uri, text: () => string): void {
    this.sources.set(uri.toString(), text);
  }

  remove(uri: vscode.Uri): void {
    const key = uri.toString();
    this.sources.delete(key);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.lastFired.delete(key);
    this.updates.delete(key);
  }

  /** Refreshes now if a frame has passed since the last refresh, else at the next frame. */
  refresh(uri: vscode.Uri, immediately = false): void {
    const key = uri.toString();
    if (!this.sources.has(key)) return;
    const since = performance.now() - (this.lastFired.get(key) ?? -Infinity);
    if (immediately || since >= FRAME_MS) {
      clearTimeout(this.timers.get(key));
      this.timers.delete(key);
      this.fire(uri);
    } else if (!this.timers.has(key)) {
      this.timers.set(
        key,
        setTimeout(() => {
          this.timers.delete(key);
          this.fire(uri);
        }, FRAME_MS - since),
      );
    }
  }

  private fire(uri: vscode.Uri): void {
    const key = uri.toString();
    this.lastFired.set(key, performance.now());
    this.updates.set(key, (this.updates.get(key) ?? 0) + 1);
    this.changed.fire(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.registration.dispose();
    this.changed.dispose();
  }
}
