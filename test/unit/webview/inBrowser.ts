// The chat webview's behaviour in headless Chromium (the real bundle, a stub acquireVsCodeApi):
// what a person does with keyboard and mouse, and what the view then posts to the host.
// Not part of the mocha unit run (it needs Chromium): npm run test:webview
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { HostMessage, MessageView } from '../../../src/shared/protocol';
import { ROOT, buildWebviewBundle, launchChromium, startPageServer } from '../../e2e/xss/webviewPage';

type Posted = { type: string; [key: string]: unknown };

const drive = (page: Page, messages: HostMessage[]) =>
  page.evaluate((m) => (window as unknown as { __drive(m: unknown[], n: number): Promise<void> }).__drive(m, 1), messages);
/** What the view posted since the last call (without 'ready' and the debounced drafts). */
const posted = async (page: Page) =>
  (await page.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted.splice(0))).filter((m) => m.type !== 'ready' && m.type !== 'draft');

const models = [
  { id: 'Meta-Llama-3.3-70B-Instruct', contextLength: 131072, promptPricePerM: 0.6, completionPricePerM: 1.2 },
  { id: 'gemma-4-31B-it', contextLength: 131072, vision: true },
];

function state(messages: MessageView[], extra: Partial<Extract<HostMessage, { type: 'state' }>> = {}): HostMessage {
  return {
    type: 'state',
    chat: { chatId: 'c1', title: 'Chat', messages, model: 'Meta-Llama-3.3-70B-Instruct' },
    hasKey: true,
    models,
    attachments: [],
    draft: '',
    endpointHost: 'api.sambanova.ai',
    busy: false,
    ...extra,
  };
}

async function assertAtBottom(page: Page, when: string): Promise<void> {
  const gap = await page.locator('.transcript').evaluate((e) => e.scrollHeight - e.scrollTop - e.clientHeight);
  assert.ok(gap <= 2, `${when}: the view is ${gap}px above the end`);
}

async function dropImage(page: Page): Promise<void> {
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  await page.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'dot.png', { type: 'image/png' }));
    document.querySelector('.composer')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, png);
}

const cases: [string, (page: Page) => Promise<void>][] = [
  ['greets a user without a key and offers Set API Key and the key page', async (page) => {
    await drive(page, [state([], { hasKey: false, endpointHost: 'api.sambanova.ai' })]);
    const welcome = page.locator('.welcome');
    assert.match(await welcome.innerText(), /api\.sambanova\.ai/);
    await page.getByRole('button', { name: 'Set API Key' }).click();
    await welcome.getByRole('link').click();
    assert.deepEqual(await posted(page), [
      { type: 'fixAction', action: 'setApiKey' },
      { type: 'openLink', href: 'https://cloud.sambanova.ai/apis' },
    ]);
  }],
  ['an empty chat says what to do here; a suggestion attaches context and starts the question; the first message replaces it', async (page) => {
    await drive(page, [state([])]);
    const empty = page.getByRole('region', { name: 'Ask SambaNova' });
    assert.ok(await empty.isVisible());
    const text = await empty.innerText();
    for (const words of [/Attach/, /Explain, Refactor, Fix, Add Documentation, Generate Tests, Edit Selection/, /Meta-Llama-3\.3-70B-Instruct · 131K context · \$0\.60 in \/ \$1\.20 out per M tokens/]) {
      assert.match(text, words);
    }
    await page.screenshot({ path: path.join(ROOT, '.artifacts', 'webview-empty-chat.png') });
    await empty.getByRole('button', { name: 'Ask about the selection' }).click();
    const box = page.getByRole('textbox', { name: 'Ask SambaNova' });
    assert.equal(await box.inputValue(), 'Explain what this code does.');
    assert.ok(await box.evaluate((e) => e === document.activeElement), 'the input has the focus');
    // What the person already typed is kept; the context is still attached.
    await box.fill('my own question');
    await empty.getByRole('button', { name: 'Ask about the active file' }).click();
    assert.equal(await box.inputValue(), 'my own question');
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'attach'), [{ type: 'attach', kind: 'selection' }, { type: 'attach', kind: 'file' }]);
    // Another model: the line follows it.
    await page.getByRole('combobox', { name: 'Model' }).selectOption('gemma-4-31B-it');
    assert.match(await empty.innerText(), /Answers come from gemma-4-31B-it · 131K context\./);
    await drive(page, [{ type: 'messageAdded', message: { id: 'u1', role: 'user', text: 'hi', status: 'done' } }]);
    assert.equal(await page.getByRole('region', { name: 'Ask SambaNova' }).count(), 0);
    assert.ok(await page.locator('[data-role="user"]').isVisible());
    // Without a key, the key page shows instead.
    await drive(page, [state([], { hasKey: false })]);
    assert.equal(await page.getByRole('region', { name: 'Ask SambaNova' }).count(), 0);
    assert.ok(await page.locator('.welcome').isVisible());
  }],
  ['Enter sends, Shift+Enter adds a line, Escape stops while busy', async (page) => {
    await drive(page, [state([])]);
    const box = page.getByRole('textbox', { name: 'Ask SambaNova' });
    await box.click();
    await page.keyboard.type('first line');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second');
    await page.keyboard.press('Enter');
    assert.equal(await box.inputValue(), '');
    const sent = (await posted(page)).filter((m) => m.type === 'send');
    assert.deepEqual(sent, [{ type: 'send', text: 'first line\nsecond' }]);
    await drive(page, [{ type: 'busy', busy: true }]);
    assert.ok(await page.getByRole('button', { name: 'Stop' }).isVisible());
    await page.keyboard.press('Escape');
    assert.ok((await posted(page)).some((m) => m.type === 'stop'));
  }],
  ['streams an answer: thinking folds away, code gets its buttons with the raw code, figures and "Answer complete"', async (page) => {
    const answer: MessageView = { id: 'a1', role: 'assistant', text: '', status: 'streaming' };
    await drive(page, [state([{ id: 'u1', role: 'user', text: 'hi', status: 'done' }]), { type: 'messageAdded', message: answer }, { type: 'delta', messageId: 'a1', reasoning: 'Let me think' }]);
    assert.equal(await page.locator('details.thinking').getAttribute('open'), '');
    const code = 'const a = 1 < 2 && "x";\n';
    const text = `Here:\n\n\`\`\`ts\n${code}\`\`\`\n\nSee [docs](https://example.com/d) and [bad](javascript:alert(1)).`;
    await drive(page, [...text.match(/[\s\S]{1,7}/g)!.map((t): HostMessage => ({ type: 'delta', messageId: 'a1', text: t }))]);
    assert.equal(await page.locator('details.thinking').getAttribute('open'), null);
    assert.equal(await page.locator('.markdown .hljs-keyword').first().innerText(), 'const');
    await drive(page, [{ type: 'messageUpdated', message: { ...answer, text, reasoning: 'Let me think', status: 'done', metrics: { timeToFirstTokenMs: 120, tokensPerSecond: 950, completionTokens: 30, promptTokens: 10, costUsd: 0.00004, basis: 'server', model: 'm' } } }]);
    assert.match(await page.locator('.figures').innerText(), /^TTFT 0\.12 s · 950 tok\/s · 40 tokens/);
    await page.waitForFunction(() => document.querySelector('[aria-live="polite"]')?.textContent === 'Answer complete');
    await posted(page);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('button', { name: 'Copy', exact: true }).first().click();
    await page.getByRole('link', { name: 'docs' }).click();
    await page.getByText('bad').click();
    const messages = await posted(page);
    assert.deepEqual(messages, [
      { type: 'applyCode', code, language: 'ts' },
      { type: 'copy', text: code },
      { type: 'openLink', href: 'https://example.com/d' },
    ]);
    assert.equal(await page.locator('[data-role="assistant"]').count(), 1);
    assert.equal(await page.locator('[data-role="user"]').count(), 1);
  }],
  ['a stopped answer keeps its text and says "Stopped"; an error shows its fix-it with a live 429 countdown', async (page) => {
    await drive(page, [
      state([
        { id: 'a1', role: 'assistant', text: 'Partial answ', status: 'stopped' },
        { id: 'a2', role: 'assistant', text: '', status: 'error', error: { message: 'Rate limited.', action: 'retry', retryAt: Date.now() + 2200 } },
      ]),
    ]);
    assert.equal(await page.locator('[data-role="assistant"]').first().locator('.markdown').innerText(), 'Partial answ');
    assert.ok(await page.getByText('Stopped').isVisible());
    const retry = page.locator('.error-callout button');
    assert.match(await retry.innerText(), /^Retry in [23] s$/);
    assert.equal(await retry.isDisabled(), true);
    await page.waitForFunction(() => document.querySelector('.error-callout button')?.textContent === 'Retry', undefined, { timeout: 5000 });
    await retry.click();
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'fixAction'), [{ type: 'fixAction', action: 'retry', messageId: 'a2' }]);
  }],
  ['edit and resend a user message from the keyboard', async (page) => {
    await drive(page, [state([{ id: 'u1', role: 'user', text: 'old question', status: 'done' }, { id: 'a1', role: 'assistant', text: 'answer', status: 'done' }])]);
    await page.getByRole('button', { name: 'Edit and resend' }).click();
    const editor = page.getByRole('textbox', { name: 'Edit message' });
    await editor.fill('new question');
    await editor.press('Enter');
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'editResend'), [{ type: 'editResend', messageId: 'u1', text: 'new question' }]);
  }],
  ['what the user typed after "New chat" (a view title action) survives the state that follows', async (page) => {
    await drive(page, [state([{ id: 'u1', role: 'user', text: 'q', status: 'done' }])]);
    await page.getByRole('textbox', { name: 'Ask SambaNova' }).fill('typed quickly');
    await drive(page, [state([], { chat: { chatId: 'c2', title: 'New', messages: [], model: 'm' } })]);
    assert.equal(await page.getByRole('textbox', { name: 'Ask SambaNova' }).inputValue(), 'typed quickly');
  }],
  ['history: search, rename, delete after confirmation, export', async (page) => {
    await drive(page, [state([]), { type: 'showHistory' }, {
      type: 'history',
      chats: [
        { id: 'h1', title: 'Refactor parser', updatedAt: 2, messageCount: 4, preview: 'parser' },
        { id: 'h2', title: 'CSS question', updatedAt: 1, messageCount: 2, preview: 'flexbox' },
      ],
    }]);
    const all = [
      { id: 'h1', title: 'Refactor parser', updatedAt: 2, messageCount: 4, preview: 'parser' },
      { id: 'h2', title: 'CSS question', updatedAt: 1, messageCount: 2, preview: 'flexbox' },
    ];
    const search = page.getByRole('searchbox', { name: 'Search chats' });
    assert.deepEqual(await posted(page), [{ type: 'requestHistory' }]);
    // The host searches whole conversations: typing asks it (debounced), and its answer is the list.
    await search.fill('flex');
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'requestHistory'));
    assert.deepEqual(await posted(page), [{ type: 'requestHistory', query: 'flex' }]);
    await drive(page, [{ type: 'history', chats: all }]);
    assert.equal(await page.locator('.history-title').count(), 2, 'a list for another search is not shown');
    await drive(page, [{ type: 'history', chats: [{ ...all[1], preview: '…use flex-wrap here…' }], query: 'flex' }]);
    assert.deepEqual(await page.locator('.history-title').allInnerTexts(), ['CSS question']);
    assert.match(await page.locator('.history-preview').innerText(), /flex-wrap/);
    await search.fill('');
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'requestHistory'));
    await drive(page, [{ type: 'history', chats: all }]);
    await page.getByRole('button', { name: 'Rename Refactor parser' }).click();
    await page.getByRole('textbox', { name: 'New title' }).fill('Parser work');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Export CSS question to markdown' }).click();
    await page.getByRole('button', { name: 'Delete CSS question' }).click();
    await page.getByRole('button', { name: 'Confirm delete' }).click();
    const messages = await posted(page);
    assert.deepEqual(messages, [
      { type: 'requestHistory' },
      { type: 'renameChat', chatId: 'h1', title: 'Parser work' },
      { type: 'exportChat', chatId: 'h2' },
      { type: 'deleteChat', chatId: 'h2' },
    ]);
  }],
  ['an answer waiting on a 429 shows the host\'s countdown line, which goes when the answer starts', async (page) => {
    const waiting: MessageView = { id: 'a1', role: 'assistant', text: '', status: 'streaming', waiting: 'SambaNova is rate limiting this key: trying again in 2 s…' };
    await drive(page, [state([]), { type: 'messageAdded', message: { ...waiting, waiting: undefined } }, { type: 'messageUpdated', message: waiting }]);
    const line = page.locator('.retry-wait');
    assert.equal(await line.innerText(), 'SambaNova is rate limiting this key: trying again in 2 s…');
    assert.equal(await line.getAttribute('role'), 'status');
    await drive(page, [{ type: 'messageUpdated', message: { ...waiting, waiting: 'SambaNova is rate limiting this key: trying again in 1 s…' } }]);
    assert.match(await line.innerText(), /in 1 s/);
    await drive(page, [{ type: 'messageUpdated', message: { ...waiting, waiting: undefined } }, { type: 'delta', messageId: 'a1', text: 'Here.' }]);
    assert.equal(await page.locator('.retry-wait').count(), 0);
  }],
  ['answer text that talks about <think> tags is shown as written (thinking comes from the host only)', async (page) => {
    const text = 'R1 writes `<think>` first and `</think>` after its reasoning.\n\n<think>not thinking</think> either';
    await drive(page, [state([{ id: 'a1', role: 'assistant', text, status: 'done' }])]);
    assert.equal(await page.locator('details.thinking').count(), 0);
    const shown = await page.locator('[data-role="assistant"] .markdown').innerText();
    assert.match(shown, /R1 writes <think> first and <\/think> after its reasoning\./);
    assert.match(shown, /not thinking/);
  }],
  ['a dropped image becomes a thumbnail and goes out with the message as a data URL (vision model)', async (page) => {
    await drive(page, [state([], { chat: { chatId: 'c1', title: 'Chat', messages: [], model: 'gemma-4-31B-it' } })]);
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'dot.png', { type: 'image/png' }));
      data.items.add(new File(['x'], 'notes.txt', { type: 'text/plain' }));
      document.querySelector('.composer')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, png);
    await page.locator('.thumbnails img').waitFor();
    assert.match(await page.locator('.composer-notice').innerText(), /notes\.txt: not a PNG/);
    await page.getByRole('textbox', { name: 'Ask SambaNova' }).fill('what is this?');
    await page.getByRole('button', { name: 'Send' }).click();
    assert.deepEqual(await posted(page), [{ type: 'send', text: 'what is this?', images: [`data:image/png;base64,${png}`] }]);
    assert.equal(await page.locator('.thumbnails img').count(), 0);
  }],
  ['the attach menu works from the keyboard and chips can be removed', async (page) => {
    await drive(page, [state([]), { type: 'attachments', attachments: [{ id: 'x1', kind: 'selection', label: 'app.ts:10-24' }] }]);
    await page.getByRole('button', { name: 'Attach' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Remove app.ts:10-24' }).focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await posted(page), [{ type: 'attach', kind: 'openFiles' }, { type: 'removeAttachment', id: 'x1' }]);
  }],
  ['after a reload mid-answer the state shows what arrived and later deltas continue it', async (page) => {
    await drive(page, [state([{ id: 'a1', role: 'assistant', text: 'Half of the ans', status: 'streaming' }], { busy: true })]);
    await drive(page, [{ type: 'delta', messageId: 'a1', text: 'wer, then the rest.' }]);
    assert.equal(await page.locator('[data-role="assistant"] .markdown').innerText(), 'Half of the answer, then the rest.');
  }],
  ['a text-only model refuses images and says why; the text, the images and the draft are kept', async (page) => {
    await drive(page, [state([])]);
    const box = page.getByRole('textbox', { name: 'Ask SambaNova' });
    await box.fill('what is in this picture?');
    await dropImage(page);
    const notice = page.locator('.composer-notice');
    assert.match(await notice.innerText(), /Meta-Llama-3\.3-70B-Instruct does not accept images: choose a model that does \(gemma-4-31B-it\)/);
    assert.equal(await page.locator('.thumbnails img').count(), 0);
    assert.equal(await box.inputValue(), 'what is in this picture?');
    // With a vision model the image is taken; switching back keeps it, refuses to send, loses nothing.
    await page.getByRole('combobox', { name: 'Model' }).selectOption('gemma-4-31B-it');
    await dropImage(page);
    await page.locator('.thumbnails img').waitFor();
    await page.getByRole('combobox', { name: 'Model' }).selectOption('Meta-Llama-3.3-70B-Instruct');
    await box.press('Enter');
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'send'), []);
    assert.match(await notice.innerText(), /does not accept images.*kept until you remove them/);
    assert.equal(await box.inputValue(), 'what is in this picture?');
    assert.equal(await page.locator('.thumbnails img').count(), 1);
    await page.getByRole('button', { name: 'Remove image 1' }).click();
    await box.press('Enter');
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'send'), [{ type: 'send', text: 'what is in this picture?' }]);
  }],
  ['no header: the model picker sits in the input toolbar with the full model name on hover and in its name', async (page) => {
    await drive(page, [state([])]);
    assert.equal(await page.getByRole('button', { name: 'History' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'New chat' }).count(), 0);
    // Its accessible name is its aria-label (Playwright's role-name matching did not find a <select>
    // by a regex over that label, although the label is right; the attribute is what screen readers read).
    const picker = page.locator('.composer-toolbar').getByRole('combobox', { name: 'Model' });
    assert.match((await picker.getAttribute('aria-label')) ?? '', /^Model: Meta-Llama-3\.3-70B-Instruct · \d+K context/);
    assert.match((await picker.getAttribute('title')) ?? '', /^Meta-Llama-3\.3-70B-Instruct · \d+K context · \$0\.60 in \/ \$1\.20 out per M$/);
    // The whole id is on screen, not cut ("Meta-Llama-3.3-").
    assert.ok(await picker.evaluate((e: HTMLSelectElement) => e.scrollWidth <= e.clientWidth + 1), 'the model name is cut');
    for (const name of ['Attach', 'Send']) assert.ok(await page.locator('.composer-toolbar').getByRole('button', { name }).isVisible(), name);
    await picker.selectOption('gemma-4-31B-it');
    assert.deepEqual(await posted(page), [{ type: 'selectModel', model: 'gemma-4-31B-it' }]);
    assert.match((await picker.getAttribute('title')) ?? '', /gemma-4-31B-it .*accepts images/);
  }],
  ['the end of the conversation stays in view through the end of an answer and late layout changes', async (page) => {
    const history: MessageView[] = [];
    for (let i = 0; i < 12; i++) {
      history.push({ id: `hu${i}`, role: 'user', text: `question ${i}`, status: 'done' });
      history.push({ id: `ha${i}`, role: 'assistant', text: `Answer ${i}\n\n\`\`\`ts\nconst v${i} = ${i};\n\`\`\`\n\n${'Words that wrap. '.repeat(30)}`, status: 'done' });
    }
    await drive(page, [state(history)]);
    // A question with a picture that decodes late, then a long answer with code, streamed.
    const picture = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 90;
      canvas.getContext('2d')!.fillRect(0, 0, 90, 90);
      return canvas.toDataURL('image/png');
    });
    const answer: MessageView = { id: 'a1', role: 'assistant', text: '', status: 'streaming' };
    const text = Array.from({ length: 8 }, (_, i) => `Part ${i}:\n\n\`\`\`python\ndef f${i}(x):\n    return x * ${i}\n\`\`\`\n\n${'More text. '.repeat(20)}`).join('\n\n');
    await drive(page, [
      { type: 'messageAdded', message: { id: 'u1', role: 'user', text: 'and this?', status: 'done', images: [picture] } },
      { type: 'messageAdded', message: answer },
      ...text.match(/[\s\S]{1,40}/g)!.map((t): HostMessage => ({ type: 'delta', messageId: 'a1', text: t })),
      { type: 'messageUpdated', message: { ...answer, text, status: 'done', metrics: { completionTokens: 300, tokensPerSecond: 900, basis: 'server', model: 'm' } } },
    ]);
    await page.waitForTimeout(300);
    await assertAtBottom(page, 'after the answer finished');
    // The box gets smaller (the composer grows, the panel is resized): still the end.
    await page.setViewportSize({ width: 500, height: 560 });
    await page.waitForTimeout(200);
    await assertAtBottom(page, 'after the view got smaller');
    // The last code block's toolbar is visible and nothing covers it.
    const toolbar = page.locator('[data-role="assistant"]').last().locator('.code-toolbar').last();
    assert.ok(await toolbar.getByRole('button', { name: 'Copy', exact: true }).isVisible());
    assert.equal(await page.getByRole('button', { name: 'Jump to bottom' }).isVisible(), false);
  }],
  ['scrolling up stops following (the answer keeps streaming below); Jump to bottom follows again', async (page) => {
    const history: MessageView[] = Array.from({ length: 10 }, (_, i) => ({ id: `h${i}`, role: 'assistant' as const, text: `${'Line of text. '.repeat(40)}`, status: 'done' as const }));
    const answer: MessageView = { id: 'a1', role: 'assistant', text: '', status: 'streaming' };
    await drive(page, [state(history), { type: 'messageAdded', message: answer }, { type: 'delta', messageId: 'a1', text: 'Start. ' }]);
    await page.locator('.transcript').hover();
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(200);
    const before = await page.locator('.transcript').evaluate((e) => e.scrollTop);
    await drive(page, Array.from({ length: 20 }, (): HostMessage => ({ type: 'delta', messageId: 'a1', text: 'More words arrive. '.repeat(5) })));
    assert.equal(await page.locator('.transcript').evaluate((e) => e.scrollTop), before, 'the view moved while the user read above');
    const jump = page.getByRole('button', { name: 'Jump to bottom' });
    assert.ok(await jump.isVisible());
    await jump.click();
    await drive(page, [{ type: 'delta', messageId: 'a1', text: 'Even more. '.repeat(30) }]);
    await assertAtBottom(page, 'after Jump to bottom');
    assert.equal(await jump.isVisible(), false);
  }],
  ['a long chat keeps only the messages near the viewport rendered, and renders them again when scrolled to', async (page) => {
    const history: MessageView[] = [];
    for (let i = 0; i < 200; i++) {
      history.push(i % 2 === 0
        ? { id: `m${i}`, role: 'user', text: `question number ${i}`, status: 'done' }
        : { id: `m${i}`, role: 'assistant', text: `Answer number ${i}\n\n\`\`\`js\nlet n = ${i};\n\`\`\`\n\n${'Some text. '.repeat(25)}`, status: 'done' });
    }
    await drive(page, [state(history)]);
    const rendered = () => page.locator('[data-role]:not(.parked)').count();
    assert.equal(await page.locator('[data-role]').count(), 200);
    const near = await rendered();
    assert.ok(near > 2 && near < 40, `${near} messages rendered`);
    assert.ok(await page.getByText('Answer number 199').isVisible());
    await assertAtBottom(page, 'on opening');
    // The top of the conversation, reached by scrolling, is rendered; the end is parked.
    await page.locator('.transcript').hover();
    for (let i = 0; i < 200 && (await page.locator('.transcript').evaluate((e) => e.scrollTop)) > 0; i++) {
      await page.mouse.wheel(0, -3000);
      await page.waitForTimeout(16);
    }
    await page.getByText('question number 0', { exact: true }).waitFor({ state: 'visible' });
    await page.getByText('Answer number 1', { exact: true }).waitFor({ state: 'visible' });
    assert.equal(await page.locator('[data-message-id="m199"]').evaluate((e) => e.classList.contains('parked')), true);
    assert.ok((await rendered()) < 40);
    // Selected text and focus keep their message rendered even far away.
    await page.getByText('question number 0', { exact: true }).selectText();
    await page.getByRole('button', { name: 'Jump to bottom' }).click();
    await page.waitForTimeout(100);
    assert.equal(await page.locator('[data-message-id="m0"]').evaluate((e) => e.classList.contains('parked')), false);
    assert.equal(await page.evaluate(() => document.getSelection()?.toString()), 'question number 0');
  }],
  ['drops host messages that do not match the protocol', async (page) => {
    await drive(page, [state([])]);
    await page.evaluate(() => window.dispatchEvent(new MessageEvent('message', { data: { type: 'messageAdded', message: { id: 'x', role: 'system', text: 'hi', status: 'done' } } })));
    assert.equal(await page.locator('[data-role]').count(), 0);
  }],
];

async function main(): Promise<number> {
  const { file } = await buildWebviewBundle();
  const server = await startPageServer({ bundle: file, csp: true });
  const browser = await launchChromium();
  let failed = 0;
  let ran = 0;
  try {
    const only = process.env.WEBVIEW_GREP ? new RegExp(process.env.WEBVIEW_GREP, 'i') : undefined;
    for (const [name, run] of cases) {
      if (only && !only.test(name)) continue;
      ran++;
      const page = await browser.newPage({ viewport: { width: 500, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      try {
        await page.goto(server.url);
        await page.waitForSelector('textarea[aria-label="Ask SambaNova"]');
        await run(page);
        assert.deepEqual(errors, []);
        console.log(`  ok  ${name}`);
      } catch (error) {
        failed++;
        console.log(`  FAIL ${name}\n${String(error instanceof Error ? error.stack ?? error.message : error).replace(/^/gm, '       ')}`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`${ran - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(2);
});
