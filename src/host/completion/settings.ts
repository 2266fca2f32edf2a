// The `sambanova.completion.*` settings, read once and again only when they change (the
// provider runs on every keystroke). Read through readSetting, under the policy table of
// src/core/settingsPolicy.ts: a workspace may turn completion off or leave languages out, never
// turn on what the user turned off; the model counts from a trusted workspace only; templates
// only from the user.
import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { SettingOrigin } from '../../core/settingsPolicy';
import { inspectSetting, readSetting, SettingsWatcher } from '../config';

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

export class CompletionSettingsWatcher extends SettingsWatcher<CompletionConfig> {
  constructor(log?: Logger) {
    // The chat's model counts too: completion keeps a share back for the chat when they match.
    super(readCompletionConfig, (e) => e.affectsConfiguration('sambanova.completion') || e.affectsConfiguration('sambanova.model'), log);
  }

  /** Toggle writes the user's own settings (not a workspace's). */
  async setEnabled(enabled: boolean): Promise<void> {
    await vscode.workspace.getConfiguration('sambanova.completion').update('enabled', enabled, vscode.ConfigurationTarget.Global);
    // The change event may come later than the caller reads again.
    this.refresh();
  }
}
