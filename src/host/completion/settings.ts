// The `sambanova.completion.*` settings, read once and again only when they change (the
// provider runs on every keystroke). Read through readSetting, under the policy table of
// src/core/settingsPolicy.ts: a workspace may turn completion off or leave languages out, never
// turn on what the user turned off; the model counts from a trusted workspace only; templates
// only from the user.
import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { ignoredSettingsNote, type SettingOrigin } from '../../core/settingsPolicy';
import { inspectSetting, readSetting } from '../config';

export const DEFAULT_DISABLED_LANGUAGES = ['plaintext', 'markdown', 'scminput'];

export interface CompletionConfig {
  enabled: boolean;
  /** Which settings level decided `enabled` ('workspace': the workspace's settings turned it off). */
  enabledOrigin: SettingOrigin;
  model: string;
  disabledLanguages: string[];
  templates: Record<string, string>;
  /** Completion settings whose workspace value was not (or not wholly) used. */
  ignoredWorkspaceSettings: string[];
}

export function readCompletionConfig(): CompletionConfig {
  const section = vscode.workspace.getConfiguration('sambanova');
  const ignored: string[] = [];
  const enabled = inspectSetting<unknown>('completion.enabled', ignored, section);
  const languages = readSetting<unknown>('completion.disabledLanguages', ignored, section);
  const templates = readSetting<unknown>('completion.templates', ignored, section);
  const model = readSetting<unknown>('completion.model', ignored, section);
  return {
    enabled: enabled.value !== false,
    enabledOrigin: enabled.origin ?? 'default',
    model: typeof model === 'string' ? model.trim() : '',
    disabledLanguages: Array.isArray(languages) ? languages.filter((l): l is string => typeof l === 'string') : DEFAULT_DISABLED_LANGUAGES,
    templates:
      templates && typeof templates === 'object' && !Array.isArray(templates)
        ? Object.fromEntries(Object.entries(templates).filter((e): e is [string, string] => typeof e[1] === 'string'))
        : {},
    ignoredWorkspaceSettings: ignored,
  };
}

/** Words for where the on/off state comes from, for Toggle's message and the status bar. */
export function enabledOriginWords(origin: SettingOrigin): string {
  switch (origin) {
    case 'workspace':
      return "this workspace's settings";
    case 'workspaceFolder':
      return "this folder's settings";
    case 'user':
      return 'your user settings';
    default:
      return 'the default';
  }
}

export class CompletionSettingsWatcher implements vscode.Disposable {
  private current: CompletionConfig | undefined;
  private lastNote: string | undefined;
  private readonly changed = new vscode.EventEmitter<CompletionConfig>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly log?: Logger) {
    const reread = () => {
      this.current = this.read();
      this.changed.fire(this.current);
    };
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('sambanova.completion') || e.affectsConfiguration('sambanova.model')) reread();
      }),
      // Trusting the workspace lets its completion.model count.
      vscode.workspace.onDidGrantWorkspaceTrust(reread),
    ];
  }

  get(): CompletionConfig {
    return (this.current ??= this.read());
  }

  private read(): CompletionConfig {
    const config = readCompletionConfig();
    const note = ignoredSettingsNote(config.ignoredWorkspaceSettings, vscode.workspace.isTrusted);
    if (note && note !== this.lastNote) this.log?.warn(note);
    this.lastNote = note;
    return config;
  }

  /** Toggle writes the user's own settings (not a workspace's). */
  async setEnabled(enabled: boolean): Promise<void> {
    await vscode.workspace.getConfiguration('sambanova.completion').update('enabled', enabled, vscode.ConfigurationTarget.Global);
    // The change event may come later than the caller reads again.
    this.current = this.read();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
