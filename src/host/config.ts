// Typed view of the `sambanova.*` settings, re-read on change so edits apply without a reload.
import * as vscode from 'vscode';
import type { ClientSettings } from '../core/api';
import type { ReasoningEffort, SamplingParams } from '../core/types';

export const DEFAULT_BASE_URL = 'https://api.sambanova.ai/v1';

export interface ExtensionConfig {
  readonly baseUrl: string;
  readonly model: string;
  readonly systemPrompt: string;
  readonly params: SamplingParams;
  readonly client: ClientSettings;
  readonly statusBarEnabled: boolean;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function objectOrUndefined(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0
    ? (value as Record<string, unknown>)
    : undefined;
}

export function readConfig(): ExtensionConfig {
  const c = vscode.workspace.getConfiguration('sambanova');
  const effort = c.get<string>('reasoningEffort', 'default');
  const stop = (c.get<unknown[]>('stop') ?? []).filter((s): s is string => typeof s === 'string' && s !== '');
  // baseUrl is application-scoped: only the user's own settings count, never a workspace's,
  // so a cloned repository cannot send the stored key to another host.
  const baseUrl = c.inspect<string>('baseUrl')?.globalValue?.trim() || DEFAULT_BASE_URL;
  return {
    baseUrl,
    model: c.get<string>('model', '').trim() || 'Meta-Llama-3.3-70B-Instruct',
    systemPrompt: c.get<string>('systemPrompt', ''),
    params: {
      temperature: numberOrUndefined(c.get('temperature')),
      topP: numberOrUndefined(c.get('topP')),
      topK: numberOrUndefined(c.get('topK')),
      maxTokens: numberOrUndefined(c.get('maxTokens')),
      seed: numberOrUndefined(c.get('seed')),
      stop: stop.length ? stop : undefined,
      reasoningEffort: effort === 'default' ? undefined : (effort as ReasoningEffort),
      chatTemplateKwargs: objectOrUndefined(c.get('chatTemplateKwargs')),
      extraBody: objectOrUndefined(c.inspect('extraBody')?.globalValue),
    },
    client: {
      baseUrl,
      connectTimeoutMs: (numberOrUndefined(c.get('connectTimeoutSeconds')) ?? 30) * 1000,
      stallTimeoutMs: (numberOrUndefined(c.get('stallTimeoutSeconds')) ?? 60) * 1000,
      maxRetries: numberOrUndefined(c.get('maxRetries')) ?? 2,
    },
    statusBarEnabled: c.get<boolean>('statusBar.enabled', true),
  };
}

/** Holds the current settings and says when they change. */
export class Config implements vscode.Disposable {
  /** Read on first use: activation itself needs no setting, and the first read costs milliseconds. */
  private current: ExtensionConfig | undefined;
  private readonly changed = new vscode.EventEmitter<ExtensionConfig>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('sambanova')) return;
      this.current = readConfig();
      this.changed.fire(this.current);
    });
  }

  get(): ExtensionConfig {
    return (this.current ??= readConfig());
  }

  /** Remembers the user's model choice in their own (global) settings. */
  async setModel(model: string): Promise<void> {
    await vscode.workspace.getConfiguration('sambanova').update('model', model, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
