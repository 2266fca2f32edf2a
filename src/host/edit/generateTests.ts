// Generate Tests: writes tests for the selection (or the whole file) into a new, unsaved file
// named and placed the way the project's visible tests are, and opens it for review. The answer
// streams into that editor; at the end only the code is kept. Nothing is saved: the user does.
import * as vscode from 'vscode';
import { extractCode } from '../../core/edit/answer';
import { checkContextSize } from '../../core/edit/contextCheck';
import { buildEditMessages } from '../../core/edit/prompts';
import { planTests, type TestPlan } from '../../core/edit/testConventions';
import { isAbortError } from '../../core/client/errors';
import { showError } from '../errorUi';
import type { Services } from '../services';
import { refuseTooLarge, type EditController } from './editController';
import { displayName } from './editorContext';
import { EDIT_PREVIEW_SCHEME } from './previewDocuments';
import { readPromptOverrides } from './promptSettings';

const TEST_GLOB = '**/{*.test.*,*.spec.*,test_*.py,*_test.py,*_test.go,*Test.java,*Tests.cs}';
const EXAMPLE_CHARS = 2_500;

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The plan and where the untitled file goes (a free name when the planned file already exists). */
export async function planFor(doc: vscode.TextDocument): Promise<{ plan: TestPlan; target: vscode.Uri; example?: { path: string; text: string } }> {
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri) ?? vscode.workspace.workspaceFolders?.[0];
  const sourcePath = folder && !doc.isUntitled ? vscode.workspace.asRelativePath(doc.uri, false) : doc.uri.path.split('/').pop() || 'code';
  const testFiles = folder
    ? (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, TEST_GLOB), '**/{node_modules,.git,dist,out,build,.venv}/**', 300)).map((u) =>
        vscode.workspace.asRelativePath(u, false),
      )
    : [];
  const packageJson = folder ? await readText(vscode.Uri.joinPath(folder.uri, 'package.json')) : undefined;
  const plan = planTests({ sourcePath, testFiles, packageJson });
  const base = folder?.uri ?? vscode.Uri.file(doc.uri.path.split('/').slice(0, -1).join('/') || '/');
  let file = vscode.Uri.joinPath(base, plan.testFilePath);
  for (let n = 2; (await exists(file)) && n < 100; n++) {
    // x.test.ts exists: propose x.generated.test.ts (then .generated2...), never overwrite.
    file = vscode.Uri.joinPath(base, plan.testFilePath.replace(/(\.(test|spec))?(\.[^./]+)$/, (_m, t = '', _t2, ext) => `.generated${n > 2 ? n - 1 : ''}${t}${ext}`));
  }
  plan.testFilePath = vscode.workspace.asRelativePath(file, false);
  const exampleText = folder && plan.examplePath ? await readText(vscode.Uri.joinPath(folder.uri, plan.examplePath)) : undefined;
  const example = exampleText && plan.examplePath ? { path: plan.examplePath, text: exampleText.slice(0, EXAMPLE_CHARS) } : undefined;
  return { plan, target: file.with({ scheme: 'untitled' }), example };
}

export async function generateTests(services: Services, controller: EditController): Promise<vscode.TextDocument | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme === EDIT_PREVIEW_SCHEME) {
    void vscode.window.showInformationMessage('Open the file to test (and select the code, or nothing for the whole file) first.');
    return undefined;
  }
  const doc = editor.document;
  const code = editor.selection.isEmpty ? doc.getText() : doc.getText(editor.selection);
  if (code.trim() === '') {
    void vscode.window.showInformationMessage('There is no code to test here.');
    return undefined;
  }
  const { plan, target, example } = await planFor(doc);
  const messages = buildEditMessages(
    'tests',
    { languageId: doc.languageId, fileName: displayName(doc), code, testConventions: { ...plan, example } },
    readPromptOverrides(),
  );
  const cfg = services.config.get();
  const fits = checkContextSize({ messages, code, model: cfg.model, contextLength: await controller.contextLengthOf(cfg.model), maxTokens: cfg.params.maxTokens, expectsRewrite: true });
  if (!fits.ok) {
    refuseTooLarge(fits.message);
    return undefined;
  }

  const testDoc = await vscode.workspace.openTextDocument(target);
  if (testDoc.languageId !== doc.languageId) await Promise.resolve(vscode.languages.setTextDocumentLanguage(testDoc, doc.languageId)).catch(() => undefined);
  const testEditor = await vscode.window.showTextDocument(testDoc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  // Appends streamed text one edit at a time (edits are async); text arriving meanwhile waits.
  let queued = '';
  let writing: Promise<unknown> = Promise.resolve();
  const flush = () => {
    writing = writing.then(async () => {
      if (!queued || testDoc.isClosed) return;
      const text = queued;
      queued = '';
      const end = testDoc.positionAt(testDoc.getText().length);
      await testEditor.edit((b) => b.insert(end, text), { undoStopBefore: false, undoStopAfter: false });
    });
  };
  const abort = new AbortController();
  let answer = '';
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `SambaNova: Writing tests for ${displayName(doc)} into ${plan.testFilePath}`, cancellable: true },
      async (_p, token) => {
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          const result = await services.client.streamChat(
            { model: cfg.model, messages, params: cfg.params, source: 'command' },
            {
              signal: abort.signal,
              onEvent: (e) => {
                if (e.type !== 'text') return;
                queued += e.text;
                flush();
              },
            },
          );
          answer = result.text;
        } finally {
          sub.dispose();
        }
      },
    );
  } catch (error) {
    await writing;
    if (!isAbortError(error)) {
      void showError(error, 'SambaNova Generate Tests').then((retry) => retry && vscode.commands.executeCommand('sambanova.generateTests'));
    }
    return testDoc;
  }
  await writing;
  if (testDoc.isClosed) return undefined;
  // Keep only the code: prose and fences go.
  const { code: tests } = extractCode(answer);
  const whole = new vscode.Range(testDoc.positionAt(0), testDoc.positionAt(testDoc.getText().length));
  await testEditor.edit((b) => b.replace(whole, tests.endsWith('\n') ? tests : `${tests}\n`));
  void vscode.window.showInformationMessage(`Tests for ${displayName(doc)} are in ${plan.testFilePath}, not saved yet. Review them, then save.`);
  return testDoc;
}
