// The API key lives in VS Code's SecretStorage and nowhere else. SAMBANOVA_API_KEY from the
// environment is used when nothing is stored (never copied into storage).
import * as vscode from 'vscode';

const SECRET_ID = 'sambanova.apiKey';

export type KeySource = 'stored' | 'environment' | 'none';

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the stored key changes, in this window or another. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** Every key this window has seen, so the log can redact them without awaiting SecretStorage. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === SECRET_ID) this.changed.fire();
    });
  }

  async get(): Promise<string | undefined> {
    const stored = await this.secrets.get(SECRET_ID);
    const key = stored || this.env.SAMBANOVA_API_KEY?.trim() || undefined;
    if (key) this.seen.add(key);
    return key;
  }

  /** Keys to scrub from anything written to the log. */
  knownSecrets(): string[] {
    const fromEnv = this.env.SAMBANOVA_API_KEY?.trim();
    return fromEnv ? [...this.seen, fromEnv] : [...this.seen];
  }

  /** Remembers a key that is being checked but not stored yet, so the log can scrub it too. */
  remember(key: string): void {
    if (key) this.seen.add(key);
  }

  async source(): Promise<KeySource> {
    if (await this.secrets.get(SECRET_ID)) return 'stored';
    return this.env.SAMBANOVA_API_KEY?.trim() ? 'environment' : 'none';
  }

  async set(key: string): Promise<void> {
    this.seen.add(key.trim());
    await this.secrets.store(SECRET_ID, key.trim());
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_ID);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
