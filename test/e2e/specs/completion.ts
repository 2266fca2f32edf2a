// Inline completion as a person meets it in a real VS Code: ghost text while typing in a
// TypeScript and a Python file, Tab accepts it (the file on disk exactly right, no doubled
// brackets), typing through it keeps it without a new request, Escape dismisses it, accept-word
// takes one word, Toggle off stops every request, and a 429 shows in the status bar and nowhere
// else. The stand-in knows the files' finished text (POST /_control/sources), so its answers are
// the true continuation and the test can check the result exactly; its request log says whether a
// keystroke cost a request.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { openFile, runCommand, setUserSettings, statusBarText, typeIntoQuickInput, waitForQuickInput, waitForStatusBar, type E2EContext, type E2ESpec } from '../harness';

const MODEL = 'Meta-Llama-3.3-70B-Instruct';

/** The finished files. The user types part of them; the stand-in answers the rest. */
const TS_DONE = `// Scale every value by a factor.
export function scaled(values: number[], factor: number): number[] {
  return values.map((value) => value * factor);
}

export function total(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0);
}
`;
const TS_LINE = '  return values.map((value) => value * factor);\n';
const PY_DONE = `def mean(values):
    """The arithmetic mean of a list of numbers (0.0 for an empty list)."""
    if not values:
        return 0.0
    total = sum(values)
    return total / len(values)


def spread(values):
    return max(values) - min(values)
`;
const PY_BODY = '    if not values:\n        return 0.0\n    total = sum(values)\n    return total / len(values)\n';

interface LoggedRequest {
  seq: number;
  path: string;
  model?: string;
  status?: number;
}

async function completionRequests(ctx: E2EContext): Promise<LoggedRequest[]> {
  const res = await fetch(`${ctx.fake.url}/_control/requests`);
  const all = (await res.json()) as LoggedRequest[];
  return all.filter((r) => r.model === MODEL && /\/(chat\/)?completions$/.test(r.path));
}

/**
 * The ghost text on screen without its whitespace (Monaco renders it as one element per token,
 * inline parts and extra lines apart), '' when none. Compare with squeeze(expected).
 */
async function ghostText(page: Page): Promise<string> {
  const parts = page.locator('.editor-group-container.active .monaco-editor .ghost-text-decoration, .editor-group-container.active .monaco-editor .ghost-text');
  const texts = await parts.allTextContents().catch(() => [] as string[]);
  return squeeze(texts.join(''));
}

function squeeze(text: string): string {
  return text.replace(/[\s\u00a0]+/g, '');
}

async function waitForGhost(page: Page, expected: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = await ghostText(page);
    if (last && expected(last)) return last;
    if (Date.now() > deadline) throw new Error(`no matching ghost text within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    await page.waitForTimeout(100);
  }
}

async function noGhostFor(page: Page, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const text = await ghostText(page);
    if (text.trim()) throw new Error(`ghost text is showing: ${JSON.stringify(text)}`);
    await page.waitForTimeout(100);
  }
}

/** Puts the cursor at the end of a 1-based line, with the keys a person would use. */
async function cursorToLineEnd(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
}

async function saveAndRead(page: Page, file: string): Promise<string> {
  await page.keyboard.press('Control+S');
  await page.waitForTimeout(600);
  return readFileSync(file, 'utf8');
}

export const completionSpec: E2ESpec = {
  name: 'completion',
  async run(ctx) {
    const { page, cs, fake, steps, apiKey } = ctx;
    const tsFile = path.join(cs.workspace, 'scale.ts');
    const pyFile = path.join(cs.workspace, 'stats.py');
    // The files as the user finds them: the line / the body still to write.
    writeFileSync(tsFile, TS_DONE.replace(TS_LINE, ''));
    writeFileSync(pyFile, PY_DONE.replace(PY_BODY, ''));

    const ready = await steps.step('completion: the stand-in knows the files, settings point at it, a key is set', async () => {
      const res = await fetch(`${fake.url}/_control/sources`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sources: [{ path: 'scale.ts', text: TS_DONE }, { path: 'stats.py', text: PY_DONE }] }),
      });
      if (!res.ok) throw new Error(`registering sources: ${res.status}`);
      await setUserSettings(page, cs, {
        'sambanova.baseUrl': fake.scenarioUrl('completion', { ttft: 150, tps: 600 }),
        'sambanova.completion.model': MODEL,
        // The suggest widget would take Tab; this spec is about ghost text.
        'editor.quickSuggestions': { other: false, comments: false, strings: false },
        'editor.suggestOnTriggerCharacters': false,
        'editor.parameterHints.enabled': false,
      });
      await runCommand(page, 'SambaNova: Set API Key');
      await waitForQuickInput(page);
      await typeIntoQuickInput(page, apiKey, { enter: true });
      await waitForStatusBar(page, /^\$\(zap\) SambaNova/, { timeoutMs: 20_000 });
    });
    if (!ready) return;

    let before = 0;
    await steps.step('completion: ghost text appears while typing in a TypeScript file', async () => {
      await openFile(page, 'scale.ts');
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await cursorToLineEnd(page, 2);
      await page.keyboard.press('Enter');
      // The editor indents and closes brackets itself, as for a person.
      await page.keyboard.type('return values.map((value) => ', { delay: 70 });
      const ghost = await waitForGhost(page, (t) => t.includes(squeeze('value * factor')));
      steps.log(`  ghost text: ${JSON.stringify(ghost)}`);
      await steps.screenshot('completion-ts-ghost');
      before = (await completionRequests(ctx)).length;
      if (before < 1) throw new Error('the stand-in saw no completion request');
    });

    await steps.step('completion: typing through the suggestion keeps it, with no new request', async () => {
      await page.keyboard.type('val', { delay: 120 });
      const ghost = await waitForGhost(page, (t) => t.startsWith(squeeze('ue * factor')), 5000);
      await page.waitForTimeout(1200);
      const after = (await completionRequests(ctx)).length;
      steps.log(`  ghost after typing "val": ${JSON.stringify(ghost)}; requests ${before} -> ${after}`);
      if (after !== before) throw new Error(`typing along the suggestion sent ${after - before} new request(s)`);
    });

    await steps.step('completion: Tab accepts, and the file on disk is exactly right (no doubled brackets)', async () => {
      await page.keyboard.press('Tab');
      await page.waitForTimeout(300);
      const saved = await saveAndRead(page, tsFile);
      if (saved !== TS_DONE) {
        const line = saved.split('\n')[2];
        throw new Error(`scale.ts after Tab is not the finished file; line 3 is ${JSON.stringify(line)}`);
      }
    });

    await steps.step('completion: ghost text appears in a Python file (a block of lines)', async () => {
      await openFile(page, 'stats.py');
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await cursorToLineEnd(page, 2);
      await page.keyboard.press('Enter');
      const ghost = await waitForGhost(page, (t) => t.includes(squeeze('if not values')));
      steps.log(`  ghost text: ${JSON.stringify(ghost)}`);
      await steps.screenshot('completion-py-ghost');
    });

    await steps.step('completion: Escape dismisses the suggestion, and it does not come back', async () => {
      const n = (await completionRequests(ctx)).length;
      const toasts = await page.locator('.notifications-toasts .notification-toast').count();
      await page.keyboard.press('Escape');
      // The editor takes the ghost text away on its next render: wait for that, then it must
      // stay away (checking at once could read the frame before Escape took effect).
      const pressed = Date.now();
      let stillShown = 0;
      while ((await ghostText(page)) !== '') {
        stillShown++;
        if (Date.now() - pressed > 2000) throw new Error(`ghost text still showing 2 s after Escape: ${JSON.stringify(await ghostText(page))}`);
        await page.waitForTimeout(25);
      }
      const goneMs = Date.now() - pressed;
      try {
        await noGhostFor(page, 2000);
      } finally {
        steps.log(`  ghost text gone ${goneMs} ms after Escape, seen ${stillShown} time(s) after it (${toasts} notification toast(s) on screen); requests ${n} -> ${(await completionRequests(ctx)).length} while it stayed dismissed`);
      }
    });

    await steps.step('completion: accept-word takes one word of the suggestion (Ctrl+Right)', async () => {
      const n = (await completionRequests(ctx)).length;
      await runCommand(page, 'SambaNova: Trigger Inline Completion');
      await waitForGhost(page, (t) => t.includes(squeeze('if not values')));
      await steps.screenshot('completion-py-ghost-again');
      await page.keyboard.press('Control+ArrowRight');
      await page.waitForTimeout(400);
      await page.keyboard.press('Control+S');
      await page.waitForTimeout(600);
      const saved = readFileSync(pyFile, 'utf8');
      const line = saved.split('\n')[2] ?? '';
      steps.log(`  line 3 after accept-word: ${JSON.stringify(line)}; requests ${n} -> ${(await completionRequests(ctx)).length}`);
      if (!/^ {4}if\s?$/.test(line)) throw new Error(`accept-word should leave "    if" on line 3, found ${JSON.stringify(line)}`);
      const rest = await waitForGhost(page, (t) => t.includes(squeeze('not values')), 5000);
      steps.log(`  ghost after accept-word: ${JSON.stringify(rest)}`);
    });

    await steps.step('completion: Toggle Inline Completion off stops all requests', async () => {
      await page.keyboard.press('Escape');
      await runCommand(page, 'SambaNova: Toggle Inline Completion');
      const deadline = Date.now() + 10_000;
      while (!/"sambanova\.completion\.enabled"\s*:\s*false/.test(readFileSync(cs.userSettingsFile, 'utf8'))) {
        if (Date.now() > deadline) throw new Error('sambanova.completion.enabled was not set to false in the user settings');
        await page.waitForTimeout(200);
      }
      const n = (await completionRequests(ctx)).length;
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await cursorToLineEnd(page, 3);
      await page.keyboard.type(' not values:', { delay: 80 });
      await page.keyboard.press('Enter');
      await runCommand(page, 'SambaNova: Trigger Inline Completion');
      await noGhostFor(page, 2500);
      const after = (await completionRequests(ctx)).length;
      if (after !== n) throw new Error(`completion is off but ${after - n} request(s) were sent`);
      await steps.screenshot('completion-off-no-ghost');
      await runCommand(page, 'SambaNova: Toggle Inline Completion');
    });

    await steps.step('completion: a 429 shows in the status bar and nowhere else', async () => {
      await setUserSettings(page, cs, { 'sambanova.baseUrl': fake.scenarioUrl('completion', { fault: 'rate-limit', retryAfter: 40 }) });
      await openFile(page, 'stats.py');
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await cursorToLineEnd(page, 4);
      await page.keyboard.press('Enter');
      const seen: string[] = [];
      const text = await waitForStatusBar(page, /completion rate limited, retry in \d+ s/, { timeoutMs: 20_000, seen });
      steps.log(`  status bar: ${text}`);
      await steps.screenshot('completion-429-status-bar');
      const toasts = await page.locator('.notifications-toasts .notification-toast').count();
      if (toasts > 0) throw new Error(`${toasts} notification toast(s) showed`);
      await runCommand(page, 'Notifications: Show Notifications');
      await page.waitForTimeout(500);
      const items = await page.locator('.notifications-center .notification-list-item').allInnerTexts();
      await steps.screenshot('completion-429-no-notifications');
      await runCommand(page, 'Notifications: Hide Notifications').catch(() => undefined);
      // (The key-saved notice from the first step is expected; nothing about the rate limit is.)
      // \b: the stand-in's port (127.0.0.1:42995 in one run) is no 429.
      const ours = items.filter((t) => /rate.?limit|\b429\b|retry in|completion/i.test(t));
      if (ours.length > 0) throw new Error(`notifications about it: ${ours.join(' | ')}`);
      const refused = (await completionRequests(ctx)).filter((r) => r.status === 429).length;
      if (refused < 1) throw new Error('the stand-in answered no 429');
      steps.log(`  status bar text now: ${await statusBarText(page)}`);
    });
  },
};
