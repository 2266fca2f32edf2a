// The `sambanova.completion.*` settings, read once and again only when they change (the
// provider runs on every keystroke).
import * as vscode from 'vscode';

export const DEFAULT_DISABLED_LANGUAGES = ['plaintext', 'markdown', 'scminput'];

export interface CompletionConfig {
  enabled: boolean;
  model: string;
  disabledLanguages: string[];
  templates: Record<string, string>;
}

export function readCompletionConfig(): CompletionConfig {
  const c = vscode.workspace.getConfiguration('sambanova.completion');
  const languages = c.get<unknown>('disabledLanguages', DEFAULT_DISABLED_LANGUAGES);
  const templates = c.get<unknown>('templates', {});
  return {
    enabled: c.get<boolean>('enabled', true) !== false,
    model: (c.get<string>('model', '') ?? '').trim(),
    disabledLanguages: Array.isArray(languages) ? languages.filter((l): l is string => typeof l === 'string') : DEFAULT_DISABLED_LANGUAGES,
    templates:
      templates && typeof templates === 'object' && !Array.isArray(templates)
        ? Object.fromEntries(Object.entries(templates).filter((e): e is [string, string] => typeof e[1] === 'string'))
        : {},
  };
}

export class CompletionSettingsWatcher implements vscode.Disposable {
  private current: CompletionConfig | undefined;
  private readonly changed = new vscode.EventEmitter<CompletionConfig>();
  readonly onDidChange = this.changed.event;
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('sambanova.completion') && !e.affectsConfiguration('sambanova.model')) return;
    this.current = readCompletionConfig();
    this.changed.fire(this.current);
  });

  get(): CompletionConfig {
    return (this.current ??= readCompletionConfig());
  }

  /** Toggle writes the user's own settings (not a workspace's). */
  async setEnabled(enabled: boolean): Promise<void> {
    await vscode.workspace.getConfiguration('sambanova.completion').update('enabled', enabled, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
