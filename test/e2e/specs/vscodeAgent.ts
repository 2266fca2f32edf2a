// VS Code's own Agent mode on SambaNova (issue 16), as a new user meets it: "SambaNova: Use as
// VS Code's Agent" explains chat.allowAnonymousAccess and asks before turning it on (and before
// setting Copilot's utility models); the settings are on disk and in effect, and a second run
// reads them back and asks nothing. The chat opens in Agent mode, and a turn that needs two tools
// in sequence runs on a SambaNova model played by the local stand-in (scenario `agent`: read
// notes.txt, then create shout.txt from what the read tool returned); the file on disk must end
// exactly as asked once the user keeps the agent's edit. Then a 16K model: VS Code's agent alone
// needs more than it takes in, so we declare no tools for it and Agent mode does not offer it
// (Manage Models shows it with 16K and no Tools); the reason, in numbers, is in its tooltip and the
// SambaNova log (1.139 shows the tooltip nowhere for it), and nothing reaches the stand-in for it.
// Last, with tools forced on for that model (the user's override), Copilot compacts once and sends
// its agent request: our check refuses it before the network, and the chat shows our sentence in
// numbers, with larger models named and no stack trace.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expectNotification, runCommand, sambaNovaLogFile, setUserSettings, typeIntoQuickInput, waitForQuickInput, waitForStatusBar, type E2ESpec } from '../harness';

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

function toolbarItem(page: Page, text: RegExp): Locator {
  return chatPanel(page).locator('.chat-input-toolbars .action-item', { hasText: text }).first();
}

/** Opens the chat's model picker and filters it to `id`, as a person would; returns the rows naming it. */
async function modelRows(page: Page, id: string): Promise<Locator> {
  await toolbarItem(page, /Meta-Llama|gpt-oss|DeepSeek|MiniMax|gemma-4|Auto/).click({ timeout: 10_000 });
  await page.waitForTimeout(300);
  const search = page.locator('input[placeholder="Search models"]').first();
  if (await search.isVisible().catch(() => false)) {
    await search.fill(id);
  } else {
    const others = page.locator('.monaco-list-row', { hasText: 'Other Models' }).first();
    if (await others.isVisible().catch(() => false)) await others.click();
  }
  await page.waitForTimeout(600);
  return page.locator('.monaco-list-row', { hasText: id });
}

async function send(page: Page, text: string): Promise<void> {
  await chatInput(page).click();
  await page.keyboard.insertText(text);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

/**
 * The file's text once the agent's edit is on disk. Copilot holds an edit in the chat's working
 * set until the user keeps it, and the file may exist empty before that: empty or missing means
 * not written yet. A person clicks Keep; so does this, whenever it shows.
 */
async function waitForWrittenFile(page: Page, file: string, timeoutMs: number): Promise<string | undefined> {
  const keep = chatPanel(page).locator('.monaco-button, .action-label', { hasText: /^Keep$/ }).first();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const kept = await keep.isVisible().catch(() => false);
    if (kept) await keep.click().catch(() => undefined);
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (text !== '') return text;
    await page.waitForTimeout(250);
  }
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function readSettings(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return {}; // mid-write, or JSON with comments: not what this spec writes
  }
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

    const setUp = await steps.step('"Use as VS Code\'s Agent" explains the setting, asks, and changes it only on yes: on disk and read back', async () => {
      if (readSettings(cs.userSettingsFile)['chat.allowAnonymousAccess'] !== undefined) throw new Error('chat.allowAnonymousAccess was set before we asked');
      await runCommand(page, "SambaNova: Use as VS Code's Agent");
      const asked = await answerDialog(page, /^Turn On$/, () => steps.screenshot('agent-consent-dialog'));
      steps.log(`  asked: ${asked.slice(0, 300)}`);
      if (!/chat\.allowAnonymousAccess/.test(asked) || !/sign in to GitHub/.test(asked)) throw new Error(`the dialog does not explain the setting: ${asked}`);
      const utility = await answerDialog(page, new RegExp(`^Use ${AGENT_MODEL}$`), () => steps.screenshot('utility-model-dialog'));
      steps.log(`  utility: ${utility.slice(0, 300)}`);
      // VS Code writes the utility settings after the dialog closes: give the file a moment.
      let after: Record<string, unknown> = {};
      for (let i = 0; i < 50; i++) {
        after = readSettings(cs.userSettingsFile);
        if (after['chat.allowAnonymousAccess'] === true && after['chat.utilityModel'] !== undefined && after['chat.utilitySmallModel'] !== undefined) break;
        await page.waitForTimeout(100);
      }
      steps.log(`  settings.json now: ${JSON.stringify(Object.fromEntries(Object.entries(after).filter(([k]) => k.startsWith('chat.'))))}`);
      if (after['chat.allowAnonymousAccess'] !== true) throw new Error('chat.allowAnonymousAccess is not on after "Turn On"');
      if (after['chat.utilityModel'] !== `sambanova/${AGENT_MODEL}`) throw new Error(`chat.utilityModel is ${JSON.stringify(after['chat.utilityModel'])}`);
      if (after['chat.utilitySmallModel'] !== `sambanova/${AGENT_MODEL}`) throw new Error(`chat.utilitySmallModel is ${JSON.stringify(after['chat.utilitySmallModel'])}`);
      await expectNotification(page, /VS Code's chat is ready for SambaNova/);
      await chatInput(page).waitFor({ state: 'visible', timeout: 20_000 });
      await steps.screenshot('agent-chat-open');
      // Run again: the command reads both settings back as they are now and asks nothing.
      await runCommand(page, "SambaNova: Use as VS Code's Agent");
      const again = await page.locator('.monaco-dialog-box').first().waitFor({ state: 'visible', timeout: 2500 }).then(() => true, () => false);
      if (again) throw new Error(`the second run asked again: ${(await page.locator('.monaco-dialog-box').first().innerText()).replace(/\s+/g, ' ')}`);
      // The second run's line may take a moment to reach the log file.
      const log = sambaNovaLogFile(cs);
      let said: string[] = [];
      for (let i = 0; i < 50 && said.length < 2; i++) {
        said = log ? readFileSync(log, 'utf8').match(/Use as VS Code's agent: chat\.allowAnonymousAccess is \w+/g) ?? [] : [];
        if (said.length < 2) await page.waitForTimeout(100);
      }
      steps.log(`  the command saw: ${said.join(' | ')}`);
      if (said.at(-1) !== "Use as VS Code's agent: chat.allowAnonymousAccess is on") throw new Error(`the second run did not read the setting back as on: ${said.join(' | ')}`);
    });
    if (!setUp) {
      // Recorded as a failure above; set the setting as a person would, so the turn below still runs and tells us more.
      const log = sambaNovaLogFile(cs);
      if (log) steps.log(`  SambaNova log ends: ${readFileSync(log, 'utf8').split('\n').slice(-6).join(' | ').slice(0, 900)}`);
      await page.keyboard.press('Escape');
      await setUserSettings(page, cs, { 'chat.allowAnonymousAccess': true });
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
      const content = await waitForWrittenFile(page, shout, 60_000);
      await steps.screenshot('agent-turn');
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

    await steps.step(`on ${SMALL_MODEL} (16K) Agent mode is not offered, the reason is given in numbers, and nothing is sent`, async () => {
      await chatInput(page).waitFor({ state: 'visible', timeout: 10_000 });
      const before = (await requests(fake.url)).length;
      // The same search finds the agent's model, so an empty answer below means "not offered".
      const control = await (await modelRows(page, AGENT_MODEL)).count();
      await page.keyboard.press('Escape');
      if (control === 0) throw new Error(`the model picker's search found no row for ${AGENT_MODEL} either`);
      const offered = await (await modelRows(page, SMALL_MODEL)).allInnerTexts();
      await steps.screenshot('agent-mode-picker-small-model');
      steps.log(`  Agent mode's picker for "${SMALL_MODEL}": ${offered.length} rows ${JSON.stringify(offered)}`);
      await page.keyboard.press('Escape');
      if (offered.length > 0) throw new Error(`Agent mode offers ${SMALL_MODEL}`);
      // VS Code's Manage Models view lists every model: the 16K one without "Tools", and our
      // tooltip (the reason, in numbers) where VS Code shows it.
      await runCommand(page, 'Chat: Manage Language Models');
      const row = (id: string) => page.locator('.monaco-list-row', { hasText: id }).filter({ has: page.locator('.model-name', { hasText: new RegExp(`^${id}$`) }) }).first();
      await row(SMALL_MODEL).waitFor({ timeout: 10_000 });
      const capabilities = async (id: string) => (await row(id).locator('.model-capabilities').innerText()).replace(/\s+/g, ' ').trim();
      const small = await capabilities(SMALL_MODEL);
      const agent = await capabilities(AGENT_MODEL);
      const context = (await row(SMALL_MODEL).locator('.model-token-limits').innerText()).trim();
      steps.log(`  Manage Models: ${SMALL_MODEL} context ${context}, capabilities "${small}"; ${AGENT_MODEL} "${agent}"`);
      await row(SMALL_MODEL).locator('.model-name').hover();
      const hover = page.locator('.monaco-hover, .workbench-hover, .custom-hover').filter({ hasText: /Tools \(Agent mode\)/ }).first();
      const tip = (await hover.waitFor({ state: 'visible', timeout: 3000 }).then(() => hover.innerText(), () => '')).trim();
      await steps.screenshot('manage-models-small-model');
      // Its rows would shadow the model picker's below.
      await page.keyboard.press('Escape');
      await runCommand(page, 'View: Close All Editors');
      steps.log(`  tooltip: ${tip ? tip.replace(/\s+/g, ' ').slice(0, 500) : '(VS Code shows none here)'}`);
      if (!/Tools/.test(agent)) throw new Error(`${AGENT_MODEL} shows no Tools capability: "${agent}"`);
      if (/Tools/.test(small)) throw new Error(`${SMALL_MODEL} shows the Tools capability: "${small}"`);
      if (context !== '16K') throw new Error(`${SMALL_MODEL}'s context shows as ${context}`);
      if (tip && !/not offered: VS Code's agent sends about 20,000 tokens of tools and instructions with every request, more than the [\d,]+ this model takes in/.test(tip.replace(/\s+/g, ' '))) {
        throw new Error(`the tooltip does not say why: ${tip}`);
      }
      if (/\n\s*at \S+/.test(tip)) throw new Error(`a stack trace is shown: ${tip}`);
      // VS Code 1.139 shows no tooltip for it anywhere (it lists it only here), so the SambaNova log says why.
      const logFile = sambaNovaLogFile(cs);
      const why = (logFile ? readFileSync(logFile, 'utf8').match(/Not in Agent mode: .*/g) ?? [] : []).at(-1) ?? '';
      steps.log(`  SambaNova log: ${why.slice(0, 500)}`);
      if (!new RegExp(`${SMALL_MODEL.replace(/\./g, '\\.')} \\(VS Code's agent sends about 20,000 tokens of tools and instructions with every request, more than the [\\d,]+ this model takes in`).test(why)) {
        throw new Error(`the log does not say why ${SMALL_MODEL} is not in Agent mode: ${why}`);
      }
      const reached = (await requests(fake.url)).slice(before).filter((r) => r.model === SMALL_MODEL);
      if (reached.length > 0) throw new Error(`${reached.length} request(s) for ${SMALL_MODEL} reached the stand-in`);
      if (tip) writeFileSync(path.join(dir, 'small-model-tooltip.txt'), tip);
    });

    await steps.step(`with tools forced on for ${SMALL_MODEL}, the agent's request is not sent and the chat says why in numbers, without a stack trace`, async () => {
      // A user may override the table (sambanova.languageModels.toolCalling); the agent then runs on
      // the 16K model, and our check before sending is what stands between it and the server.
      await setUserSettings(page, cs, { 'sambanova.languageModels.toolCalling': { [SMALL_MODEL]: true } });
      await chatInput(page).waitFor({ state: 'visible', timeout: 10_000 });
      const before = (await requests(fake.url)).length;
      await pickModel(page, SMALL_MODEL);
      await send(page, `AGENT-TASK: copy the phrase from ${notes} into ${path.join(cs.workspace, 'small.txt')} in capital letters`);
      const response = chatPanel(page).locator('.interactive-response').last();
      await response.getByText(/Nothing was sent to SambaNova/).first().waitFor({ timeout: 45_000 });
      await steps.screenshot('small-model-refused');
      const shown = (await response.innerText()).trim();
      steps.log(`  chat shows: ${shown.replace(/\s+/g, ' ').slice(0, 700)}`);
      const sent = (await requests(fake.url)).slice(before).filter((r) => r.model === SMALL_MODEL);
      steps.log(`  requests for ${SMALL_MODEL} that reached the stand-in: ${sent.map((r) => `tools=${r.tools ?? 0} messages=${r.messages}`).join(' | ') || 'none'}`);
      writeFileSync(path.join(dir, 'small-model-message.txt'), shown);
      if (/\n\s*at \S+/.test(shown) || /Error: .*\n/.test(shown)) throw new Error(`a stack trace is shown: ${shown}`);
      if (!/the \d+ tools \(at least [\d,]+ tokens\) and the instructions \(at least [\d,]+\) alone need [\d,]+ tokens or more, but Meta-Llama-3\.1-8B-Instruct takes in at most [\d,]+ \(16,384 in all/.test(shown.replace(/\s+/g, ' '))) {
        throw new Error(`the message lacks the sizes: ${shown}`);
      }
      if (!/such as \S+ \([\d,]+ tokens\)/.test(shown)) throw new Error(`no larger model is named: ${shown}`);
      const withTools = sent.filter((r) => (r.tools ?? 0) > 0);
      if (withTools.length > 0) throw new Error(`${withTools.length} request(s) with tools for ${SMALL_MODEL} reached the stand-in`);
      if (existsSync(path.join(cs.workspace, 'small.txt'))) throw new Error('small.txt was created');
    });
  },
};
