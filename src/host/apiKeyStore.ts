// The API keys live in VS Code's SecretStorage and nowhere else: one secret per origin
// (`sambanova.apiKey/https://host[:port]`), plus a record of what the user allowed (which origin
// may use which key, clear-text origins, where SAMBANOVA_API_KEY may go). The environment key is
// used, never copied into storage. The decisions themselves are in src/core/client/keyConsent.ts.
import * as vscode from 'vscode';
import {
  decideKey,
  emptyRegistry,
  loadRegistry,
  migrationOrigin,
  normalizeOrigin,
  originOf,
  serializeRegistry,
  withCleartextOrigin,
  withEnvironmentOrigin,
  withGrant,
  withKeyFor,
  type KeyDecision,
  type KeyRegistry,
  type KeyTarget,
} from '../core/client/keyConsent';

/** Before keys were per host: one key, for whatever host was configured. Migrated on first use. */
const LEGACY_SECRET_ID = 'sambanova.apiKey';
const KEY_PREFIX = 'sambanova.apiKey/';
const REGISTRY_ID = 'sambanova.keyRegistry';

/** The SecretStorage entry that holds the key saved for `origin` (per host before version 2: `host[:port]`). */
export function secretIdFor(origin: string): string {
  return KEY_PREFIX + normalizeOrigin(origin);
}

export type KeySource = 'stored' | 'environment' | 'none';

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a stored key or a consent changes, in this window or another. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** Every key this window has seen, so the log can redact them without awaiting SecretStorage. */
  private readonly seen = new Set<string>();
  /** Cached reads (inline completion asks on every keystroke); dropped when SecretStorage changes. */
  private registryCache: Promise<KeyRegistry> | undefined;
  private readonly keyCache = new Map<string, Promise<string | undefined>>();
  /** Serialises read-modify-write of the registry within this window. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    /** Where the configured base URL sends the key, or undefined when it is unusable. */
    private readonly currentTarget: () => KeyTarget | undefined,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key !== REGISTRY_ID && e.key !== LEGACY_SECRET_ID && !e.key.startsWith(KEY_PREFIX)) return;
      this.registryCache = undefined;
      this.keyCache.clear();
      this.changed.fire();
    });
  }

  private environmentKey(): string | undefined {
    const key = this.env.SAMBANOVA_API_KEY?.trim();
    if (key) this.seen.add(key);
    return key || undefined;
  }

  /** What has been saved and allowed, migrating the single pre-host key on first read. */
  registry(): Promise<KeyRegistry> {
    return (this.registryCache ??= this.loadRegistry().catch((error: unknown) => {
      this.registryCache = undefined;
      throw error;
    }));
  }

  private async loadRegistry(): Promise<KeyRegistry> {
    // The base URL is read only when something must move (a version-1 record, a legacy key).
    let current: { target: KeyTarget | undefined } | undefined;
    const currentTarget = (): KeyTarget | undefined => (current ??= { target: this.currentTarget() }).target;
    const loaded = loadRegistry(await this.secrets.get(REGISTRY_ID), currentTarget);
    let registry = loaded.registry;
    // Per-host keys (version 1) move to their origin's entry: written before the old one goes,
    // so a crash in between leaves a copy, never no key.
    for (const { host, origin } of loaded.moves) {
      const key = (await this.secrets.get(KEY_PREFIX + host))?.trim();
      if (key) {
        this.seen.add(key);
        await this.secrets.store(secretIdFor(origin), key);
      }
    }
    if (loaded.migrated) await this.secrets.store(REGISTRY_ID, serializeRegistry(registry));
    for (const { host } of loaded.moves) await this.secrets.delete(KEY_PREFIX + host);
    const legacy = (await this.secrets.get(LEGACY_SECRET_ID))?.trim();
    if (legacy) {
      const origin = migrationOrigin(currentTarget());
      this.seen.add(legacy);
      if (!registry.keyOrigins.includes(origin)) {
        await this.secrets.store(secretIdFor(origin), legacy);
        registry = withKeyFor(registry, origin);
        await this.secrets.store(REGISTRY_ID, serializeRegistry(registry));
      }
      await this.secrets.delete(LEGACY_SECRET_ID);
    }
    return registry;
  }

  private update(change: (r: KeyRegistry) => KeyRegistry): Promise<void> {
    const run = this.writing.then(async () => {
      const next = change(await this.registry());
      this.registryCache = Promise.resolve(next);
      await this.secrets.store(REGISTRY_ID, serializeRegistry(next));
    });
    this.writing = run.catch(() => undefined);
    return run;
  }

  /** Which key goes to `target`, or what must be asked first. */
  async decide(target: KeyTarget): Promise<KeyDecision> {
    return decideKey(target, await this.registry(), this.environmentKey() !== undefined);
  }

  /** The key a 'stored' or 'environment' decision points at. */
  async keyOf(decision: KeyDecision): Promise<string | undefined> {
    if (decision.kind === 'environment') return this.environmentKey();
    if (decision.kind !== 'stored') return undefined;
    const id = secretIdFor(decision.keyOrigin);
    let read = this.keyCache.get(id);
    if (!read) {
      read = Promise.resolve(this.secrets.get(id)).then((k) => k?.trim() || undefined);
      this.keyCache.set(id, read);
    }
    const key = await read;
    if (key) this.seen.add(key);
    return key;
  }

  /** The key for the configured host if it may be sent there without asking; otherwise undefined. */
  async get(): Promise<string | undefined> {
    const target = this.currentTarget();
    return target ? this.keyOf(await this.decide(target)) : undefined;
  }

  /** Whether any key exists (stored for some origin, or in the environment): "Set API Key" is not the next step. */
  async hasAnyKey(): Promise<boolean> {
    return (await this.registry()).keyOrigins.length > 0 || this.environmentKey() !== undefined;
  }

  /** Where the key for the configured origin comes from (ignoring consent still to be given). */
  async source(): Promise<KeySource> {
    const target = this.currentTarget();
    const r = await this.registry();
    if (target) {
      const o = originOf(target);
      if (r.keyOrigins.includes(o) || (r.grants[o] && r.keyOrigins.includes(r.grants[o]))) return 'stored';
    }
    if (this.environmentKey()) return 'environment';
    return r.keyOrigins.length > 0 ? 'stored' : 'none';
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

  /**
   * Saves `key` for `origin`. Callers that asked the user pass the origin they named then
   * (the base URL may have changed since); the default is the configured base URL's origin.
   */
  async set(key: string, origin: string = migrationOrigin(this.currentTarget())): Promise<void> {
    const trimmed = key.trim();
    const target = normalizeOrigin(origin);
    this.seen.add(trimmed);
    await this.registry(); // migrate first, so the old key cannot come back over this one
    this.keyCache.delete(secretIdFor(target));
    await this.secrets.store(secretIdFor(target), trimmed);
    await this.update((r) => withKeyFor(r, target));
  }

  /** "Allow": the key saved for `keyOrigin` may go to `origin`. */
  allowHost(origin: string, keyOrigin: string): Promise<void> {
    return this.update((r) => withGrant(r, origin, keyOrigin));
  }

  allowEnvironmentKey(origin: string): Promise<void> {
    return this.update((r) => withEnvironmentOrigin(r, origin));
  }

  allowCleartext(origin: string): Promise<void> {
    return this.update((r) => withCleartextOrigin(r, origin));
  }

  /** Removes every stored key and every consent: after "Clear API Key" nothing is sent anywhere. */
  async clear(): Promise<number> {
    const r = await this.registry();
    for (const origin of r.keyOrigins) await this.secrets.delete(secretIdFor(origin));
    await this.secrets.delete(LEGACY_SECRET_ID);
    this.keyCache.clear();
    await this.update(() => emptyRegistry());
    return r.keyOrigins.length;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
