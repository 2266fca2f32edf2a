// The chat's host side inside a real VS Code: the view opens, a send streams through the shared
// client into the transcript and the history file, Stop keeps the partial answer, errors carry
// their fix-it, trimming leaves a note, and Apply goes through the diff preview.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { ChatHistoryStore } from '../../src/core/chat/historyStore';
import { parseChatFile } from '../../src/core/chat/serialization';
import type { ChatTestSurface } from '../../src/host/chat';
import type { HostMessage } from '../../src/shared/protocol';
import { HostMessageSchema } from '../../src/shared/protocol';
import { activateExtension, eventually, setGlobalSetting, testEnv } from './support/extension';
import { TEST_KEY } from './support/testKey';

async function surface(): Promise<ChatTestSurface> {
  const s = await vscode.commands.executeCommand<ChatTestSurface | undefined>('sambanova.chat.testSurface');
  assert.ok(s, 'no chat test surface: is SAMBANOVA_TEST_HOOKS=1 set?');
  return s;
}

function proposed(s: ChatTestSurface): string | undefined {
  return s.code.pending?.proposedText;
}

function record(s: ChatTestSurface): { posted: HostMessage[]; dispose(): void } {
  const posted: HostMessage[] = [];
  const sub = s.provider.onDidPost((m) => posted.push(m));
  return { posted, dispose: () => sub.dispose() };
}

async function useScenario(name: string): Promise<void> {
  const { hooks } = await activateExtension();
  await setGlobalSetting(hooks, 'baseUrl', `${testEnv('SAMBANOVA_TEST_FAKE_URL')}/scenario/${name}/v1`);
}

async function fileOf(s: ChatTestSurface) {
  const parsed = parseChatFile(await fs.readFile(s.store.pathOf(s.controller.current.id), 'utf8'));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return parsed.chat;
}

describe('chat (host side)', function () {
  this.timeout(30_000);

  before(async () => {
    const { hooks } = await activateExtension();
    await hooks.services.keys.set(TEST_KEY);
    await setGlobalSetting(hooks, 'model', 'Meta-Llama-3.3-70B-Instruct');
  });

  it('opens the chat view from the command', async () => {
    await vscode.commands.executeCommand('sambanova.openChat');
    const s = await surface();
    await eventually(() => s.provider.isVisible, 'the chat view to be visible');
  });

  it('streams an answer with a code block into the transcript and the history file', async () => {
    await useScenario('default');
    const s = await surface();
    await s.controller.newChat();
    const rec = record(s);
    try {
      await s.provider.receive({ type: 'send', text: 'echo: Here you go:\n\n```js\nconsole.log("hi");\n```\nDone.' });
      await s.controller.idle();
    } finally {
      rec.dispose();
    }
    for (const m of rec.posted) assert.ok(HostMessageSchema.safeParse(m).success, `invalid host message ${m.type}`);
    const added = rec.posted.filter((m) => m.type === 'messageAdded');
    assert.deepEqual(
      added.map((m) => m.type === 'messageAdded' && m.message.role),
      ['user', 'assistant'],
    );
    const final = rec.posted.filter((m) => m.type === 'messageUpdated').pop();
    assert.ok(final && final.type === 'messageUpdated');
    assert.equal(final.message.status, 'done');
    assert.equal(final.message.text, 'Here you go:\n\n```js\nconsole.log("hi");\n```\nDone.');
    assert.ok(final.message.metrics && final.message.metrics.completionTokens > 0, 'no figures');
    assert.equal(final.message.metrics.basis, 'server');
    assert.ok((final.message.metrics.costUsd ?? 0) > 0, 'no cost from the model price');
    const deltas = rec.posted.filter((m) => m.type === 'delta');
    const streamed = deltas.map((d) => (d.type === 'delta' ? d.text ?? '' : '')).join('');
    assert.equal(streamed, final.message.text, 'the deltas add up to the answer');
    const chat = await fileOf(s);
    assert.equal(chat.title, 'echo: Here you go:');
    assert.deepEqual(
      chat.messages.map((m) => [m.role, m.status]),
      [
        ['user', 'done'],
        ['assistant', 'done'],
      ],
    );
    assert.equal(chat.messages[1].text, final.message.text);
    const raw = await fs.readFile(s.store.pathOf(chat.id), 'utf8');
    assert.equal(raw.includes(TEST_KEY), false, 'the key is in the history file');
  });

  it('coalesces a fast stream into far fewer posts than tokens', async () => {
    await useScenario('fast,tokens=2000,tokensPerChunk=1');
    const s = await surface();
    await s.controller.newChat();
    const rec = record(s);
    try {
      await s.provider.receive({ type: 'send', text: 'write a lot' });
      await s.controller.idle();
    } finally {
      rec.dispose();
    }
    const deltas = rec.posted.filter((m) => m.type === 'delta').length;
    const final = s.controller.current.messages[1];
    assert.equal(final.status, 'done');
    assert.ok(final.text.length > 2000, `short answer: ${final.text.length}`);
    assert.ok(deltas < 200, `${deltas} delta posts for 2000 chunks`);
    console.log(`      2000 chunks -> ${deltas} delta posts`);
  });

  it('Stop aborts the request, keeps the partial answer and saves it as stopped', async () => {
    await useScenario('slow,tokens=400');
    const s = await surface();
    await s.controller.newChat();
    const rec = record(s);
    try {
      const sending = s.provider.receive({ type: 'send', text: 'tell me a long story' });
      await eventually(() => rec.posted.some((m) => m.type === 'delta'), 'the first delta', 10_000);
      await new Promise((r) => setTimeout(r, 300));
      await s.provider.receive({ type: 'stop' });
      await sending;
      await s.controller.idle();
    } finally {
      rec.dispose();
    }
    const answer = s.controller.current.messages[1];
    assert.equal(answer.status, 'stopped');
    assert.ok(answer.text.length > 0, 'partial text lost');
    assert.equal(s.controller.busy, false);
    assert.ok(rec.posted.some((m) => m.type === 'busy' && !m.busy));
    const chat = await fileOf(s);
    assert.equal(chat.messages[1].status, 'stopped');
    assert.equal(chat.messages[1].text, answer.text);
  });

  it('saves a streaming answer while it arrives (a crash keeps what came)', async () => {
    await useScenario('slow,tokens=400');
    const s = await surface();
    await s.controller.newChat();
    const sending = s.provider.receive({ type: 'send', text: 'stream slowly' });
    try {
      await eventually(
        async () => {
          const chat = await fileOf(s).catch(() => undefined);
          const answer = chat?.messages[1];
          return answer !== undefined && answer.status === 'streaming' && answer.text.length > 0;
        },
        'a saved, still-streaming answer with text',
        10_000,
      );
    } finally {
      s.controller.stop();
      await sending;
      await s.controller.idle();
    }
  });

  it('Regenerate replaces the answer; Edit and resend replaces the question and what followed', async () => {
    await useScenario('fast');
    const s = await surface();
    await s.controller.newChat();
    await s.provider.receive({ type: 'send', text: 'echo: first' });
    await s.controller.idle();
    const [question, first] = s.controller.current.messages;
    await s.provider.receive({ type: 'regenerate', messageId: first.id });
    await s.controller.idle();
    assert.equal(s.controller.current.messages.length, 2);
    assert.notEqual(s.controller.current.messages[1].id, first.id);
    await s.provider.receive({ type: 'editResend', messageId: question.id, text: 'echo: second' });
    await s.controller.idle();
    const after = s.controller.current.messages;
    assert.deepEqual(
      after.map((m) => m.text),
      ['echo: second', 'second'],
    );
    const chat = await fileOf(s);
    assert.deepEqual(
      chat.messages.map((m) => m.text),
      ['echo: second', 'second'],
    );
    assert.ok(chat.deletedMessageIds.includes(first.id));
  });

  it('shows an error with its fix-it action and keeps the chat usable', async () => {
    await useScenario('unauthorized');
    const s = await surface();
    await s.controller.newChat();
    await s.provider.receive({ type: 'send', text: 'hello' });
    await s.controller.idle();
    const answer = s.controller.current.messages[1];
    assert.equal(answer.status, 'error');
    assert.equal(answer.error?.action, 'setApiKey');
    const shown = await s.controller.fullState();
    assert.ok(shown.type === 'state');
    assert.equal(shown.chat.messages[1].error?.actionLabel, 'Set API Key', 'the view shows the fix-it with its label');
    assert.equal(answer.error?.message.includes(TEST_KEY), false);

    // The client would wait out the 30 s itself before giving up; with no retries it hands the
    // 429 straight to the chat, which shows the countdown.
    const { hooks } = await activateExtension();
    await setGlobalSetting(hooks, 'maxRetries', 0);
    try {
      await useScenario('rate-limit,retryAfter=30,times=0');
      await s.provider.receive({ type: 'fixAction', action: 'retry', messageId: answer.id });
      await s.controller.idle();
    } finally {
      await setGlobalSetting(hooks, 'maxRetries', undefined);
    }
    const limited = s.controller.current.messages[1];
    assert.equal(limited.status, 'error');
    assert.equal(limited.error?.action, 'retry');
    assert.ok((limited.error?.retryAt ?? 0) > Date.now(), 'no countdown for the 429');
  });

  it('leaves out old turns to fit the context, with a note, and refuses a message that cannot fit', async () => {
    await useScenario('fast,tokens=5');
    const s = await surface();
    await s.controller.newChat();
    s.controller.selectModel('DeepSeek-V3.2'); // 32768 tokens
    const big = 'x'.repeat(70_000);
    await s.provider.receive({ type: 'send', text: `echo: ok ${big}`.slice(0, 70_000) });
    await s.controller.idle();
    await s.provider.receive({ type: 'send', text: big });
    await s.controller.idle();
    const answer = s.controller.current.messages[3];
    assert.equal(answer.status, 'done', JSON.stringify(answer.error));
    assert.equal(answer.notice, "2 earlier messages were left out to fit DeepSeek-V3.2's 32768-token context.");
    await s.provider.receive({ type: 'send', text: 'y'.repeat(200_000) });
    await s.controller.idle();
    const refused = s.controller.current.messages[5];
    assert.equal(refused.status, 'error');
    assert.match(refused.error?.message ?? '', /too long for DeepSeek-V3\.2/);
  });

  it('applies a code block through the diff preview, and Reject changes nothing', async () => {
    const s = await surface();
    const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: 'const a = 1;\nconst b = 2;\nconst c = 3;\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, 12);
    await s.provider.receive({ type: 'applyCode', code: 'const b = 42;', language: 'javascript' });
    const pending = s.code.pending;
    assert.ok(pending, 'no proposal');
    assert.equal(pending.proposedText, 'const a = 1;\nconst b = 42;\nconst c = 3;\n');
    await eventually(
      () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff)),
      'the diff editor',
    );
    assert.equal(doc.getText(), 'const a = 1;\nconst b = 2;\nconst c = 3;\n', 'changed before Accept');
    await vscode.commands.executeCommand('sambanova.acceptEdit');
    assert.equal(doc.getText(), 'const a = 1;\nconst b = 42;\nconst c = 3;\n');
    assert.equal(s.code.pending, undefined);
    assert.equal(
      vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff)),
      false,
      'the diff stayed open',
    );
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), 'const a = 1;\nconst b = 2;\nconst c = 3;\n', 'Accept was not one undoable edit');

    const again = await vscode.window.showTextDocument(doc);
    again.selection = new vscode.Selection(0, 0, 0, 0);
    await s.provider.receive({ type: 'applyCode', code: 'let a = 1;\nlet b = 2;\nlet c = 3;\n' });
    // No selection and no matching region: inserted at the cursor, never "the whole file" on a length guess.
    assert.equal(proposed(s), 'let a = 1;\nlet b = 2;\nlet c = 3;\nconst a = 1;\nconst b = 2;\nconst c = 3;\n', 'inserted at the cursor');
    await vscode.commands.executeCommand('sambanova.rejectEdit');
    assert.equal(doc.getText(), 'const a = 1;\nconst b = 2;\nconst c = 3;\n');
    assert.equal(s.code.pending, undefined);
  });

  it('inserts at the cursor and opens new files with the language', async () => {
    const s = await surface();
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'ab' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 1, 0, 1);
    await s.provider.receive({ type: 'insertCode', code: 'XYZ' });
    assert.equal(doc.getText(), 'aXYZb');
    const created = await s.code.newFile('print(1)', 'python');
    assert.equal(created.languageId, 'python');
    assert.equal(created.getText(), 'print(1)');
  });

  it('opens only http(s) links and ignores malformed messages', async () => {
    const s = await surface();
    assert.equal(await s.provider.openLink('javascript:alert(1)'), false);
    assert.equal(await s.provider.openLink('command:workbench.action.quit'), false);
    assert.equal(await s.provider.openLink('file:///etc/passwd'), false);
    const before = s.controller.current.messages.length;
    await s.provider.receive({ type: 'send' });
    await s.provider.receive({ type: 'nope', text: 'x' });
    await s.provider.receive('send');
    assert.equal(s.controller.current.messages.length, before);
  });

  it('attaches the selection as a chip and sends it as fenced context', async () => {
    await useScenario('fast');
    const s = await surface();
    await s.controller.newChat();
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'function add(a, b) {\n  return a + b;\n}\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 2, 1);
    const rec = record(s);
    try {
      await s.provider.receive({ type: 'attach', kind: 'selection' });
      const chips = rec.posted.filter((m) => m.type === 'attachments').pop();
      assert.ok(chips && chips.type === 'attachments' && chips.attachments.length === 1);
      assert.match(chips.attachments[0].label, /:1-3$/);
      assert.equal(JSON.stringify(chips).includes('return a + b'), false, 'attachment text went to the webview');
      await s.provider.receive({ type: 'send', text: 'what is this?' });
      await s.controller.idle();
    } finally {
      rec.dispose();
    }
    const user = s.controller.current.messages[0];
    assert.equal(user.attachments?.[0].text, 'function add(a, b) {\n  return a + b;\n}');
    assert.equal(s.controller.attachments.length, 0, 'chips not cleared after send');
  });

  it('lists, renames, exports and deletes chats', async () => {
    const s = await surface();
    const id = s.controller.current.id;
    await s.controller.idle();
    const rec = record(s);
    try {
      await s.provider.receive({ type: 'renameChat', chatId: id, title: 'Adding numbers' });
      await s.provider.receive({ type: 'requestHistory' });
    } finally {
      rec.dispose();
    }
    const list = rec.posted.filter((m) => m.type === 'history').pop();
    assert.ok(list && list.type === 'history');
    assert.ok(list.chats.some((c) => c.id === id && c.title === 'Adding numbers'));
    const exported = await s.history.exportChat(id);
    assert.ok(exported?.getText().startsWith('# Adding numbers'));
    assert.match(exported?.getText() ?? '', /```typescript\nfunction add/);
    await s.provider.receive({ type: 'deleteChat', chatId: id });
    await assert.rejects(fs.stat(s.store.pathOf(id)));
    assert.notEqual(s.controller.current.id, id, 'the deleted chat is still open');
  });
});

describe('chat (host side): context, models, reasoning, images, draft', function () {
  this.timeout(30_000);

  it('Explain Selection attaches the selection and asks about it', async () => {
    await useScenario('fast');
    const s = await surface();
    await s.controller.newChat();
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'def f(x):\n    return x * 2\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 1, 16);
    await vscode.commands.executeCommand('sambanova.explainSelection');
    await s.controller.idle();
    const [question, answer] = s.controller.current.messages;
    assert.match(question.text, /^Explain what the selected code does/);
    assert.equal(question.attachments?.[0].kind, 'selection');
    assert.equal(question.attachments?.[0].text, 'def f(x):\n    return x * 2');
    assert.equal(answer.status, 'done');
  });

  it('keeps reasoning out of the answer (gpt-oss field and <think> tags)', async () => {
    const s = await surface();
    for (const [scenario, model] of [
      ['reasoning-field', 'gpt-oss-120b'],
      ['reasoning-think', 'DeepSeek-R1-0528'],
      ['reasoning-think-no-open', 'DeepSeek-R1-0528'],
    ]) {
      await useScenario(scenario);
      await s.controller.newChat();
      s.controller.selectModel(model);
      await s.provider.receive({ type: 'send', text: 'think first' });
      await s.controller.idle();
      const answer = s.controller.current.messages[1];
      assert.equal(answer.status, 'done', `${scenario}: ${JSON.stringify(answer.error)}`);
      assert.ok((answer.reasoning ?? '').length > 0, `${scenario}: no reasoning`);
      assert.ok(answer.text.length > 0, `${scenario}: no answer`);
      assert.equal(/<\/?think>/.test(answer.text + answer.reasoning), false, `${scenario}: tags leaked`);
    }
  });

  it('remembers the model per chat, with context length and price per million', async () => {
    await useScenario('fast');
    const s = await surface();
    await s.controller.newChat();
    const rec = record(s);
    try {
      await s.provider.receive({ type: 'selectModel', model: 'MiniMax-M2.7' });
      await s.provider.receive({ type: 'send', text: 'echo: hi' });
      await s.controller.idle();
    } finally {
      rec.dispose();
    }
    const models = rec.posted.filter((m) => m.type === 'models').pop();
    assert.ok(models && models.type === 'models');
    assert.equal(models.selected, 'MiniMax-M2.7');
    const option = models.models.find((m) => m.id === 'MiniMax-M2.7');
    assert.deepEqual(option, { id: 'MiniMax-M2.7', contextLength: 196608, promptPricePerM: 0.6, completionPricePerM: 2.4 });
    const chat = await fileOf(s);
    assert.equal(chat.model, 'MiniMax-M2.7');
    assert.equal(chat.messages[1].model, 'MiniMax-M2.7');
    const id = chat.id;
    await s.controller.newChat();
    assert.equal(s.controller.current.model, 'Meta-Llama-3.3-70B-Instruct', 'a new chat starts from the default model');
    await s.provider.receive({ type: 'openChat', chatId: id });
    assert.equal(s.controller.current.model, 'MiniMax-M2.7');
  });

  it('sends pasted images as image parts to a vision model, and refuses non-images', async () => {
    await useScenario('fast');
    const s = await surface();
    await s.controller.newChat();
    s.controller.selectModel('gemma-4-31B-it');
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    await s.provider.receive({ type: 'send', text: 'what is in this image?', images: [png, 'data:text/html;base64,PHNjcmlwdD4='] });
    await s.controller.idle();
    const [question, answer] = s.controller.current.messages;
    assert.deepEqual(question.images, [png]);
    assert.equal(answer.status, 'done', JSON.stringify(answer.error));
  });

  it('keeps the draft across view reloads', async () => {
    const s = await surface();
    await s.provider.receive({ type: 'draft', text: 'half-written question' });
    const state = await s.controller.fullState();
    assert.ok(state.type === 'state');
    assert.equal(state.draft, 'half-written question');
    assert.equal(state.hasKey, true);
    assert.equal(JSON.stringify(state).includes(TEST_KEY), false, 'the key reached the webview state');
    await s.provider.receive({ type: 'draft', text: '' });
  });
});

describe('chat (host side): palette model, status bar fix-it, retry countdown, history across windows', function () {
  this.timeout(30_000);

  // Also when this block runs alone (INTEGRATION_GREP).
  before(async () => {
    const { hooks } = await activateExtension();
    await hooks.services.keys.set(TEST_KEY);
    await setGlobalSetting(hooks, 'model', 'Meta-Llama-3.3-70B-Instruct');
    await vscode.commands.executeCommand('sambanova.openChat');
  });

  it('Select Model from the palette changes the open chat\'s model, not only the default', async () => {
    await useScenario('fast');
    const { hooks } = await activateExtension();
    const s = await surface();
    await s.controller.newChat();
    s.controller.selectModel('MiniMax-M2.7');
    await s.provider.receive({ type: 'send', text: 'echo: hi' });
    await s.controller.idle();
    assert.equal(s.controller.current.model, 'MiniMax-M2.7');
    const rec = record(s);
    try {
      const picking = vscode.commands.executeCommand('sambanova.selectModel');
      // The pick opens on the default model once the live list has loaded; accept it.
      await hooks.services.client.listModels({ refresh: true });
      await new Promise((r) => setTimeout(r, 800));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.equal(await picking, 'Meta-Llama-3.3-70B-Instruct');
    } finally {
      rec.dispose();
    }
    assert.equal(s.controller.current.model, 'Meta-Llama-3.3-70B-Instruct', 'the chat with messages kept its old model');
    const models = rec.posted.filter((m) => m.type === 'models').pop();
    assert.ok(models && models.type === 'models' && models.selected === 'Meta-Llama-3.3-70B-Instruct', 'the picker in the view did not follow');
    await s.controller.idle();
    assert.equal((await fileOf(s)).model, 'Meta-Llama-3.3-70B-Instruct');
  });

  it('Select Model: a filter typed while the list loads picks the row it matches, not the current model', async () => {
    // /v1/models answers after 1.5 s: the filter is in the box before the rows arrive.
    await useScenario('fast,headerDelay=1500');
    const s = await surface();
    await s.controller.newChat();
    s.controller.selectModel('Meta-Llama-3.3-70B-Instruct');
    try {
      const picking = vscode.commands.executeCommand('sambanova.selectModel', 'MiniMax');
      await new Promise((r) => setTimeout(r, 2500));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.equal(await picking, 'MiniMax-M2.7', 'Enter took the current model, not the row the filter left');
      assert.equal(s.controller.current.model, 'MiniMax-M2.7');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      const { hooks } = await activateExtension();
      await setGlobalSetting(hooks, 'model', 'Meta-Llama-3.3-70B-Instruct');
      await useScenario('fast');
    }
  });

  it('the status bar in its error state runs the error\'s fix-it when clicked', async () => {
    await useScenario('unauthorized');
    const { hooks } = await activateExtension();
    const s = await surface();
    await s.controller.newChat();
    await s.provider.receive({ type: 'send', text: 'hello' });
    await s.controller.idle();
    await eventually(() => hooks.statusBar.text.includes('key rejected'), 'the error state');
    const click = hooks.statusBar.clickCommand;
    assert.ok(click && typeof click === 'object', `click runs ${JSON.stringify(click)}`);
    assert.equal(click.command, 'sambanova.setApiKey');
    // The tooltip is Markdown: spaces arrive as &nbsp; and parentheses escaped.
    assert.match(hooks.statusBar.tooltip.replace(/&nbsp;/g, ' ').replace(/\\/g, ''), /Click to fix it \(Set API Key\)/);

    await useScenario('model-not-found');
    await s.controller.newChat();
    await s.provider.receive({ type: 'send', text: 'hello' });
    await s.controller.idle();
    await eventually(() => hooks.statusBar.text.includes('model unavailable'), 'the model error state');
    const again = hooks.statusBar.clickCommand;
    assert.ok(again && typeof again === 'object' && again.command === 'sambanova.selectModel', JSON.stringify(again));
  });

  it('shows the 429 retry countdown in the transcript while the client waits', async () => {
    // Always 429 with retry-after: 2, and one retry: the client waits 2 s once, then gives up.
    const { hooks } = await activateExtension();
    await setGlobalSetting(hooks, 'maxRetries', 1);
    const s = await surface();
    const rec = record(s);
    try {
      await useScenario('rate-limit,retryAfter=2,times=0');
      await s.controller.newChat();
      await s.provider.receive({ type: 'send', text: 'echo: after the wait' });
      await s.controller.idle();
    } finally {
      rec.dispose();
      await setGlobalSetting(hooks, 'maxRetries', undefined);
    }
    const waiting = rec.posted.flatMap((m) => (m.type === 'messageUpdated' && m.message.waiting ? [m.message.waiting] : []));
    assert.ok(waiting.length >= 2, `countdown lines: ${JSON.stringify(waiting)}`);
    assert.match(waiting[0], /rate limiting this key: trying again in 2 s/);
    assert.ok(waiting.some((w) => /trying again in 1 s/.test(w)), `the countdown did not tick: ${JSON.stringify(waiting)}`);
    for (const m of rec.posted) assert.ok(HostMessageSchema.safeParse(m).success, `invalid host message ${m.type}`);
    const final = rec.posted.filter((m) => m.type === 'messageUpdated').pop();
    assert.ok(final && final.type === 'messageUpdated');
    assert.equal(final.message.status, 'error');
    assert.equal(final.message.error?.action, 'retry');
    assert.equal(final.message.waiting, undefined, 'the countdown stayed after the request ended');
    assert.equal(JSON.stringify(await fileOf(s)).includes('trying again'), false, 'the countdown was saved');
  });

  it('searches whole conversations from the history panel', async () => {
    await useScenario('fast');
    const s = await surface();
    await s.controller.newChat();
    const filler = 'lorem ipsum '.repeat(40);
    await s.provider.receive({ type: 'send', text: `echo: ${filler} the zanzibar clause` });
    await s.controller.idle();
    const id = s.controller.current.id;
    const rec = record(s);
    try {
      await s.provider.receive({ type: 'requestHistory', query: 'ZANZIBAR clause' });
      await s.provider.receive({ type: 'requestHistory', query: 'zanzibar nowhere-to-be-found' });
    } finally {
      rec.dispose();
    }
    const lists = rec.posted.filter((m) => m.type === 'history');
    assert.equal(lists.length, 2);
    const [hit, miss] = lists.map((m) => (m.type === 'history' ? m : undefined));
    assert.equal(hit?.query, 'ZANZIBAR clause');
    assert.deepEqual(hit?.chats.map((c) => c.id), [id]);
    assert.match(hit?.chats[0].preview ?? '', /zanzibar clause/);
    assert.deepEqual(miss?.chats, []);
  });

  it('a chat deleted in another window is not written back by this one', async () => {
    await useScenario('fast');
    const s = await surface();
    await s.controller.newChat();
    await s.provider.receive({ type: 'send', text: 'echo: one' });
    await s.controller.idle();
    const id = s.controller.current.id;
    // The other window: its own store on the same directory.
    await new ChatHistoryStore(s.store.directory).delete(id);
    await s.provider.receive({ type: 'send', text: 'echo: two' });
    await s.controller.idle();
    assert.equal(s.controller.current.messages.length, 4, 'the conversation went on in this window');
    await assert.rejects(fs.stat(s.store.pathOf(id)), 'the deleted chat came back');
    assert.equal((await s.store.list()).some((c) => c.id === id), false);
  });
});
