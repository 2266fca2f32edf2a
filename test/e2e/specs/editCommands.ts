// The editor commands as a person uses them, against the stand-in server's `rewrite` answer (a
// known rewrite of the code sent: test/fake-sambanova/rewrite.ts): select a function, Refactor with
// an instruction, watch the change stream into the diff preview, Accept, and find the file on disk
// exactly as expected with the rest byte-for-byte unchanged; one Undo restores it; Reject leaves
// it; Fix from the lightbulb on a TypeScript error; Explain lands in the chat; an edit to the file
// while a proposal is pending is handled.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { chatFrame, expectNotification, openFile, runCommand, setUserSettings, typeIntoQuickInput, waitForQuickInput, type E2EContext, type E2ESpec } from '../harness';
import { CALC } from '../../fixtures/edit/calc';

const ADD = '    add(a, b) {\n        var sum = a + b;\n        return sum;\n    }\n';
const ADD_REWRITTEN = '    // rewritten\n    add(a, b) {\n        let sum = a + b;\n        return sum;\n    }\n';

const SHAPES = ['export function area(r: number): number {', '    const pi: number = "3.14";', '    return pi * r * r;', '}', ''].join('\n');

function editorLines(page: Page) {
  return page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
}

/** Monaco renders spaces as U+00A0. */
async function textOf(locator: ReturnType<Page['locator']>): Promise<string> {
  return ((await locator.innerText().catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
}

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Selects whole lines first..last (1-based) with Go to Line and Shift+Down. */
async function selectLines(page: Page, first: number, last: number): Promise<void> {
  await editorLines(page).click();
  await page.keyboard.press('Control+G');
  await waitForQuickInput(page);
  await typeIntoQuickInput(page, String(first));
  await page.keyboard.press('Home');
  await page.keyboard.press('Home');
  for (let i = first; i <= last; i++) await page.keyboard.press('Shift+ArrowDown');
}

/** Earlier warnings stay in the notification center; clear them so the next wait is for this run. */
async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
}

async function refactor(page: Page, instruction: string): Promise<void> {
  await clearNotifications(page);
  await runCommand(page, 'SambaNova: Refactor Selection');
  const prompt = await waitForQuickInput(page);
  if (!/readability/i.test(prompt)) throw new Error(`unexpected input box: ${prompt}`);
  await typeIntoQuickInput(page, instruction);
}

/** The file's own tab, not the diff preview's ("calc.js ↔ SambaNova Refactor"). */
function fileTab(page: Page, name: string) {
  return page.locator('.tabs-container .tab', { hasText: name, hasNotText: '↔' }).first();
}

function diffModified(page: Page) {
  return page.locator('.monaco-diff-editor .editor.modified .view-lines').first();
}

/** "… is ready" is a status bar message (a notification would cover the diff's scrollbar). */
async function proposalReady(page: Page): Promise<void> {
  await page.locator('.statusbar', { hasText: /is ready: Accept or Reject/ }).first().waitFor({ timeout: 30_000 });
}

export const editCommandsSpec: E2ESpec = {
  name: 'editCommands',
  async run(ctx: E2EContext) {
    const { page, steps } = ctx;
    const calcFile = path.join(ctx.cs.workspace, 'calc.js');
    const shapesFile = path.join(ctx.cs.workspace, 'shapes.ts');
    writeFileSync(calcFile, CALC);
    writeFileSync(shapesFile, SHAPES);
    const onDisk = () => readFileSync(calcFile, 'utf8');

    await steps.step('edit: setup (slow rewrite answers so the stream can be watched, key set)', async () => {
      await setUserSettings(page, ctx.cs, { 'sambanova.baseUrl': ctx.fake.scenarioUrl('rewrite', { ttft: 300, tps: 25, tpc: 2 }) });
      await runCommand(page, 'SambaNova: Set API Key');
      await waitForQuickInput(page);
      await typeIntoQuickInput(page, ctx.apiKey);
      await page.waitForTimeout(500);
    });

    await steps.step('edit: Refactor streams into the diff preview; Accept writes exactly the change; one Undo restores it', async () => {
      await openFile(page, 'calc.js');
      await selectLines(page, 4, 7);
      await steps.screenshot('edit-selected-function');
      await refactor(page, 'use let instead of var');
      await page.locator('.monaco-diff-editor').first().waitFor({ state: 'visible', timeout: 15_000 });
      await waitUntil('streamed code in the preview', async () => (await textOf(diffModified(page))).includes('// rewritten'));
      const midStream = await textOf(diffModified(page));
      await steps.screenshot('edit-refactor-streaming');
      await proposalReady(page);
      await waitUntil('the whole proposal in the preview', async () => (await textOf(diffModified(page))).includes('let sum = a + b;'));
      const done = await textOf(diffModified(page));
      if (done === midStream) throw new Error('the preview did not change while the answer streamed');
      if (onDisk() !== CALC) throw new Error('the file changed before Accept');
      await steps.screenshot('edit-refactor-preview-ready');
      await page.locator('.editor-actions [aria-label*="Accept Edit"]').first().click();
      await page.locator('.monaco-diff-editor').first().waitFor({ state: 'detached', timeout: 10_000 });
      await page.locator('.tabs-container .tab.active', { hasText: 'calc.js' }).waitFor({ timeout: 10_000 });
      await editorLines(page).click();
      await page.keyboard.press('Control+S');
      const expected = CALC.replace(ADD, ADD_REWRITTEN);
      await waitUntil('the accepted file on disk', () => onDisk() === expected, 10_000).catch(() => {
        throw new Error(`the file on disk is not the expected text:\n${JSON.stringify(onDisk())}\nexpected:\n${JSON.stringify(expected)}`);
      });
      await steps.screenshot('edit-refactor-accepted');
      await page.keyboard.press('Control+Z');
      await page.keyboard.press('Control+S');
      await waitUntil('one undo to restore the file', () => onDisk() === CALC, 10_000).catch(() => {
        throw new Error(`one Undo did not restore the file: ${JSON.stringify(onDisk())}`);
      });
      await steps.screenshot('edit-refactor-undone');
    });

    await steps.step('edit: Reject leaves the file untouched', async () => {
      await selectLines(page, 9, 11);
      await refactor(page, '');
      await proposalReady(page);
      await steps.screenshot('edit-reject-before');
      await page.locator('.editor-actions [aria-label*="Reject Edit"]').first().click();
      await page.locator('.monaco-diff-editor').first().waitFor({ state: 'detached', timeout: 10_000 });
      await page.waitForTimeout(500);
      if (onDisk() !== CALC) throw new Error('Reject changed the file');
      if (await page.locator('.tabs-container .tab.active.dirty', { hasText: 'calc.js' }).count()) throw new Error('Reject left the editor dirty');
      await steps.screenshot('edit-rejected');
    });

    await steps.step('edit: an edit inside the range while pending is refused and the proposal kept; an edit above is applied around', async () => {
      await fileTab(page, 'calc.js').click();
      await selectLines(page, 4, 7);
      await refactor(page, 'x');
      await proposalReady(page);
      // Back to the file itself, and change a line inside the function being refactored.
      await fileTab(page, 'calc.js').click();
      await page.keyboard.press('Control+G');
      await waitForQuickInput(page);
      await typeIntoQuickInput(page, '6');
      await page.keyboard.press('End');
      await page.keyboard.type(' // mine');
      await runCommand(page, 'SambaNova: Accept Edit');
      const warning = await expectNotification(page, /was edited while the proposal was pending/, 15_000);
      await steps.screenshot('edit-concurrent-refused');
      const editorText = await textOf(editorLines(page));
      if (!editorText.includes('return sum; // mine') || editorText.includes('// rewritten')) throw new Error(`the file is not as the user left it: ${editorText}`);
      steps.log(`  ${warning}`);
      await runCommand(page, 'SambaNova: Reject Edit');
      // The user's typing is not saved yet: save it, so the disk shows what undo has to take back.
      await fileTab(page, 'calc.js').click();
      await page.keyboard.press('Control+S');
      await waitUntil('the user change saved', () => onDisk() !== CALC, 5_000);
      // Typing is undone word by word: undo until the file is back (Reject itself changed nothing).
      for (let i = 0; i < 8 && onDisk() !== CALC; i++) {
        await page.keyboard.press('Control+Z');
        await page.keyboard.press('Control+S');
        await page.waitForTimeout(300);
      }
      if (onDisk() !== CALC) throw new Error(`undo did not bring the file back: ${JSON.stringify(onDisk())}`);

      // Now an edit above the range: the proposal still applies, around it.
      await selectLines(page, 9, 11);
      await refactor(page, 'x');
      await proposalReady(page);
      await fileTab(page, 'calc.js').click();
      await page.keyboard.press('Control+Home');
      // A statement, not a comment: Enter after a // comment continues the comment in this editor.
      await page.keyboard.type('const top = 1;\n');
      await runCommand(page, 'SambaNova: Accept Edit');
      await page.keyboard.press('Control+S');
      const expected = `const top = 1;\n${CALC.replace('    sub(a, b) {\n', '    // rewritten\n    sub(a, b) {\n')}`;
      await waitUntil('the edit applied around the user change', () => onDisk() === expected, 10_000).catch(() => {
        throw new Error(`unexpected file: ${JSON.stringify(onDisk())}`);
      });
      await steps.screenshot('edit-concurrent-applied-around');
    });

    await steps.step('edit: "Fix with SambaNova" from the lightbulb on a TypeScript error', async () => {
      await clearNotifications(page);
      await openFile(page, 'shapes.ts');
      // The TypeScript server reports: Type 'string' is not assignable to type 'number'.
      const squiggle = page.locator('.editor-group-container.active .monaco-editor .squiggly-error').first();
      await squiggle.waitFor({ state: 'attached', timeout: 60_000 });
      await page.keyboard.press('Control+G');
      await waitForQuickInput(page);
      await typeIntoQuickInput(page, '2:11');
      await page.keyboard.press('Control+Period');
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Fix with SambaNova' }).first();
      await fix.waitFor({ state: 'visible', timeout: 15_000 });
      await steps.screenshot('edit-fix-lightbulb');
      await fix.click();
      await proposalReady(page);
      await steps.screenshot('edit-fix-preview');
      await page.locator('.editor-actions [aria-label*="Accept Edit"]').first().click();
      await page.locator('.monaco-diff-editor').first().waitFor({ state: 'detached', timeout: 10_000 });
      await editorLines(page).click();
      await page.keyboard.press('Control+S');
      const expected = `// rewritten\n${SHAPES}`;
      await waitUntil('the fixed function on disk', () => readFileSync(shapesFile, 'utf8') === expected, 10_000).catch(() => {
        throw new Error(`unexpected shapes.ts: ${JSON.stringify(readFileSync(shapesFile, 'utf8'))}`);
      });
    });

    await steps.step('edit: Explain Selection lands in the chat with the code attached', async () => {
      // calc.js is still open from the steps above: back to its tab, as a person would (Quick Open
      // of an already-open file missed its row in 3 of 5 runs here while the TypeScript server was busy).
      await fileTab(page, 'calc.js').click();
      await selectLines(page, 4, 7);
      await runCommand(page, 'SambaNova: Explain Selection');
      const question = chatFrame(page).locator('[data-role="user"]').last();
      await question.waitFor({ timeout: 20_000 });
      await waitUntil('the explain question', async () => /Explain what the selected code does/.test(await question.innerText()));
      await chatFrame(page).locator('[data-role="assistant"]').last().waitFor({ timeout: 20_000 });
      await page.waitForTimeout(1500);
      await steps.screenshot('edit-explain-in-chat');
    });
  },
};
