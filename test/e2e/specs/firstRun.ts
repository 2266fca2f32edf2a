// A new user's first minutes: no key -> "Set API Key" from the palette -> ready -> a request
// streams with a live rate in the status bar -> final figures and tooltip -> the log -> models.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import {
  ROOT,
  expectNotification,
  openFile,
  outputPanelText,
  quickPickRows,
  runCommand,
  setUserSettings,
  statusBarItem,
  typeIntoQuickInput,
  waitForQuickInput,
  waitForStatusBar,
  type E2ESpec,
} from '../harness';

const NO_KEY = /^\$\(key\) SambaNova: Set API Key$/;
const READY = /^\$\(zap\) SambaNova$/;
const LIVE = /^\$\(loading~spin\) \d[\d.]* tok\/s$/;
const FINAL = /^\$\(zap\) ~?\d[\d.]* tok\/s · \d+(\.\d+)? s$/;

/** Opens a workspace file with Quick Open and selects all of it. */
async function selectAllOf(page: Page, file: string): Promise<void> {
  await openFile(page, file);
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
}

/** Whether the packed extension contributes a command (features land at different times). */
function contributes(command: string): boolean {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes?: { commands?: { command: string }[] };
  };
  return (manifest.contributes?.commands ?? []).some((c) => c.command === command);
}

export const firstRun: E2ESpec = {
  name: 'first run',
  async run({ page, cs, fake, steps, apiKey, state }) {
    const keySet = await steps.step('status bar asks for a key, "Set API Key" stores one', async () => {
      await waitForStatusBar(page, NO_KEY, { timeoutMs: 60_000 });
      await steps.screenshot('no-key-status');
      await runCommand(page, 'SambaNova: Set API Key');
      const prompt = await waitForQuickInput(page);
      if (!/API key/i.test(prompt)) throw new Error(`unexpected input box: ${prompt}`);
      const type = await page.locator('.quick-input-widget input.input').first().getAttribute('type');
      if (type !== 'password') throw new Error(`the key box is not a password field (type=${type})`);
      await typeIntoQuickInput(page, apiKey, { enter: false });
      await steps.screenshot('key-typed-masked');
      await page.keyboard.press('Enter');
      steps.log(`  ${await expectNotification(page, 'API key saved')}`);
      await waitForStatusBar(page, READY, { timeoutMs: 15_000 });
    });
    state.keySet = keySet;

    if (!keySet) {
      steps.skip('a request shows a live rate, then the figures', 'no key was set');
    } else if (!contributes('sambanova.explainSelection')) {
      steps.skip('a request shows a live rate, then the figures', 'the extension has no "Explain Selection" command yet');
    } else {
      await steps.step('a request shows a live rate in the status bar, then the figures', async () => {
        // 400 tokens at 40 tok/s: about ten seconds of streaming to watch.
        await setUserSettings(page, cs, { 'sambanova.baseUrl': fake.scenarioUrl('slow', { tokens: 400 }) });
        // The palette offers "Explain Selection" only while an editor has a selection.
        await selectAllOf(page, 'sample.ts');
        await runCommand(page, 'SambaNova: Explain Selection');
        const seen: string[] = [];
        await waitForStatusBar(page, LIVE, { timeoutMs: 20_000, seen, intervalMs: 30 });
        await steps.screenshot('live-rate');
        const final = await waitForStatusBar(page, FINAL, { timeoutMs: 30_000, seen, intervalMs: 30 });
        steps.log(`  status bar: ${seen.join('  ->  ')}`);
        state.finalStatus = final;
      });
      await steps.step('the status bar tooltip holds the figures', async () => {
        await statusBarItem(page).hover();
        const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Tokens in / out' }).first();
        await hover.waitFor({ state: 'visible', timeout: 10_000 });
        const text = await hover.innerText();
        for (const label of ['Model', 'Speed', 'Time to first token', 'Cost']) {
          if (!text.includes(label)) throw new Error(`tooltip lacks "${label}": ${text}`);
        }
        await steps.screenshot('status-tooltip');
        await page.mouse.move(10, 10);
      });
    }

    await steps.step('"Show Log" opens the SambaNova log, which never shows the key', async () => {
      await runCommand(page, 'SambaNova: Show Log');
      const text = await outputPanelText(page);
      if (!text.includes('Activated in')) throw new Error(`the log does not look like ours: ${text.slice(0, 300)}`);
      if (text.includes(apiKey)) throw new Error('the API key is visible in the log');
    });

    await steps.step('"Select Model" lists the server\'s models and saves the choice', async () => {
      await runCommand(page, 'SambaNova: Select Model');
      const rows = await quickPickRows(page);
      const pick = rows.find((r) => /DeepSeek|gpt-oss/i.test(r));
      if (!pick) throw new Error(`the model list lacks the server's models: ${rows.join(' | ')}`);
      await steps.screenshot('model-list');
      const id = pick.split(/[\s,]/)[0] ?? '';
      await page.locator('.quick-input-list .monaco-list-row', { hasText: id }).first().click();
      const deadline = Date.now() + 10_000;
      for (;;) {
        const settings = readFileSync(cs.userSettingsFile, 'utf8');
        if (settings.includes(`"sambanova.model": "${id}"`)) break;
        if (Date.now() > deadline) throw new Error(`sambanova.model was not saved as ${id}`);
        await page.waitForTimeout(200);
      }
      if (readFileSync(cs.userSettingsFile, 'utf8').includes(apiKey)) throw new Error('the API key is in settings.json');
    });
  },
};
