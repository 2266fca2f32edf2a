// Typed view of the `sambanova.*` settings, re-read on change so edits apply without a reload.
import * as vscode from 'vscode';
import type { ClientSettings } from '../core/client/api';
import { DEFAULT_BASE_URL, DEFAULT_MODEL } from '../core/client/endpoints';
import type { Logger } from '../core/logger';
import { effectiveSetting, ignoredSettingsNote, SETTING_POLICIES, type EffectiveSetting } from '../core/settingsPolicy';
import type { ReasoningEffort, SamplingParams } from '../core/client/types';

export { DEFAULT_BASE_URL };

export interface ExtensionConfig {
  readonly baseUrl: string;
  readonly model: string;
  readonly systemPrompt: string;
  readonly params: SamplingParams;
  readonly client: ClientSettings;
  readonly statusBarEnabled: boolean;
  /** Settings whose workspace value was not used (see readSetting). */
  readonly ignoredWorkspaceSettings: readonly string[];
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function objectOrUndefined(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * One `sambanova.*` value under its policy (src/core/settingsPolicy.ts): user-only settings never
 * take a workspace value; the others take one only in a trusted workspace. The prompt settings are
 * read through this too (host/edit/promptSettings.ts); completion's are not yet (its own reader in
 * host/completion/settings.ts). `ignored` collects what was skipped.
 */
export function readSetting<T>(key: string, ignored?: string[], section = vscode.workspace.getConfiguration('sambanova')): T | undefined {
  return inspectSetting<T>(key, ignored, section).value;
}

/** readSetting with where the value came from (for settings a workspace may only restrict). */
export function inspectSetting<T>(key: string, ignored?: string[], section = vscode.workspace.getConfiguration('sambanova')): EffectiveSetting<T> {
  const effective = effectiveSetting(section.inspect<T>(key), SETTING_POLICIES[key], vscode.workspace.isTrusted);
  if (effective.ignoredWorkspaceValue) ignored?.push(key);
  return effective;
}

export function readConfig(): ExtensionConfig {
  const c = vscode.workspace.getConfiguration('sambanova');
  const ignored: string[] = [];
  const get = <T>(key: string): T | undefined => readSetting<T>(key, ignored, c);
  const effort = get<string>('reasoningEffort') ?? 'default';
  const stop = (get<unknown[]>('stop') ?? []).filter((s): s is string => typeof s === 'string' && s !== '');
  // baseUrl is user-only: a cloned repository cannot send the stored key to another host.
  const baseUrl = get<string>('baseUrl')?.trim() || DEFAULT_BASE_URL;
  return {
    baseUrl,
    model: get<string>('model')?.trim() || DEFAULT_MODEL,
    systemPrompt: get<string>('systemPrompt') ?? '',
    params: {
      temperature: numberOrUndefined(get('temperature')),
      topP: numberOrUndefined(get('topP')),
      topK: numberOrUndefined(get('topK')),
      maxTokens: numberOrUndefined(get('maxTokens')),
      seed: numberOrUndefined(get('seed')),
      stop: stop.length ? stop : undefined,
      reasoningEffort: effort === 'default' ? undefined : (effort as ReasoningEffort),
      chatTemplateKwargs: objectOrUndefined(get('chatTemplateKwargs')),
      extraBody: objectOrUndefined(get('extraBody')),
    },
    client: {
      baseUrl,
      connectTimeoutMs: (numberOrUndefined(get('connectTimeoutSeconds')) ?? 30) * 1000,
      stallTimeoutMs: (numberOrUndefined(get('stallTimeoutSeconds')) ?? 60) * 1000,
      maxRetries: numberOrUndefined(get('maxRetries')) ?? 2,
    },
    statusBarEnabled: get<boolean>('statusBar.enabled') ?? true,
    ignoredWorkspaceSettings: ignored,
  };
}

/**
 * Settings read once and again only when they change (some are read on every keystroke), with
 * the workspace values the policy table ignored said once per change in the log. Config and
 * completion's settings are both one of these.
 */
export class SettingsWatcher<T extends { ignoredWorkspaceSettings: readonly string[] }> implements vscode.Disposable {
  /** Read on first use: activation itself needs no setting, and the first read costs milliseconds. */
  private current: T | undefined;
  private readonly changed = new vscode.EventEmitter<T>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private lastNote: string | undefined;

  constructor(
    private readonly readAll: () => T,
    affects: (e: vscode.ConfigurationChangeEvent) => boolean,
    private readonly log?: Logger,
  ) {
    const reread = () => {
      this.current = this.read();
      this.changed.fire(this.current);
    };
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e)) reread();
      }),
      // Trusting the workspace lets its values of the trusted-workspace settings count.
      vscode.workspace.onDidGrantWorkspaceTrust(reread),
    ];
  }

  get(): T {
    return (this.current ??= this.read());
  }

  /** Reads again now (after our own write, whose change event may come later than the next read). */
  protected refresh(): void {
    this.current = this.read();
  }

  private read(): T {
    const config = this.readAll();
    // Said once per change, not on every read.
    const note = ignoredSettingsNote(config.ignoredWorkspaceSettings, vscode.workspace.isTrusted);
    if (note && note !== this.lastNote) this.log?.warn(note);
    this.lastNote = note;
    return config;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

/** Holds the current settings and says when they change. */
export class Config extends SettingsWatcher<ExtensionConfig> {
  constructor(log?: Logger) {
    super(readConfig, (e) => e.affectsConfiguration('sambanova'), log);
  }

  /** Remembers the user's model choice in their own (global) settings. */
  async setModel(model: string): Promise<void> {
    await vscode.workspace.getConfiguration('sambanova').update('model', model, vscode.ConfigurationTarget.Global);
  }
}
