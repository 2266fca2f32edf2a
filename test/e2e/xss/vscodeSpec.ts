// The XSS proof once more in the real thing: the packaged extension in code-server, the local
// SambaNova echoing the payloads back as the model's answer ("echo: ..."), through the real host,
// protocol and webview. No dialog may open, no canary may fire and no dangerous markup may reach
// the chat's DOM.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { ROOT, chatFrame, runCommand, setUserSettings, typeIntoQuickInput, waitForQuickInput, waitForStatusBar, type E2EContext, type E2ESpec } from '../harness';
import { findDangerousMarkup } from './dangerousMarkup';
import { newChat } from '../specs/chat';

const canary = 'window.__xssCanary=1';
const ownPayloads = [
  `<img src=x onerror="${canary}">`,
  `[click](javascript:${canary})`,
  '```js" onclick="' + canary + '\nx\n```',
  `<details open ontoggle="${canary}">x</details>`,
];

function batchText(payloads: string[]): string {
  return payloads
    .map((p) => [p, `- item ${p}`, `[${p}](https://example.com/)`, `[link](${p})`, '```html\n' + p + '\n```'].join('\n\n'))
    .join('\n\n');
}

/** The frame that holds our chat (#app), found among VS Code's nested webview frames. */
async function chatContentFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    for (const frame of page.frames()) {
      const ours = await frame.evaluate(() => !!document.querySelector('#app .transcript')).catch(() => false);
      if (ours) return frame;
    }
    if (Date.now() > deadline) throw new Error('chat webview frame not found');
    await page.waitForTimeout(250);
  }
}

/** Points the extension at the fast scenario and waits until "Show Endpoint" names it. */
async function useFastReplies(ctx: E2EContext): Promise<void> {
  const { page } = ctx;
  const url = ctx.fake.scenarioUrl('fast');
  await setUserSettings(page, ctx.cs, { 'sambanova.baseUrl': url });
  const deadline = Date.now() + 30_000;
  for (;;) {
    await runCommand(page, 'SambaNova: Show Endpoint');
    const dialog = page.locator('.monaco-dialog-box').first();
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    const text = (await dialog.textContent()) ?? '';
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
    if (text.includes(url)) return;
    if (Date.now() > deadline) throw new Error(`the extension did not pick up ${url}: ${text.slice(0, 300)}`);
    await page.waitForTimeout(1000);
  }
}

export const xssInVsCode: E2ESpec = {
  name: 'xss in VS Code',
  async run(ctx) {
    const { page, steps } = ctx;
    const corpus: string[] = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'xss', 'dompurify-payloads.json'), 'utf8'));
    const payloads = [...corpus, ...ownPayloads];
    const dialogs: string[] = [];
    const onDialog = (dialog: { message(): string; dismiss(): Promise<void> }) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    };
    page.on('dialog', onDialog);
    try {
      await steps.step(`${payloads.length} XSS payloads streamed through the real chat execute nothing`, async () => {
        await useFastReplies(ctx);
        await runCommand(page, 'SambaNova: Set API Key');
        await waitForQuickInput(page);
        await typeIntoQuickInput(page, ctx.apiKey, { enter: false });
        await page.keyboard.press('Enter');
        await waitForStatusBar(page, /^\$\(zap\) SambaNova$/, { timeoutMs: 15_000 });
        await runCommand(page, 'SambaNova: Open Chat');
        const chat = chatFrame(page);
        const box = chat.getByRole('textbox', { name: 'Ask SambaNova' });
        const perBatch = 25;
        await box.waitFor({ state: 'visible', timeout: 20_000 });
        for (let start = 0; start < payloads.length; start += perBatch) {
          await newChat(page); // the view's title-bar action: the panel has no header of its own
          await chat.locator('[data-role]').first().waitFor({ state: 'detached', timeout: 10_000 });
          await box.fill(`echo: ${batchText(payloads.slice(start, start + perBatch))}`);
          await box.press('Enter');
          await chat.locator('[data-role="user"]').first().waitFor({ state: 'attached', timeout: 20_000 });
          await chat.locator('[data-role="assistant"]').last().waitFor({ state: 'attached', timeout: 20_000 });
          await chat.getByRole('button', { name: 'Stop', exact: true }).waitFor({ state: 'hidden', timeout: 60_000 });
          const frame = await chatContentFrame(page);
          const problems = await frame.evaluate(findDangerousMarkup);
          if (problems.length > 0) throw new Error(`payloads ${start}..${start + perBatch}: ${[...new Set(problems)].slice(0, 8).join(', ')}`);
          const answer = await chat.locator('[data-role="assistant"]').last().innerText();
          if (answer.length < 200) throw new Error(`the echoed answer is suspiciously short: ${answer}`);
          if (start === 0) await steps.screenshot('xss-batch-1');
        }
        await page.waitForTimeout(1000);
        const frame = await chatContentFrame(page);
        const fired = await frame.evaluate(() => (window as unknown as { __xssCanary?: unknown }).__xssCanary);
        if (fired !== undefined) throw new Error('the canary fired');
        if (dialogs.length > 0) throw new Error(`dialogs opened: ${dialogs.slice(0, 3).join(' | ')}`);
        await steps.screenshot('xss-last-batch');
        steps.log(`  ${payloads.length} payloads x 5 renderings, no dialog, no canary, no dangerous markup`);
      });
    } finally {
      page.off('dialog', onDialog);
    }
  },
};
