// The chat panel as a person uses it: the welcome screen without a key, a streamed answer with a
// code block, Stop mid-answer, Apply through the diff preview, a window reload mid-answer, and an
// error with its fix-it button. Every step leaves a screenshot in the run's artifacts.
import { readFileSync } from 'node:fs';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { chatFrame, openFile, runCommand, typeIntoQuickInput, waitForQuickInput, type E2EContext, type E2ESpec } from '../harness';

const CODE_ANSWER = 'Here is the change:\n\n```ts\nexport function add(a: number, b: number): number {\n  return b + a; // swapped by SambaNova\n}\n```\n\nThat is all.';

function chat(page: Page): FrameLocator {
  return chatFrame(page);
}

function inputBox(page: Page): Locator {
  return chat(page).getByRole('textbox', { name: 'Ask SambaNova' });
}

function lastAnswer(page: Page): Locator {
  return chat(page).locator('[data-role="assistant"]').last();
}

async function openChat(page: Page): Promise<void> {
  await runCommand(page, 'SambaNova: Open Chat');
  await chat(page).locator('body').waitFor({ state: 'attached', timeout: 20_000 });
}

async function send(page: Page, text: string): Promise<void> {
  const box = inputBox(page);
  await box.waitFor({ state: 'visible', timeout: 20_000 });
  await box.fill(text);
  await box.press('Enter');
}

async function useScenario(ctx: E2EContext, name: string, overrides?: Record<string, string | number>): Promise<void> {
  const url = ctx.fake.scenarioUrl(name, overrides);
  for (let attempt = 1; ; attempt++) {
    await writeSettingThroughEditor(ctx, 'sambanova.baseUrl', url);
    const seen = await endpointShown(ctx.page, `${url}/chat/completions`, 10_000);
    if (seen === true) return;
    if (attempt >= 3) throw new Error(`the extension did not pick up ${url}: ${seen}`);
  }
}

/**
 * Through VS Code's own settings.json editor: this code-server does not notice the file changing
 * behind its back, but it does notice its own saves.
 */
async function writeSettingThroughEditor(ctx: E2EContext, key: string, value: unknown): Promise<void> {
  const { page } = ctx;
  const settings = JSON.parse(readFileSync(ctx.cs.userSettingsFile, 'utf8')) as Record<string, unknown>;
  settings[key] = value;
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  await page.locator('.tabs-container .tab.active', { hasText: 'settings.json' }).waitFor({ timeout: 15_000 });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // One line (no auto-indent), then drop whatever the editor auto-closed after it.
  await page.keyboard.insertText(JSON.stringify(settings));
  await page.keyboard.press('Control+Shift+End');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+S');
  await page.waitForTimeout(500);
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

/** Asks the extension where requests go ("Show Endpoint" dialog) until it names `expected`. */
async function endpointShown(page: Page, expected: string, timeoutMs: number): Promise<true | string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runCommand(page, 'SambaNova: Show Endpoint');
    const dialog = page.locator('.monaco-dialog-box').first();
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForTimeout(300);
    const text = (await dialog.textContent()) ?? '';
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
    if (text.includes(expected)) return true;
    if (Date.now() > deadline) return text;
    await page.waitForTimeout(1000);
  }
}

/** Resolves when no answer is streaming (the Stop button is gone). */
async function answerFinished(page: Page, timeoutMs = 30_000): Promise<void> {
  await chat(page).getByRole('button', { name: 'Stop', exact: true }).waitFor({ state: 'hidden', timeout: timeoutMs });
}

async function waitForText(locator: Locator, minLength: number, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = (await locator.innerText().catch(() => '')).trim();
    if (text.length >= minLength) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${minLength} characters (have ${text.length}: ${text.slice(0, 80)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** "New Chat" is the view's title-bar action (the panel has no header of its own). */
export async function newChat(page: Page): Promise<void> {
  await page.locator('.monaco-workbench .title-actions [aria-label="New Chat"], .monaco-workbench .pane-header .actions [aria-label="New Chat"]').first().click();
  await chat(page).locator('[data-role]').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

/** How far (px) the transcript is scrolled above its end, and whether "Jump to bottom" shows. */
async function scrollState(page: Page): Promise<{ gap: number; jump: boolean }> {
  const gap = await chat(page).locator('.transcript').evaluate((e) => e.scrollHeight - e.scrollTop - e.clientHeight);
  const jump = await chat(page).getByRole('button', { name: 'Jump to bottom' }).isVisible();
  return { gap, jump };
}

/** Drops a small PNG on the composer, as dragging a file from the desktop does. */
async function dropImage(page: Page): Promise<void> {
  await chat(page).locator('.composer').evaluate((composer) => {
    const base64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const data = new DataTransfer();
    data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'screenshot.png', { type: 'image/png' }));
    composer.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
}

export const chatSpec: E2ESpec = {
  name: 'chat',
  async run(ctx) {
    const { page, steps } = ctx;

    await steps.step('chat: without a key the panel greets the user with Set API Key and where to get one', async () => {
      await useScenario(ctx, 'fast');
      await runCommand(page, 'SambaNova: Clear API Key');
      await openChat(page);
      const welcome = chat(page).locator('.welcome');
      await welcome.waitFor({ state: 'visible', timeout: 20_000 });
      const text = await welcome.innerText();
      if (!text.includes('cloud.sambanova.ai/apis')) throw new Error(`no key page on the welcome screen: ${text}`);
      await steps.screenshot('chat-welcome-no-key');
      await chat(page).getByRole('button', { name: 'Set API Key' }).click();
      const prompt = await waitForQuickInput(page);
      if (!/API key/i.test(prompt)) throw new Error(`unexpected input: ${prompt}`);
      await typeIntoQuickInput(page, ctx.apiKey);
      await inputBox(page).waitFor({ state: 'visible', timeout: 20_000 });
    });

    await steps.step('chat: a streamed answer with a highlighted code block and its figures', async () => {
      await useScenario(ctx, 'slow', { tokensPerChunk: 3 });
      await newChat(page);
      await send(page, `echo: ${CODE_ANSWER}`);
      const answer = lastAnswer(page);
      await waitForText(answer, 10);
      await steps.screenshot('chat-streaming');
      await answerFinished(page);
      await answer.locator('pre code').first().waitFor({ timeout: 5_000 });
      const text = await answer.innerText();
      if (!text.includes('return b + a')) throw new Error(`the code block is missing: ${text}`);
      if (!/tok\/s/.test(text)) throw new Error(`no figures under the answer: ${text}`);
      if (!(await answer.locator('pre code .hljs-keyword, pre code [class*="hljs-"]').count())) throw new Error('the code block is not highlighted');
      // The user never scrolled: the end of the answer (code toolbar, figures) stays in view.
      await page.waitForTimeout(500);
      const after = await scrollState(page);
      if (after.gap > 2 || after.jump) throw new Error(`the view was left ${after.gap}px above the end (Jump to bottom shown: ${after.jump})`);
      if (!(await answer.locator('.code-toolbar').getByRole('button', { name: 'Copy', exact: true }).isVisible())) throw new Error('the code toolbar is not visible');
      await steps.screenshot('chat-answer-with-code');
    });

    await steps.step('chat: the model picker sits beside the input with the full model name; images only for vision models', async () => {
      const picker = chat(page).locator('.composer-toolbar').getByRole('combobox', { name: /^Model: / });
      const shown = await picker.evaluate((e: HTMLSelectElement) => ({ value: e.value, title: e.title, cut: e.scrollWidth > e.clientWidth + 1 }));
      if (shown.cut || !shown.title.startsWith(shown.value)) throw new Error(`the model name is cut or has no tooltip: ${JSON.stringify(shown)}`);
      for (const gone of ['History', 'New chat']) {
        if (await chat(page).getByRole('button', { name: gone, exact: true }).count()) throw new Error(`the panel still repeats "${gone}" (a view title action)`);
      }
      await inputBox(page).fill('what is in this screenshot?');
      await picker.selectOption('Meta-Llama-3.3-70B-Instruct');
      await dropImage(page);
      const notice = chat(page).locator('.composer-notice');
      await notice.waitFor({ state: 'visible', timeout: 5000 });
      const why = await notice.innerText();
      if (!/does not accept images: choose a model that does \(.*gemma-4-31B-it/.test(why)) throw new Error(`unexpected notice: ${why}`);
      if ((await inputBox(page).inputValue()) !== 'what is in this screenshot?') throw new Error('the typed text was lost');
      await steps.screenshot('chat-image-refused-text-model');
      await picker.selectOption('gemma-4-31B-it');
      await dropImage(page);
      await chat(page).locator('.thumbnails img').waitFor({ timeout: 5000 });
      await steps.screenshot('chat-image-vision-model');
      await chat(page).getByRole('button', { name: 'Remove image 1' }).click();
      await inputBox(page).fill('');
      await picker.selectOption('Meta-Llama-3.3-70B-Instruct');
    });

    await steps.step('chat: Apply shows a diff, and Accept changes the file', async () => {
      await page.keyboard.press('Escape');
      await openFile(page, 'sample.ts');
      const editor = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
      await editor.waitFor({ state: 'visible', timeout: 15_000 });
      await editor.click();
      await page.keyboard.press('Control+A');
      await lastAnswer(page).getByRole('button', { name: 'Apply' }).first().click();
      await page.locator('.monaco-diff-editor').first().waitFor({ state: 'visible', timeout: 15_000 });
      await page.waitForTimeout(500);
      await steps.screenshot('chat-apply-diff-preview');
      await page.locator('.editor-actions [aria-label*="Accept Edit"]').first().click();
      await page.locator('.monaco-diff-editor').first().waitFor({ state: 'detached', timeout: 10_000 });
      await page.locator('.tabs-container .tab.active', { hasText: 'sample.ts' }).waitFor({ timeout: 10_000 });
      const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
      const deadline = Date.now() + 10_000;
      // Monaco renders spaces as U+00A0.
      while (!(await lines.innerText()).replace(/\u00a0/g, ' ').includes('swapped by SambaNova')) {
        if (Date.now() > deadline) throw new Error(`the file did not change: ${await lines.innerText()}`);
        await page.waitForTimeout(200);
      }
      await steps.screenshot('chat-apply-accepted');
    });

    await steps.step('chat: Escape stops mid-answer; the partial answer stays, marked stopped', async () => {
      await useScenario(ctx, 'slow', { tokens: 600 });
      await openChat(page);
      await newChat(page);
      await send(page, 'Tell me a long story about fast chips.');
      const answer = lastAnswer(page);
      await waitForText(answer, 40);
      await inputBox(page).press('Escape');
      await answer.locator('.stopped-marker').waitFor({ timeout: 10_000 });
      const kept = await answer.innerText();
      if (kept.length < 40) throw new Error(`the partial answer was lost: ${kept}`);
      await answerFinished(page, 10_000);
      await steps.screenshot('chat-stopped');
    });

    await steps.step('chat: reloading the window mid-answer keeps the chat', async () => {
      await useScenario(ctx, 'slow', { tokens: 600 });
      await newChat(page);
      await send(page, 'Explain SambaNova reconfigurable dataflow units at length.');
      const before = await waitForText(lastAnswer(page), 60);
      await steps.screenshot('chat-before-reload');
      await page.waitForTimeout(700); // past one periodic save
      await runCommand(page, 'Developer: Reload Window');
      await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
      await page.locator('.part.statusbar').waitFor({ timeout: 90_000 });
      await openChat(page);
      const question = chat(page).locator('[data-role="user"]').last();
      await question.waitFor({ timeout: 30_000 });
      if (!(await question.innerText()).includes('reconfigurable dataflow')) throw new Error('the question is gone');
      const answer = lastAnswer(page);
      await answer.locator('.stopped-marker').waitFor({ timeout: 15_000 });
      const after = await answer.innerText();
      const start = before.slice(0, 30);
      if (!after.includes(start)) throw new Error(`the answer lost what had arrived; before "${start}", after: ${after.slice(0, 200)}`);
      await steps.screenshot('chat-after-reload');
    });

    await steps.step('chat: the keybinding (Ctrl+Shift+Alt+I) opens the chat with the input focused; Enter sends', async () => {
      await useScenario(ctx, 'fast');
      await runCommand(page, 'View: Close Primary Side Bar');
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click().catch(() => undefined);
      await page.keyboard.press('Control+Shift+Alt+KeyI');
      await inputBox(page).waitFor({ state: 'visible', timeout: 15_000 });
      const deadline = Date.now() + 10_000;
      while (!(await chat(page).locator('textarea:focus').count())) {
        if (Date.now() > deadline) throw new Error('the input is not focused after the keybinding');
        await page.waitForTimeout(200);
      }
      await page.keyboard.type('echo: typed with the keyboard only');
      await page.keyboard.press('Enter');
      await chat(page).locator('[data-role="user"]', { hasText: 'typed with the keyboard only' }).waitFor({ timeout: 10_000 });
      await answerFinished(page);
      await steps.screenshot('chat-keyboard');
    });

    await steps.step('chat: an error shows in the transcript with its fix-it (401 -> Set API Key)', async () => {
      await useScenario(ctx, 'unauthorized');
      await newChat(page);
      await send(page, 'hello?');
      const callout = lastAnswer(page).locator('.error-callout');
      await callout.waitFor({ timeout: 20_000 });
      const fix = callout.getByRole('button', { name: 'Set API Key' });
      await fix.waitFor({ timeout: 5000 });
      await steps.screenshot('chat-error-401');
      await fix.click();
      await waitForQuickInput(page);
      await page.keyboard.press('Escape');
      await useScenario(ctx, 'fast');
    });
  },
};
