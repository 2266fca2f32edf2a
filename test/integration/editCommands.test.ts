// The editor commands inside a real VS Code, against the stand-in server's `rewrite` answer (a
// known rewrite of the code sent, see test/fake-sambanova/rewrite.ts): Refactor replaces exactly
// its range and one undo restores it, Reject leaves the file, edits made while a proposal is
// pending are handled, the quick fix is offered on a diagnostic, Generate Tests opens an unsaved
// file where the project's tests live.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ActivityEvent } from '../../src/core/client/types';
import type { EditTestSurface } from '../../src/host/edit';
import type { TestHooks } from '../../src/host/testHooks';
import { activateExtension, eventually, setGlobalSetting, testEnv } from './support/extension';
import { TEST_KEY } from './support/testKey';
import { CALC } from '../fixtures/edit/calc';


/** CALC with add() replaced by the fake's rewrite, re-indented for the class body. */
const CALC_ADD_REWRITTEN = CALC.replace(
  '    add(a, b) {\n        var sum = a + b;\n        return sum;\n    }',
  '    // rewritten\n    add(a, b) {\n        let sum = a + b;\n        return sum;\n    }',
);

async function surface(): Promise<EditTestSurface> {
  const s = await vscode.commands.executeCommand<EditTestSurface | undefined>('sambanova.edit.testSurface');
  assert.ok(s, 'no edit test surface: is SAMBANOVA_TEST_HOOKS=1 set?');
  return s;
}

let hooks: TestHooks;
let counter = 0;

async function useScenario(spec: string): Promise<void> {
  await setGlobalSetting(hooks, 'baseUrl', `${testEnv('SAMBANOVA_TEST_FAKE_URL')}/scenario/${spec}/v1`);
}

/** A fresh file in the test workspace, open in an editor. */
async function openFile(name: string, text: string): Promise<vscode.TextEditor> {
  const file = path.join(testEnv('SAMBANOVA_TEST_WORKSPACE'), 'edit', `${counter++}-${name}`);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Types into a document the way the user would while the diff preview covers its editor. */
async function userEdit(doc: vscode.TextDocument, range: vscode.Range, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, range, text);
  assert.equal(await vscode.workspace.applyEdit(edit), true);
}

/** Closes every editor without saving (dirty files would ask). */
async function closeAllWithoutSaving(): Promise<void> {
  for (let i = 0; i < 30 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

function selectLines(editor: vscode.TextEditor, first: number, last: number): void {
  editor.selection = new vscode.Selection(first, 0, last, editor.document.lineAt(last).text.length);
}

function requestsDuring(): { starts: () => number; cancelled: () => number; dispose(): void } {
  const events: ActivityEvent[] = [];
  const sub = hooks.services.client.onDidActivity((e) => events.push(e));
  return {
    starts: () => events.filter((e) => e.kind === 'start').length,
    cancelled: () => events.filter((e) => e.kind === 'cancelled').length,
    dispose: () => sub.dispose(),
  };
}

function diffTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff);
}

describe('editor commands (edit)', function () {
  this.timeout(30_000);

  before(async () => {
    ({ hooks } = await activateExtension());
    await useScenario('rewrite,ttft=0,tps=0');
    await hooks.services.keys.set(TEST_KEY);
    await setGlobalSetting(hooks, 'model', 'Meta-Llama-3.3-70B-Instruct');
  });

  afterEach(async () => {
    const s = await surface();
    for (const p of s.controller.pendingEdits) await s.controller.reject(p);
    await closeAllWithoutSaving();
  });

  it('Refactor previews the change, Accept replaces exactly the selection, one undo restores it', async () => {
    const s = await surface();
    const editor = await openFile('calc.js', CALC);
    const doc = editor.document;
    selectLines(editor, 3, 6);
    const edit = await s.run('refactor', { instruction: 'use let' });
    assert.ok(edit, 'no pending edit');
    assert.equal(edit.state, 'ready');
    await eventually(() => diffTabs().length === 1, 'the diff preview');
    const preview = await vscode.workspace.openTextDocument(edit.previewUri);
    await eventually(() => preview.getText() === CALC_ADD_REWRITTEN, 'the preview to show the final text');
    assert.ok((s.controller.previews.updates.get(edit.previewUri.toString()) ?? 0) >= 1, 'the preview was never refreshed');
    assert.equal(doc.getText(), CALC, 'the file changed before Accept');

    assert.equal(await vscode.commands.executeCommand('sambanova.acceptEdit'), true);
    assert.equal(doc.getText(), CALC_ADD_REWRITTEN);
    assert.equal(s.controller.pendingEdits.length, 0);
    await eventually(() => diffTabs().length === 0, 'the diff preview to close');
    await doc.save();
    assert.equal(await fs.readFile(doc.uri.fsPath, 'utf8'), CALC_ADD_REWRITTEN, 'the file on disk');

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), CALC, 'one undo did not restore the original');
  });

  it('Reject leaves the file untouched and closes the preview', async () => {
    const s = await surface();
    const editor = await openFile('calc.js', CALC);
    selectLines(editor, 8, 10);
    const edit = await s.run('refactor', { instruction: '' });
    assert.ok(edit);
    await vscode.commands.executeCommand('sambanova.rejectEdit', edit.previewUri);
    assert.equal(editor.document.getText(), CALC);
    assert.equal(editor.document.isDirty, false);
    assert.equal(s.controller.pendingEdits.length, 0);
    await eventually(() => diffTabs().length === 0, 'the diff preview to close');
  });

  it('an empty selection works on the enclosing function from the symbol provider, and says so', async () => {
    const s = await surface();
    // A symbol provider of our own for this file, so the test does not wait for a language server.
    const provider = vscode.languages.registerDocumentSymbolProvider({ pattern: '**/*-symbols.js' }, {
      provideDocumentSymbols: (d) => {
        const method = (name: string, from: number, to: number) =>
          new vscode.DocumentSymbol(name, '', vscode.SymbolKind.Method, new vscode.Range(from, 4, to, 5), new vscode.Range(from, 4, from, 7));
        const cls = new vscode.DocumentSymbol('Calc', '', vscode.SymbolKind.Class, new vscode.Range(2, 0, 11, 1), new vscode.Range(2, 6, 2, 10));
        cls.children = [method('add', 3, 6), method('sub', 8, 10)];
        return d.getText().includes('class Calc') ? [cls] : [];
      },
    });
    try {
      const editor = await openFile('calc-symbols.js', CALC);
      editor.selection = new vscode.Selection(5, 10, 5, 10);
      const edit = await s.run('refactor', { instruction: 'x' });
      assert.ok(edit);
      assert.match(edit.description, /method add \(lines 4-7\)/);
      assert.deepEqual([editor.selection.start.line, editor.selection.end.line], [3, 6], 'the range is not shown as selected');
      assert.equal(await s.controller.accept(edit), true);
      assert.equal(editor.document.getText(), CALC_ADD_REWRITTEN);
    } finally {
      provider.dispose();
    }
  });

  it('an edit above the range while pending: applied onto the new text, the user edit kept', async () => {
    const s = await surface();
    const editor = await openFile('calc.js', CALC);
    selectLines(editor, 3, 6);
    const edit = await s.run('refactor', { instruction: 'x' });
    assert.ok(edit);
    const doc = editor.document;
    await userEdit(doc, new vscode.Range(0, 0, 0, 0), '// user comment\n');
    await userEdit(doc, new vscode.Range(14, 0, 14, 0), '// below\n');
    assert.equal(await s.controller.accept(edit), true);
    assert.equal(editor.document.getText(), `// user comment\n${CALC_ADD_REWRITTEN}`.replace('module.exports', '// below\nmodule.exports'));
  });

  it('an edit inside the range while pending: refused, file left as the user made it, proposal kept', async () => {
    const s = await surface();
    const editor = await openFile('calc.js', CALC);
    selectLines(editor, 3, 6);
    const edit = await s.run('refactor', { instruction: 'x' });
    assert.ok(edit);
    await userEdit(editor.document, new vscode.Range(5, 15, 5, 18), 'total');
    const userText = editor.document.getText();
    assert.equal(await s.controller.accept(edit), false);
    assert.equal(editor.document.getText(), userText);
    assert.equal(edit.state, 'stale');
    assert.equal(s.controller.pendingEdits.includes(edit), true, 'the proposal was dropped');
    assert.match(edit.replacement ?? '', /let sum = a \+ b;/);
  });

  it('pending edits in two files keep their own ranges', async () => {
    const s = await surface();
    const first = await openFile('one.js', CALC);
    selectLines(first, 3, 6);
    const a = await s.run('refactor', { instruction: 'x' });
    const second = await openFile('two.js', CALC);
    selectLines(second, 8, 10);
    const b = await s.run('fix');
    assert.ok(a && b);
    assert.equal(s.controller.pendingEdits.length, 2);
    await userEdit(second.document, new vscode.Range(0, 0, 0, 0), '\n\n');
    assert.equal(await s.controller.accept(b), true);
    assert.equal(await s.controller.accept(a), true);
    assert.equal(first.document.getText(), CALC_ADD_REWRITTEN);
    assert.equal(second.document.getText(), `\n\n${CALC.replace('    sub(a, b) {\n        return a - b;\n    }', '    // rewritten\n    sub(a, b) {\n        return a - b;\n    }')}`);
  });

  it('offers "Fix with SambaNova" on a diagnostic and fixes its enclosing function', async () => {
    const s = await surface();
    const provider = vscode.languages.registerDocumentSymbolProvider({ pattern: '**/*-diag.js' }, {
      provideDocumentSymbols: () => [
        new vscode.DocumentSymbol('sub', '', vscode.SymbolKind.Method, new vscode.Range(8, 4, 10, 5), new vscode.Range(8, 4, 8, 7)),
      ],
    });
    const diagnostics = vscode.languages.createDiagnosticCollection('edit-test');
    try {
      const editor = await openFile('calc-diag.js', CALC);
      const uri = editor.document.uri;
      diagnostics.set(uri, [new vscode.Diagnostic(new vscode.Range(9, 15, 9, 20), "'a - b' may be negative", vscode.DiagnosticSeverity.Error)]);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(9, 16, 9, 16));
      const fix = actions.find((a) => a.title === 'Fix with SambaNova');
      assert.ok(fix?.command, `no quick fix among: ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
      const edit = (await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []))) as Awaited<ReturnType<EditTestSurface['run']>>;
      assert.ok(edit, 'the quick fix made no pending edit');
      assert.equal(edit.origin.name, 'Fix');
      assert.match(edit.description, /method sub \(lines 9-11\)/);
      assert.equal(await s.controller.accept(edit), true);
      assert.match(editor.document.getText(), /\/\/ rewritten\n {4}sub\(a, b\) \{\n {8}return a - b;\n {4}\}/);
    } finally {
      diagnostics.dispose();
      provider.dispose();
    }
  });

  it('the selection offers the commands as refactorings', async () => {
    const editor = await openFile('calc.js', CALC);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      new vscode.Range(3, 0, 6, 5),
      vscode.CodeActionKind.Refactor.value,
    );
    const titles = actions.map((a) => a.title);
    for (const t of ['SambaNova: Refactor Selection', 'SambaNova: Edit Selection...', 'SambaNova: Add Documentation', 'SambaNova: Generate Tests', 'SambaNova: Explain Selection']) {
      assert.ok(titles.includes(t), `missing ${t} in ${titles.join(', ')}`);
    }
  });

  it('Escape in the instruction box sends nothing', async () => {
    const editor = await openFile('calc.js', CALC);
    selectLines(editor, 3, 6);
    const requests = requestsDuring();
    try {
      const running = vscode.commands.executeCommand('sambanova.refactorSelection');
      await new Promise((r) => setTimeout(r, 500));
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.equal(await running, undefined);
      assert.equal(requests.starts(), 0);
      assert.equal((await surface()).controller.pendingEdits.length, 0);
    } finally {
      requests.dispose();
    }
  });

  it('Reject while streaming aborts the request and leaves the file', async () => {
    await useScenario('rewrite,ttft=0,tps=20');
    const s = await surface();
    const requests = requestsDuring();
    try {
      const editor = await openFile('calc.js', CALC);
      selectLines(editor, 3, 6);
      const running = s.run('refactor', { instruction: 'x' });
      await eventually(() => (s.controller.pendingEdits[0]?.currentReplacement() ?? '') !== '', 'code to start streaming', 10_000);
      const preview = await vscode.workspace.openTextDocument(s.controller.pendingEdits[0]!.previewUri);
      await eventually(() => preview.getText().includes('// rewritten'), 'the preview to show streamed code', 10_000);
      await vscode.commands.executeCommand('sambanova.rejectEdit');
      assert.equal(await running, undefined);
      await eventually(() => requests.cancelled() === 1, 'the request to be cancelled');
      assert.equal(editor.document.getText(), CALC);
    } finally {
      requests.dispose();
      await useScenario('rewrite,ttft=0,tps=0');
    }
  });

  it('refuses a selection too large for the model before sending anything', async () => {
    const s = await surface();
    const big = `${'const x = 1; // padding padding padding\n'.repeat(16_000)}`;
    const editor = await openFile('big.js', big);
    editor.selection = new vscode.Selection(0, 0, 15_999, 10);
    const requests = requestsDuring();
    try {
      // The model list is fetched to learn the context length; no chat request goes out.
      assert.equal(await s.run('refactor', { instruction: 'x' }), undefined);
      assert.equal(requests.starts(), 0);
    } finally {
      requests.dispose();
    }
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('edits untitled documents too', async () => {
    const s = await surface();
    const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: CALC });
    const editor = await vscode.window.showTextDocument(doc);
    selectLines(editor, 3, 6);
    const edit = await s.run('doc');
    assert.ok(edit);
    assert.equal(await s.controller.accept(edit), true);
    assert.equal(doc.getText(), CALC_ADD_REWRITTEN);
  });

  it('Generate Tests opens an unsaved file where the project keeps its tests', async () => {
    const s = await surface();
    const root = testEnv('SAMBANOVA_TEST_WORKSPACE');
    await fs.mkdir(path.join(root, 'lib'), { recursive: true });
    await fs.mkdir(path.join(root, 'spec', 'lib'), { recursive: true });
    await fs.writeFile(path.join(root, 'lib', 'calc.js'), CALC);
    await fs.writeFile(path.join(root, 'spec', 'lib', 'other.spec.js'), "describe('other', () => {});\n");
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root, 'lib', 'calc.js')));
    await vscode.window.showTextDocument(doc);
    const tests = await s.generateTests();
    assert.ok(tests);
    assert.equal(tests.isUntitled, true);
    assert.equal(tests.uri.path, vscode.Uri.file(path.join(root, 'spec', 'lib', 'calc.spec.js')).path);
    assert.ok(tests.getText().startsWith('// rewritten\n'), tests.getText().slice(0, 200));
    assert.equal(tests.getText().includes('```'), false, 'a fence was kept');
    await assert.rejects(fs.stat(path.join(root, 'spec', 'lib', 'calc.spec.js')), 'the tests were saved without the user');
  });
});
