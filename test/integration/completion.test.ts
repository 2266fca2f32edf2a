// Inline completion inside a real VS Code against the local SambaNova: VS Code calls our
// provider and shows its item (accepting it writes exactly the answer), typing along the shown
// suggestion costs no request, Toggle stops requests, a disabled language asks nothing, and a
// 429 shows in the status bar and in no notification.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CompletionOutput } from '../../src/core/completion/engine';
import type { CompletionTestSurface } from '../../src/host/completion';
import type { TestHooks } from '../../src/host/testHooks';
import { activateExtension, eventually, setGlobalSetting, testEnv } from './support/extension';
import { TEST_KEY } from './support/testKey';

const MODEL = 'Meta-Llama-3.3-70B-Instruct';

async function surface(): Promise<CompletionTestSurface> {
  const s = await vscode.commands.executeCommand<CompletionTestSurface | undefined>('sambanova.completion.testSurface');
  assert.ok(s, 'no completion test surface: is SAMBANOVA_TEST_HOOKS=1 set?');
  return s;
}

/** Counts completion requests the shared client starts (source 'completion'). */
function countRequests(hooks: TestHooks): { readonly count: number; dispose(): void } {
  let count = 0;
  const sub = hooks.services.client.onDidActivity((e) => {
    if (e.kind === 'start' && e.source === 'completion') count++;
  });
  return {
    get count() {
      return count;
    },
    dispose: () => sub.dispose(),
  };
}

async function useReply(hooks: TestHooks, reply: string, extra = ''): Promise<void> {
  await setGlobalSetting(hooks, 'baseUrl', `${testEnv('SAMBANOVA_TEST_FAKE_URL')}/scenario/default,reply=${encodeURIComponent(reply)}${extra}/v1`);
}

async function openAt(language: string, content: string, cursorAtEnd = true): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language, content });
  const editor = await vscode.window.showTextDocument(doc);
  if (cursorAtEnd) {
    const end = doc.positionAt(content.length);
    editor.selection = new vscode.Selection(end, end);
  }
  return editor;
}

/** Asks VS Code for ghost text (as Alt+\ does) and waits for our provider's answer. */
async function trigger(s: CompletionTestSurface): Promise<CompletionOutput> {
  const before = s.results.length;
  await vscode.commands.executeCommand('sambanova.triggerInlineCompletion');
  await eventually(() => s.results.length > before, 'the provider to answer', 10_000);
  return s.results[s.results.length - 1]!;
}

type Shown = { kind: string; text: string };

/** Records window.show*Message calls made through this extension's API object. */
function spyOnNotifications(): { calls: Shown[]; restore(): void } {
  const calls: Shown[] = [];
  const w = vscode.window as unknown as Record<string, unknown>;
  const saved = new Map<string, unknown>();
  for (const kind of ['showInformationMessage', 'showWarningMessage', 'showErrorMessage']) {
    saved.set(kind, w[kind]);
    w[kind] = (text: string) => {
      calls.push({ kind, text });
      return Promise.resolve(undefined);
    };
  }
  return {
    calls,
    restore: () => {
      for (const [kind, fn] of saved) w[kind] = fn;
    },
  };
}

describe('inline completion (real VS Code)', function () {
  this.timeout(40_000);
  let hooks: TestHooks;

  before(async () => {
    ({ hooks } = await activateExtension());
    await hooks.services.keys.set(TEST_KEY);
    await vscode.workspace.getConfiguration('sambanova.completion').update('model', MODEL, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('sambanova.completion').update('enabled', true, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setGlobalSetting(hooks, 'baseUrl', `${testEnv('SAMBANOVA_TEST_FAKE_URL')}/v1`);
  });

  it('VS Code shows the provider item and accepting it writes exactly the answer (no doubled bracket)', async () => {
    await useReply(hooks, '<COMPLETION>print(total(a, b))</COMPLETION>');
    const s = await surface();
    const requests = countRequests(hooks);
    try {
      // VS Code auto-closed the bracket after `print(`: the answer's own `)` must not double it.
      const editor = await openAt('python', 'def total(a, b):\n    return a + b\n\nprint()', false);
      const pos = new vscode.Position(3, 6);
      editor.selection = new vscode.Selection(pos, pos);
      const out = await trigger(s);
      assert.equal(out.stats.outcome, 'served', JSON.stringify(out.stats));
      assert.equal(out.stats.source, 'request');
      assert.equal(out.items[0]?.insertText, 'total(a, b)');
      assert.equal(requests.count, 1);
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      await eventually(() => editor.document.getText().endsWith('print(total(a, b))'), 'the suggestion to be accepted');
      assert.equal(editor.document.getText(), 'def total(a, b):\n    return a + b\n\nprint(total(a, b))');
    } finally {
      requests.dispose();
    }
  });

  it('typing along a shown suggestion is served with no new request', async () => {
    await useReply(hooks, '<COMPLETION>return a * b</COMPLETION>');
    const s = await surface();
    const requests = countRequests(hooks);
    try {
      const editor = await openAt('typescript', 'function product(a: number, b: number): number {\n  ');
      const first = await trigger(s);
      assert.equal(first.stats.outcome, 'served', JSON.stringify(first.stats));
      assert.equal(first.items[0]?.insertText, 'return a * b');
      assert.equal(requests.count, 1);
      // The user types "ret" (what the suggestion predicted).
      await editor.edit((b) => b.insert(editor.selection.active, 'ret'));
      const next = await trigger(s);
      assert.equal(next.stats.outcome, 'served', JSON.stringify(next.stats));
      assert.equal(next.stats.source, 'forward');
      assert.equal(next.stats.requestMade, false);
      assert.equal(next.items[0]?.insertText, 'urn a * b');
      assert.equal(requests.count, 1, 'typing along the suggestion made a request');
    } finally {
      requests.dispose();
    }
  });

  it('Toggle Inline Completion turns it off in the user settings and stops all requests', async () => {
    await useReply(hooks, '<COMPLETION>x = 1</COMPLETION>');
    const s = await surface();
    const requests = countRequests(hooks);
    try {
      await vscode.commands.executeCommand('sambanova.toggleInlineCompletion');
      await eventually(
        () => vscode.workspace.getConfiguration('sambanova.completion').inspect<boolean>('enabled')?.globalValue === false,
        'the setting to be off',
      );
      await openAt('python', 'def f():\n    ');
      // Our command refuses quietly; VS Code's own trigger still calls the provider, which gates.
      const before = s.results.length;
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await eventually(() => s.results.length > before, 'the provider to be asked');
      const out = s.results[s.results.length - 1]!;
      assert.equal(out.stats.outcome, 'gated', JSON.stringify(out.stats));
      assert.equal(out.stats.gateReason, 'disabled');
      assert.equal(requests.count, 0);
    } finally {
      requests.dispose();
      await vscode.commands.executeCommand('sambanova.toggleInlineCompletion');
      await eventually(
        () => vscode.workspace.getConfiguration('sambanova.completion').inspect<boolean>('enabled')?.globalValue === true,
        'the setting to be on again',
      );
    }
  });

  it('asks nothing in a disabled language (plaintext by default)', async () => {
    await useReply(hooks, '<COMPLETION>more words</COMPLETION>');
    const s = await surface();
    const requests = countRequests(hooks);
    try {
      await openAt('plaintext', 'Some notes\n');
      const out = await trigger(s);
      assert.equal(out.stats.outcome, 'gated', JSON.stringify(out.stats));
      assert.equal(out.stats.gateReason, 'disabledLanguage');
      assert.equal(requests.count, 0);
    } finally {
      requests.dispose();
    }
  });

  it('Snooze pauses automatic requests for the session and says so in the status bar', async () => {
    const s = await surface();
    try {
      await vscode.commands.executeCommand('sambanova.snoozeInlineCompletion', 15);
      await eventually(() => s.statusText().includes('completion snoozed 15 min'), `the status bar to say so (it says "${s.statusText()}")`);
      const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'value = ' });
      const editor = await vscode.window.showTextDocument(doc);
      const end = doc.positionAt(doc.getText().length);
      editor.selection = new vscode.Selection(end, end);
      // Typing is an automatic trigger: gated while snoozed.
      const before = s.results.length;
      await vscode.commands.executeCommand('type', { text: 'f' });
      await eventually(() => s.results.length > before, 'the provider to be asked while typing');
      const typed = s.results[s.results.length - 1]!;
      assert.equal(typed.stats.gateReason, 'snoozed', JSON.stringify(typed.stats));
    } finally {
      await vscode.commands.executeCommand('sambanova.snoozeInlineCompletion', 0);
    }
    await eventually(() => !s.statusText().includes('snoozed'), 'the snooze to end');
  });

  it('a 429 shows in the status bar in words and pops no notification', async () => {
    const spy = spyOnNotifications();
    try {
      // The spy must see this extension's calls, or the check below would prove nothing.
      await vscode.commands.executeCommand('sambanova.showEndpoint');
      assert.ok(spy.calls.length >= 1, 'the notification spy does not see the extension');
      spy.calls.length = 0;

      await setGlobalSetting(hooks, 'baseUrl', `${testEnv('SAMBANOVA_TEST_FAKE_URL')}/scenario/rate-limit,retryAfter=30/v1`);
      const s = await surface();
      await openAt('python', 'def rate_limited():\n    ');
      const out = await trigger(s);
      assert.notEqual(out.stats.outcome, 'served');
      await eventually(() => /rate limited, retry in \d+ s/.test(s.statusText()), `the status bar to say so (it says "${s.statusText()}")`);
      // Asking again while the wait lasts sends nothing and still says nothing.
      const requests = countRequests(hooks);
      try {
        await openAt('python', 'x = ');
        const again = await trigger(s);
        assert.equal(again.stats.outcome, 'rateLimited', JSON.stringify(again.stats));
        assert.equal(requests.count, 0);
      } finally {
        requests.dispose();
      }
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(spy.calls, [], 'inline completion popped a notification');
    } finally {
      spy.restore();
    }
  });
});
