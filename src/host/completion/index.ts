// Inline completion's one entry point: activate() calls registerCompletion() and disposes what
// it returns. Registers the provider and the three commands at activation; the engine (prompts,
// post-processing, cache) loads on the first completion request.
import * as vscode from 'vscode';
import type { CompletionEngine, CompletionOutput } from '../../core/completion/engine';
import { USER_CODE_SCHEMES } from '../../core/completion/gating';
import { describeCompletionStatus } from '../../core/completion/status';
import type { Services } from '../services';
import type { StatusBar } from '../statusBar';
import { LazyFeature } from '../lazyFeature';
import { testHooksEnabled } from '../testHooks';
import { SambaNovaInlineProvider } from './provider';
import { RecentDocuments } from './recentDocuments';
import { CompletionSettingsWatcher, enabledOriginWords } from './settings';

export const SNOOZE_DEFAULT_MINUTES = 15;

/**
 * Documents of the user's workspace and files they opened; not VS Code's own settings,
 * keybindings and snippets (vscode-userdata), output, git or chat inputs. The engine checks again
 * (the bench has no selector), with the paths of VS Code's user data folders.
 */
const SELECTOR: vscode.DocumentSelector = USER_CODE_SCHEMES.map((scheme) => ({ scheme }));

/** What integration tests reach through `sambanova.completion.testSurface` (test hooks only). */
export interface CompletionTestSurface {
  readonly results: CompletionOutput[];
  engine(): Promise<CompletionEngine>;
  statusText(): string;
}

export function registerCompletion(services: Services, statusBar: StatusBar): vscode.Disposable {
  const settings = new CompletionSettingsWatcher(services.log);
  const recent = new RecentDocuments();
  /** performance.now() value until which completion is snoozed (this session only). */
  let snoozedUntil: number | undefined;
  let engine: CompletionEngine | undefined;
  let disposed = false;
  let ticker: ReturnType<typeof setInterval> | undefined;
  const results: CompletionOutput[] = [];

  const renderStatus = (): void => {
    const now = performance.now();
    if (snoozedUntil !== undefined && snoozedUntil <= now) snoozedUntil = undefined;
    const state = engine?.state ?? { kind: 'idle' as const };
    const config = settings.get();
    statusBar.setCompletion(
      describeCompletionStatus({ enabled: config.enabled, enabledOrigin: config.enabledOrigin, snoozedUntil, state, model: engine?.model, now }),
    );
    // Count down while something is timed; stop the timer when nothing is.
    const timed = snoozedUntil !== undefined || (state.kind === 'rateLimited' && state.until > now);
    if (timed && !ticker) ticker = setInterval(renderStatus, 1000);
    if (!timed && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };

  const loader = new LazyFeature(async () => {
    const { CompletionEngine } = await import('../../core/completion/engine.js');
    const created = new CompletionEngine({
      client: services.client,
      logger: services.log,
      getSettings: () => {
        const c = settings.get();
        const chatModel = services.config.get().model;
        return { ...c, snoozedUntil, fallbackModel: chatModel, chatModel };
      },
    });
    created.onDidChangeState(renderStatus);
    return (engine = created);
  });
  const getEngine = (): Promise<CompletionEngine> => loader.get();

  const provider = new SambaNovaInlineProvider({
    engine: getEngine,
    recent,
    log: services.log,
    onResult: (output) => {
      results.push(output);
      if (results.length > 200) results.shift();
    },
  });

  const commands: Record<string, (...args: unknown[]) => unknown> = {
    'sambanova.toggleInlineCompletion': async () => {
      // Toggle flips what the user sees: off -> on writes the user's true; on -> off their false.
      const wasOn = settings.get().enabled;
      await settings.setEnabled(!wasOn);
      const now = settings.get();
      renderStatus();
      if (!wasOn && !now.enabled) {
        // The user's own setting is on now, but a workspace keeps completion off for its code.
        const where = enabledOriginWords(now.enabledOrigin);
        const open = now.enabledOrigin === 'workspaceFolder' ? 'Open Folder Settings' : 'Open Workspace Settings';
        const pick = await vscode.window.showInformationMessage(
          `SambaNova inline completion stays off: ${where} turn it off (sambanova.completion.enabled: false). Remove that setting there to turn it on.`,
          open,
        );
        if (pick) await vscode.commands.executeCommand(now.enabledOrigin === 'workspaceFolder' ? 'workbench.action.openFolderSettingsFile' : 'workbench.action.openWorkspaceSettingsFile');
        return;
      }
      vscode.window.setStatusBarMessage(`SambaNova inline completion ${now.enabled ? 'on' : 'off'}`, 3000);
    },
    'sambanova.triggerInlineCompletion': async () => {
      const config = settings.get();
      if (!config.enabled) {
        const how = config.enabledOrigin === 'user' || config.enabledOrigin === 'default' ? 'SambaNova: Toggle Inline Completion turns it on' : `in ${enabledOriginWords(config.enabledOrigin)}`;
        vscode.window.setStatusBarMessage(`SambaNova inline completion is off (${how})`, 4000);
        return;
      }
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    },
    'sambanova.snoozeInlineCompletion': async (minutesArg?: unknown) => {
      let minutes: number | undefined = typeof minutesArg === 'number' && Number.isFinite(minutesArg) ? minutesArg : undefined;
      if (minutes === undefined) {
        const options = [
          ...(snoozedUntil !== undefined ? [{ label: 'Resume now', minutes: 0 }] : []),
          { label: `${SNOOZE_DEFAULT_MINUTES} minutes`, minutes: SNOOZE_DEFAULT_MINUTES },
          { label: '5 minutes', minutes: 5 },
          { label: '30 minutes', minutes: 30 },
          { label: '1 hour', minutes: 60 },
        ];
        const pick = await vscode.window.showQuickPick(options, { placeHolder: 'Pause inline completion for this session' });
        if (!pick) return;
        minutes = pick.minutes;
      }
      snoozedUntil = minutes > 0 ? performance.now() + minutes * 60_000 : undefined;
      renderStatus();
    },
  };

  const disposables: vscode.Disposable[] = [
    settings,
    recent,
    vscode.languages.registerInlineCompletionItemProvider(SELECTOR, provider),
    settings.onDidChange(() => {
      engine?.settingsChanged();
      renderStatus();
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => engine?.forgetDocument(doc.uri.toString())),
    // A new key or base URL may fix what made completion pause after a failure.
    services.keys.onDidChange(() => engine?.settingsChanged()),
    services.config.onDidChange(() => engine?.settingsChanged()),
    ...Object.entries(commands).map(([id, run]) => vscode.commands.registerCommand(id, run)),
  ];
  // Labelled so the production build drops the whole block (esbuild dropLabels, see src/host/testHooks.ts).
  TEST_HOOKS: if (testHooksEnabled()) {
    const surface: CompletionTestSurface = { results, engine: getEngine, statusText: () => statusBar.text };
    disposables.push(vscode.commands.registerCommand('sambanova.completion.testSurface', () => surface));
  }
  // Reading the settings costs milliseconds: not inside activate().
  const firstRender = setTimeout(() => disposed || renderStatus(), 0);

  return {
    dispose: () => {
      disposed = true;
      clearTimeout(firstRender);
      if (ticker) clearInterval(ticker);
      loader.dispose();
      for (const d of disposables) d.dispose();
    },
  };
}
