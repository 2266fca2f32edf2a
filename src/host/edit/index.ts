// The editor commands' one entry point: activate() calls registerEditCommands(services) and
// disposes what it returns. Registration is cheap; the controller (and the core it uses) loads on
// the first command (LazyFeature), as the chat does. Accept and Reject act on every proposed edit,
// the chat's Apply included (services.proposedEdits).
import * as vscode from 'vscode';
import type { Services } from '../services';
import { LazyFeature } from '../lazyFeature';
import { testHooksEnabled } from '../testHooks';
import { SambaNovaCodeActions, type FixArgs } from './codeActionProvider';
import type { EditController, RunOptions } from './editController';

/** What integration tests reach through `sambanova.edit.testSurface` (test hooks only). */
export interface EditTestSurface {
  controller: EditController;
  run: EditController['run'];
  generateTests: () => Promise<vscode.TextDocument | undefined>;
}

export function registerEditCommands(services: Services): vscode.Disposable {
  const controller = new LazyFeature(async () => {
    const [{ EditController }, proposedEdits] = await Promise.all([import('./editController.js'), services.proposedEdits.get()]);
    return new EditController(services, proposedEdits);
  });
  const edits = () => controller.get();
  const run = (kind: Parameters<EditController['run']>[0]) => async (options?: RunOptions) => (await edits()).run(kind, options);
  const tests = async () => {
    const [{ generateTests }, c] = await Promise.all([import('./generateTests.js'), edits()]);
    return generateTests(services, c);
  };

  const disposables: vscode.Disposable[] = [
    vscode.commands.registerCommand('sambanova.explainSelection', async () => (await import('./explain.js')).explainSelection(edits)),
    vscode.commands.registerCommand('sambanova.refactorSelection', run('refactor')),
    vscode.commands.registerCommand('sambanova.editSelection', run('edit')),
    vscode.commands.registerCommand('sambanova.addDocumentation', run('doc')),
    vscode.commands.registerCommand('sambanova.fixSelection', async (args?: FixArgs) => {
      const c = await edits();
      if (!args?.uri) return c.run('fix');
      const [a, b, x, y] = args.range;
      return c.run('fix', { uri: vscode.Uri.parse(args.uri), diagnosticRange: new vscode.Range(a, b, x, y) });
    }),
    vscode.commands.registerCommand('sambanova.generateTests', tests),
    // Nothing is pending before the proposed edits have loaded.
    vscode.commands.registerCommand('sambanova.acceptEdit', async (uri?: vscode.Uri) => services.proposedEdits.loaded?.accept(uri instanceof vscode.Uri ? uri : undefined) ?? false),
    vscode.commands.registerCommand('sambanova.rejectEdit', async (uri?: vscode.Uri) => services.proposedEdits.loaded?.reject(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }], new SambaNovaCodeActions(), SambaNovaCodeActions.metadata),
  ];
  // Labelled so the production build drops the whole block (esbuild dropLabels, see src/host/testHooks.ts).
  TEST_HOOKS: if (testHooksEnabled()) {
    disposables.push(
      vscode.commands.registerCommand('sambanova.edit.testSurface', async (): Promise<EditTestSurface> => {
        const c = await edits();
        return { controller: c, run: c.run.bind(c), generateTests: tests };
      }),
    );
  }
  return vscode.Disposable.from(...disposables, controller);
}
