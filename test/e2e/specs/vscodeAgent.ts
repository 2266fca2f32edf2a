// VS Code's own Agent mode on SambaNova (issue 16), as a new user meets it: "SambaNova: Use as
// VS Code's Agent" explains chat.allowAnonymousAccess and asks before turning it on (and before
// setting Copilot's utility models), the chat opens in Agent mode, and a turn that needs two
// tools in sequence runs on a SambaNova model played by the local stand-in (scenario `agent`:
// read notes.txt, then create shout.txt from what the read tool returned). The file on disk must
// end exactly as asked. Then the same task on a 16K model: nothing may reach the stand-in, and
// the chat shows our sentence with the sizes and no stack trace.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { runCommand, sambaNovaLogFile, setUserSettings, typeIntoQuickInput, waitForQuickInput, waitForStatusBar, type E2ESpec } from '../harness';

const READY = /^\$\(zap\) SambaNova( ·.*)?$/;
const AGENT_MODEL = 'gpt-oss-120b';
const SMALL_MODEL = 'Meta-Llama-3.1-8B-Instruct';

interface RequestSummary {
  path: string;
  model?: string;
  tools?: number;
  messages?: number;
  status?: number;
  outcome?: string;
  agent?: { tools: number; schemaBytes: number; largestSchemaBytes: number; systemChars: number; bodyBytes: number };
}

function chatPanel(page: Page): Locator {
  return page.locator('.interactive-session').first();
}

function chatInput(page: Page): Locator {
  return chatPanel(page).locator('.interactive-input-part .monaco-editor').first();
}

async function requests(url: string): Promise<RequestSummary[]> {
  const res = await fetch(`${url}/_control/requests`);
  return ((await res.json()) as RequestSummary[]).filter((r) => r.path === '/v1/chat/completions');
}

/** Clicks a button of the open modal dialog and returns the dialog's text. */
async function answerDialog(page: Page, button: RegExp, shot: () => Promise<unknown>): Promise<string> {
  const dialog = page.locator('.monaco-dialog-box').first();
  await dialog.waitFor({ state: 'visible', timeout: 20_000 });
  const text = (await dialog.innerText()).replace(/\s+/g, ' ');
  await shot();
  await dialog.locator('.monaco-button', { hasText: button }).first().click();
  await dialog.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  return text;
}

/** Picks a model in the chat's model picker by its name. */
async function pickModel(page: Page, id: string): Promise<void> {
  const picker = chatPanel(page).locator('.chat-input-toolbars .action-item', { hasText: /Meta-Llama|gpt-oss|DeepSeek|MiniMax|gemma-4/ }).first();
  await picker.click({ timeout: 10_000 });
  const row = page.locator('.monaco-list-row', { hasText: id }).first();
  if (!(await row.isVisible({ timeout: 3000 }).catch(() => false))) {
    const others = page.locator('.monaco-list-row', { hasText: 'Other Models' }).first();
    if (await others.isVisible().catch(() => false)) await others.click();
  }
  if (await row.isVisible({ timeout: 3000 }).catch(() => false)) {
    await row.click();
  } else {
    // VS Code 1.139's picker may open as a search box: type the name, as a person would.
    const search = page.locator('input[placeholder="Search models"]').first();
    await search.fill(id);
    await row.waitFor({ timeout: 10_000 });
    await row.click();
  }
  await chatPanel(page).locator('.chat-input-toolbars .action-item', { hasText: id }).first().waitFor({ timeout: 10_000 });
}

async function send(page: Page, text: string): Promise<void> {
  await chatInput(page).click();
  await page.keyboard.insertText(text);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

async function waitForFile(file: string, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(file)) return readFileSync(file, 'utf8');
    await new Promise((r) => setTimeout(r, 250));
  }
  return undefined;
}

export const vscodeAgentSpec: E2ESpec = {
  name: 'vscode agent',
  async run({ page, cs, fake, steps, apiKey, dir }) {
    const phrase = `blue harbor ${randomBytes(3).toString('hex')}`;
    const notes = path.join(cs.workspace, 'notes.txt');
    const shout = path.join(cs.workspace, 'shout.txt');
    writeFileSync(notes, `Notes for the agent test.\nphrase: ${phrase}\n`);

    const ready = await steps.step('a key is set and VS Code\'s AI features are on', async () => {
      await waitForStatusBar(page, /SambaNova/, { timeoutMs: 60_000 });
      await setUserSettings(page, cs, { 'chat.disableAIFeatures': false, 'sambanova.baseUrl': fake.scenarioUrl('agent') });
      await runCommand(page, 'SambaNova: Set API Key');
      await waitForQuickInput(page);
      await typeIntoQuickInput(page, apiKey);
      await waitForStatusBar(page, READY, { timeoutMs: 20_000 });
    });
    if (!ready) return;

    const setUp = await steps.step('"Use as VS Code\'s Agent" explains the setting, asks, and changes it only on yes', async () => {
      const before = JSON.parse(readFileSync(cs.userSettingsFile, 'utf8')) as Record<string, unknown>;
      if (before['chat.allowAnonymousAccess'] !== undefined) throw new Error('chat.allowAnonymousAccess was set before we asked');
      await runCommand(page, "SambaNova: Use as VS Code's Agent");
      const asked = await answerDialog(page, /^Turn On$/, () => steps.screenshot('agent-consent-dialog'));
      steps.log(`  asked: ${asked.slice(0, 300)}`);
      if (!/chat\.allowAnonymousAccess/.test(asked) || !/sign in to GitHub/.test(asked)) throw new Error(`the dialog does not explain the setting: ${asked}`);
      const utility = await answerDialog(page, new RegExp(`^Use ${AGENT_MODEL}$`), () => steps.screenshot('utility-model-dialog'));
      steps.log(`  utility: ${utility.slice(0, 300)}`);
      // VS Code writes the utility settings after the dialog closes: give the file a moment.
      let after: Record<string, unknown> = {};
      for (let i = 0; i < 50; i++) {
        try {
          after = JSON.parse(readFileSync(cs.userSettingsFile, 'utf8')) as Record<string, unknown>;
        } catch {
          after = {};
        }
        if (after['chat.allowAnonymousAccess'] === true && after['chat.utilityModel'] !== undefined) break;
        await page.waitForTimeout(100);
      }
      steps.log(`  settings.json now: ${JSON.stringify(Object.fromEntries(Object.entries(after).filter(([k]) => k.startsWith('chat.'))))}`);
      if (after['chat.allowAnonymousAccess'] !== true) throw new Error('chat.allowAnonymousAccess is not on after "Turn On"');
      if (after['chat.utilityModel'] !== `sambanova/${AGENT_MODEL}`) throw new Error(`chat.utilityModel is ${JSON.stringify(after['chat.utilityModel'])}`);
      await chatInput(page).waitFor({ state: 'visible', timeout: 20_000 });
      await steps.screenshot('agent-chat-open');
    });
    if (!setUp) {
      // Recorded as a failure above; set the setting as a person would, so the turn below still runs and tells us more.
      const log = sambaNovaLogFile(cs);
      if (log) steps.log(`  SambaNova log ends: ${readFileSync(log, 'utf8').split('\n').slice(-6).join(' | ').slice(0, 900)}`);
      await page.keyboard.press('Escape');
      await setUserSettings(page, cs, { 'chat.allowAnonymousAccess': true });
      // With the setting on, the command asks only about utility models, then opens Agent mode.
      await runCommand(page, "SambaNova: Use as VS Code's Agent").catch(() => undefined);
      await answerDialog(page, /^Cancel$/, () => steps.screenshot('utility-model-dialog-again')).catch(() => undefined);
      await chatInput(page).waitFor({ state: 'visible', timeout: 20_000 }).catch(() => undefined);
    }

    const turn = await steps.step(`Agent mode on ${AGENT_MODEL}: read notes.txt, then create shout.txt from it`, async () => {
      const mode = (await chatPanel(page).locator('.chat-input-toolbars').innerText()).replace(/\s+/g, ' ');
      steps.log(`  chat toolbar: ${mode.slice(0, 200)}`);
      if (!/Agent/.test(mode)) throw new Error(`the chat is not in Agent mode: ${mode}`);
      await pickModel(page, AGENT_MODEL);
      const sentBefore = (await requests(fake.url)).length;
      await send(page, `AGENT-TASK: copy the phrase from ${notes} into ${shout} in capital letters`);
      let content = await waitForFile(shout, 60_000);
      await steps.screenshot('agent-turn');
      if (content === undefined) {
        // The edit may wait in the chat's working set: keep it, as a person would.
        const keep = chatPanel(page).locator('.monaco-button, .action-label', { hasText: /^Keep$/ }).first();
        if (await keep.isVisible().catch(() => false)) await keep.click();
        content = await waitForFile(shout, 10_000);
      }
      const log = (await requests(fake.url)).slice(sentBefore);
      steps.log(`  requests in the turn: ${log.map((r) => `${r.model} tools=${r.tools} messages=${r.messages} ${r.status} ${r.outcome}`).join(' | ')}`);
      const agentRequests = log.filter((r) => r.agent);
      const first = agentRequests[0]?.agent;
      if (first) {
        steps.log(
          `  agent request: ${first.tools} tools, ${first.schemaBytes} bytes of schemas (largest ${first.largestSchemaBytes}), ` +
            `${first.systemChars} characters of system message, ${first.bodyBytes} bytes in all`,
        );
      }
      const logFile = sambaNovaLogFile(cs);
      const estimates = logFile ? readFileSync(logFile, 'utf8').match(/Language model request for .*/g) ?? [] : [];
      for (const line of estimates.slice(-4)) steps.log(`  ${line.slice(0, 260)}`);
      if (content !== `${phrase.toUpperCase()}\n`) throw new Error(`shout.txt holds ${JSON.stringify(content)}, expected ${JSON.stringify(`${phrase.toUpperCase()}\n`)}`);
      if (agentRequests.length < 2) throw new Error(`expected at least 2 tool-calling requests, saw ${agentRequests.length}`);
      const response = chatPanel(page).locator('.interactive-response').last();
      await response.getByText(/Done: .*shout\.txt/).first().waitFor({ timeout: 20_000 });
      await steps.screenshot('agent-turn-done');
    });
    if (!turn) return;

    await steps.step(`on ${SMALL_MODEL} (16K) the same task sends nothing and says why, without a stack trace`, async () => {
      // The same conversation: the agent's tools and instructions alone are more than 16K holds.
      await chatInput(page).waitFor({ state: 'visible', timeout: 10_000 });
      await pickModel(page, SMALL_MODEL);
      const before = (await requests(fake.url)).length;
      await send(page, `AGENT-TASK: copy the phrase from ${notes} into ${path.join(cs.workspace, 'small.txt')} in capital letters`);
      const response = chatPanel(page).locator('.interactive-response').last();
      await response.getByText(/Nothing was sent to SambaNova/).first().waitFor({ timeout: 30_000 });
      await steps.screenshot('small-model-refused');
      const shown = (await response.innerText()).trim();
      steps.log(`  chat shows: ${shown.replace(/\s+/g, ' ').slice(0, 600)}`);
      if (/\n\s*at \S+/.test(shown) || /Error: .*\n/.test(shown)) throw new Error(`a stack trace is shown: ${shown}`);
      if (!/holds 16,384 tokens in all/.test(shown) || !/alone need [\d,]+ tokens or more/.test(shown)) throw new Error(`the message lacks the sizes: ${shown}`);
      if (!/such as \S+ \([\d,]+ tokens\)/.test(shown)) throw new Error(`no larger model is named: ${shown}`);
      const reached = (await requests(fake.url)).slice(before).filter((r) => r.model === SMALL_MODEL);
      if (reached.length > 0) throw new Error(`${reached.length} request(s) for ${SMALL_MODEL} reached the stand-in`);
      if (existsSync(path.join(cs.workspace, 'small.txt'))) throw new Error('small.txt was created');
      writeFileSync(path.join(dir, 'small-model-message.txt'), shown);
    });
  },
};
