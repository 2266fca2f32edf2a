// Inline completion inside a real VS Code against the local SambaNova: VS Code calls our
// provider and shows its item (accepting it writes exactly the answer), typing along the shown
// suggestion costs no request, Toggle stops requests, a disabled language asks nothing, a
// workspace can turn completion off but not on, VS Code's own settings files are never
// completed nor quoted, and a 429 shows in the status bar and in no notification.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatRequest } from '../../src/core/client/types';
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

interface SentPrompt {
  source?: string;
  /** The last user message (chat) or the raw prompt: the file window and any snippets. */
  text: string;
}

/**
 * Records the prompts completion sends, by wrapping the shared client's two send methods on the
 * instance (the engine calls them through it). Lets a test count the requests made for its own
 * document, not ones VS Code started in an earlier test's editor (see "typing along" below).
 */
function watchPrompts(hooks: TestHooks): { readonly sent: SentPrompt[]; forDocument(marker: string): number; dispose(): void } {
  const client = hooks.services.client as unknown as Record<'streamChat' | 'streamCompletion', (...args: unknown[]) => unknown>;
  const sent: SentPrompt[] = [];
  const saved = { streamChat: client.streamChat, streamCompletion: client.streamCompletion };
  client.streamChat = (request: unknown, ...rest: unknown[]) => {
    const r = request as ChatRequest;
    const last = [...r.messages].reverse().find((m) => m.role === 'user');
    sent.push({ source: r.source, text: typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '') });
    return saved.streamChat.call(hooks.services.client, request, ...rest);
  };
  client.streamCompletion = (request: unknown, ...rest: unknown[]) => {
    const r = request as { prompt: string; source?: string };
    sent.push({ source: r.source, text: r.prompt });
    return saved.streamCompletion.call(hooks.services.client, request, ...rest);
  };
  return {
    sent,
    forDocument: (marker) => sent.filter((p) => p.source === 'completion' && p.text.includes(marker)).length,
    dispose: () => {
      client.streamChat = saved.streamChat;
      client.streamCompletion = saved.streamCompletion;
    },
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

/**
 * VS Code's own trigger (ours refuses quietly when completion is off), waiting for the provider's
 * answer. A space is added first: VS Code does not ask again for an unchanged document and cursor.
 */
async function askEvenWhenOff(s: CompletionTestSurface): Promise<CompletionOutput> {
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    await editor.edit((b) => b.insert(editor.selection.active, ' '));
    const end = editor.document.positionAt(editor.document.getText().length);
    editor.selection = new vscode.Selection(end, end);
  }
  const before = s.results.length;
  await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  await eventually(() => s.results.length > before, 'the provider to be asked', 10_000);
  return s.results[s.results.length - 1]!;
}

/** Lets a settings change reach the extension's listeners. */
const settle = () => new Promise((r) => setTimeout(r, 300));

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

  // Each test starts from a quiet editor: what VS Code started in the last test's editor (it asks
  // again after a Tab, in a pause) ends before this test counts anything.
  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const s = await surface();
    const engine = await s.engine();
    let count = s.results.length;
    let stableSince = Date.now();
    await eventually(() => {
      if (s.results.length !== count || engine.state.kind === 'requesting') {
        count = s.results.length;
        stableSince = Date.now();
      }
      return Date.now() - stableSince >= 700;
    }, 'completion to be quiet', 10_000);
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
    // Counted for this document only: accepting in the test before makes VS Code ask again in
    // that editor (its commit command re-triggers inline completion), and that request, started
    // while this test runs, is no request for typing along here (it made this test count 2).
    const prompts = watchPrompts(hooks);
    const requests = countRequests(hooks);
    try {
      const editor = await openAt('typescript', 'function product(a: number, b: number): number {\n  ');
      const first = await trigger(s);
      assert.equal(first.stats.outcome, 'served', JSON.stringify(first.stats));
      assert.equal(first.items[0]?.insertText, 'return a * b');
      assert.equal(prompts.forDocument('function product('), 1);
      // The user types "ret" (what the suggestion predicted).
      await editor.edit((b) => b.insert(editor.selection.active, 'ret'));
      const next = await trigger(s);
      assert.equal(next.stats.outcome, 'served', JSON.stringify(next.stats));
      assert.equal(next.stats.source, 'forward');
      assert.equal(next.stats.requestMade, false);
      assert.equal(next.items[0]?.insertText, 'urn a * b');
      assert.equal(prompts.forDocument('function product('), 1, 'typing along the suggestion made a request');
      const elsewhere = prompts.sent.filter((p) => p.source === 'completion' && !p.text.includes('function product('));
      if (elsewhere.length > 0 || requests.count !== 1) {
        console.log(`      (also counted ${requests.count - 1} other completion request(s); for: ${elsewhere.map((p) => JSON.stringify(p.text.slice(-80))).join(', ')})`);
      }
    } finally {
      prompts.dispose();
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

  it('a workspace can turn completion off but not on, and the status bar says where "off" comes from', async () => {
    const s = await surface();
    const config = () => vscode.workspace.getConfiguration('sambanova.completion');
    // The tooltip is markdown: spaces come as &nbsp;, punctuation escaped.
    const tooltip = () => hooks.statusBar.tooltip.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    const spy = spyOnNotifications();
    const requests = countRequests(hooks);
    try {
      await openAt('python', 'def f():\n    ');
      // The workspace turns it off; the user's setting is on.
      await config().update('enabled', false, vscode.ConfigurationTarget.Workspace);
      await settle();
      await eventually(() => /off in this workspace's settings/.test(tooltip()), `the tooltip to say so (it says "${tooltip()}")`);
      let out = await askEvenWhenOff(s);
      assert.equal(out.stats.gateReason, 'disabled', JSON.stringify(out.stats));
      // Toggle cannot turn it on over the workspace: the user's value stays on, and Toggle says why.
      await vscode.commands.executeCommand('sambanova.toggleInlineCompletion');
      assert.equal(config().inspect<boolean>('enabled')?.globalValue, true);
      assert.ok(
        spy.calls.some((c) => /stays off: this workspace's settings turn it off/.test(c.text)),
        `Toggle did not say why: ${JSON.stringify(spy.calls)}`,
      );
      out = await askEvenWhenOff(s);
      assert.equal(out.stats.gateReason, 'disabled');

      // The user turned it off; the workspace says on: it stays off.
      await config().update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('enabled', false, vscode.ConfigurationTarget.Global);
      await config().update('enabled', true, vscode.ConfigurationTarget.Workspace);
      await settle();
      await eventually(() => /off in your user settings/.test(tooltip()), `the tooltip to say so (it says "${tooltip()}")`);
      out = await askEvenWhenOff(s);
      assert.equal(out.stats.gateReason, 'disabled', JSON.stringify(out.stats));

      // A workspace may leave a language out, and cannot bring back one the user left out.
      await config().update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('enabled', true, vscode.ConfigurationTarget.Global);
      await config().update('disabledLanguages', ['python'], vscode.ConfigurationTarget.Workspace);
      await settle();
      out = await askEvenWhenOff(s);
      assert.equal(out.stats.gateReason, 'disabledLanguage', JSON.stringify(out.stats));
      await config().update('disabledLanguages', [], vscode.ConfigurationTarget.Workspace);
      await settle();
      await openAt('plaintext', 'Some notes\n');
      out = await askEvenWhenOff(s);
      assert.equal(out.stats.gateReason, 'disabledLanguage', JSON.stringify(out.stats));
      assert.equal(requests.count, 0);
    } finally {
      spy.restore();
      requests.dispose();
      await config().update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('disabledLanguages', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('enabled', true, vscode.ConfigurationTarget.Global);
    }
  });

  it("never completes in VS Code's own settings files, and never quotes them to the model", async () => {
    await useReply(hooks, '<COMPLETION>"value"</COMPLETION>');
    const s = await surface();
    const marker = 'sambanova-secret-marker-7f3a';
    const prompts = watchPrompts(hooks);
    try {
      // The user's settings.json holds the marker (as it could hold a token) and is open.
      await vscode.workspace.getConfiguration('sambanova.completion').update('templates', { [marker]: 'chat' }, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.openSettingsJson');
      // Desktop VS Code opens it as vscode-userdata:, code-server as a file in its user data folder.
      const userSettings = () => vscode.window.visibleTextEditors.find((e) => e.document.uri.path.endsWith('/User/settings.json'));
      await eventually(
        () => userSettings() !== undefined,
        `the user settings.json to open (open: ${vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()).join(', ')})`,
        15_000,
      );
      const settingsEditor = await vscode.window.showTextDocument(userSettings()!.document);
      const settingsDoc = settingsEditor.document;
      assert.ok(settingsDoc.getText().includes(marker));
      // Asking there: for vscode-userdata VS Code never calls our provider; for the file our
      // provider refuses. Either way nothing is sent.
      const before = s.results.length;
      const end = settingsDoc.positionAt(settingsDoc.getText().lastIndexOf('}'));
      settingsEditor.selection = new vscode.Selection(end, end);
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      if (settingsDoc.uri.scheme === 'vscode-userdata') {
        await new Promise((r) => setTimeout(r, 1500));
        assert.equal(s.results.length, before, 'the provider answered in vscode-userdata:settings.json');
      } else {
        await eventually(() => s.results.length > before, 'the provider to be asked in settings.json', 10_000);
        const out = s.results[s.results.length - 1]!;
        assert.equal(out.stats.gateReason, 'notAFile', `${settingsDoc.uri.toString()}: ${JSON.stringify(out.stats)}`);
      }
      assert.equal(prompts.forDocument(marker), 0, 'settings.json was sent');

      // A JSON-with-comments file of the user's own (the settings file's language), beside it:
      // the settings file lends no snippet.
      const mine = path.join(testEnv('SAMBANOVA_TEST_WORKSPACE'), 'prefs.jsonc');
      writeFileSync(mine, `{\n  "sambanova.completion.templates": {\n    "other-model": "chat"\n  },\n  "key": `);
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(mine));
      assert.equal(doc.languageId, settingsDoc.languageId, 'snippets come only from documents of the same language');
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
      const at = doc.positionAt(doc.getText().length);
      editor.selection = new vscode.Selection(at, at);
      const out = await trigger(s);
      assert.equal(out.stats.requestMade, true, JSON.stringify(out.stats));
      const sent = prompts.sent.filter((p) => p.source === 'completion' && p.text.includes('other-model'));
      assert.equal(sent.length, 1);
      assert.ok(!sent[0]!.text.includes(marker), 'a snippet of the user settings.json was sent');

      // The same file of the user's own in the workspace does lend a snippet (the check above can fail).
      const lender = path.join(testEnv('SAMBANOVA_TEST_WORKSPACE'), 'lender.jsonc');
      writeFileSync(lender, `{\n  "sambanova.completion.templates": {\n    "${marker}": "chat",\n    "other-model": "chat"\n  }\n}\n`);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(lender)), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
      await vscode.window.showTextDocument(doc);
      await editor.edit((b) => b.insert(at, ' '));
      const after = doc.positionAt(doc.getText().length);
      editor.selection = new vscode.Selection(after, after);
      await trigger(s);
      assert.ok(prompts.sent.some((p) => p.source === 'completion' && p.text.includes(marker)), 'the workspace file lent no snippet: the check above proves nothing');
    } finally {
      prompts.dispose();
      await vscode.workspace.getConfiguration('sambanova.completion').update('templates', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
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
