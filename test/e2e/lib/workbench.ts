// Driving the VS Code workbench in headless Chromium the way a person would: the command
// palette, quick inputs, notifications, the status bar and webviews.
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';
import * as path from 'node:path';
import { ARTIFACTS, CHROMIUM, EXTENSION_ID } from './paths';
import type { CodeServer } from './codeServer';

/** Headless Debian Chromium as every browser test here runs it (extraArgs e.g. --js-flags for benches). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  // Chromium keeps crash reports and dconf state under XDG folders: keep them out of $HOME.
  const xdg = path.join(ARTIFACTS, 'chromium-xdg');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(xdg, 'config'),
      XDG_CACHE_HOME: path.join(xdg, 'cache'),
      XDG_DATA_HOME: path.join(xdg, 'data'),
    },
    args: [
      '--disable-crash-reporter',
      '--disable-breakpad',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export interface ExtensionTestPayload {
  /** Folder holding the unpacked extension (its package.json). */
  extensionDevelopmentPath: string;
  /** Bundled tests module exporting run(). */
  extensionTestsPath?: string;
  /** Environment of the extension host. */
  extensionEnvironment?: Record<string, string>;
}

export function workbenchUrl(cs: CodeServer, payload?: ExtensionTestPayload): string {
  let url = `${cs.url}/?folder=${encodeURIComponent(cs.workspace)}`;
  if (payload) {
    const entries: [string, string][] = [['extensionDevelopmentPath', cs.remoteUri(payload.extensionDevelopmentPath)]];
    if (payload.extensionTestsPath) entries.push(['extensionTestsPath', cs.remoteUri(payload.extensionTestsPath)]);
    if (payload.extensionEnvironment) entries.push(['extensionEnvironment', JSON.stringify(payload.extensionEnvironment)]);
    url += `&payload=${encodeURIComponent(JSON.stringify(entries))}`;
  }
  return url;
}

/** Opens the workbench and waits until it is restored (the extension host is then starting). */
export async function openWorkbench(page: Page, url: string, timeoutMs = 90_000): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
  await page.locator('.part.statusbar').waitFor({ timeout: timeoutMs });
  // window.driver exists only with the smoke-test driver on.
  await page.evaluate(async () => {
    const driver = (window as unknown as { driver?: { whenWorkbenchRestored(): Promise<void> } }).driver;
    if (driver) await driver.whenWorkbenchRestored();
  });
}

const quickInput = (page: Page): Locator => page.locator('.quick-input-widget input.input').first();

/** Runs a command by its palette title ("SambaNova: Set API Key"), retrying when focus is stolen. */
export async function runCommand(page: Page, title: string, tries = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      await quickInput(page).waitFor({ state: 'visible', timeout: 10_000 });
      await quickInput(page).fill(`>${title}`);
      const row = page.locator(`.quick-input-list .monaco-list-row[aria-label^="${title.replace(/"/g, '\\"')}"]`).first();
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await row.click();
      // The palette row lingers for a moment; a quick pick the command opens must not be confused with it.
      await row.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
      return;
    } catch (err) {
      await page.keyboard.press('Escape');
      if (attempt >= tries) throw new Error(`could not run "${title}": ${(err as Error).message.split('\n')[0]}`);
      await page.waitForTimeout(1000);
    }
  }
}

/** True when the palette lists a command with this title (for features that land later). */
export async function hasCommand(page: Page, title: string): Promise<boolean> {
  await page.keyboard.press('F1');
  await quickInput(page).waitFor({ state: 'visible', timeout: 10_000 });
  await quickInput(page).fill(`>${title}`);
  const row = page.locator(`.quick-input-list .monaco-list-row[aria-label^="${title.replace(/"/g, '\\"')}"]`).first();
  const found = await row.waitFor({ state: 'visible', timeout: 3000 }).then(
    () => true,
    () => false,
  );
  await page.keyboard.press('Escape');
  return found;
}

/** Waits for an open quick input (input box or quick pick) and returns its prompt/placeholder text. */
export async function waitForQuickInput(page: Page, timeoutMs = 15_000): Promise<string> {
  await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: timeoutMs });
  await quickInput(page).waitFor({ state: 'visible', timeout: timeoutMs });
  const placeholder = (await quickInput(page).getAttribute('placeholder')) ?? '';
  const message = await page
    .locator('.quick-input-widget .quick-input-message')
    .first()
    .innerText()
    .catch(() => '');
  return [placeholder, message].filter(Boolean).join(' | ');
}

/** Types into the open quick input like a person (keystrokes, not fill) and optionally presses Enter. */
export async function typeIntoQuickInput(page: Page, text: string, options: { enter?: boolean } = {}): Promise<void> {
  await quickInput(page).click();
  await page.keyboard.type(text, { delay: 10 });
  if (options.enter ?? true) await page.keyboard.press('Enter');
}

/**
 * Opens a workspace file with Quick Open (Ctrl+P) and waits until its editor tab is active.
 * Enter is pressed only once the file's row is listed: results arrive after the typing, and an
 * early Enter opens nothing. Retried, because a palette closing late can swallow keystrokes.
 */
export async function openFile(page: Page, name: string, tries = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('Control+P');
      await quickInput(page).waitFor({ state: 'visible', timeout: 10_000 });
      await quickInput(page).fill(name);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 10_000 });
      return;
    } catch (err) {
      await page.keyboard.press('Escape');
      if (attempt >= tries) throw new Error(`Quick Open did not open ${name}: ${(err as Error).message.split('\n')[0]}`);
      await page.waitForTimeout(1000);
    }
  }
}

/** Rows of the open quick pick, by their aria-label, once at least one has a label (lists load async). */
export async function quickPickRows(page: Page, timeoutMs = 15_000): Promise<string[]> {
  const labelled = page.locator('.quick-input-list .monaco-list-row[aria-label]');
  await labelled.first().waitFor({ state: 'visible', timeout: timeoutMs });
  const labels: string[] = [];
  for (const row of await labelled.all()) labels.push((await row.getAttribute('aria-label')) ?? '');
  return labels.filter(Boolean);
}

/**
 * Finds a notification containing `text`. With the smoke-test driver toasts are suppressed, so
 * this falls back to the notification center. Returns the notification's first line.
 */
export async function expectNotification(page: Page, text: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  if (await toast.waitFor({ timeout: 2000 }).then(() => true, () => false)) {
    return (await toast.innerText()).split('\n')[0] ?? '';
  }
  const item = page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await page.locator('.notifications-center.visible').count())) await runCommand(page, 'Notifications: Show Notifications');
    if (await item.count()) {
      const line = (await item.innerText()).split('\n')[0] ?? '';
      await runCommand(page, 'Notifications: Hide Notifications').catch(() => undefined);
      return line;
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`no notification with ${String(text)}`);
}

/** The extension's status bar entry. VS Code builds its DOM id from `<extension id>.<item id>`. */
export function statusBarItem(page: Page, itemId = 'sambanova.status'): Locator {
  const id = `${EXTENSION_ID}.${itemId}`.replace(/\./g, '\\.');
  return page.locator(`#${id}`);
}

/**
 * The status bar entry's text as the extension set it, icons written back as `$(name)`:
 * "$(zap) 812 tok/s · 0.21 s". Empty string when the entry is not shown.
 */
export async function statusBarText(page: Page, itemId?: string): Promise<string> {
  const item = statusBarItem(page, itemId);
  if (!(await item.count())) return '';
  return item.first().evaluate(READ_STATUS_TEXT);
}

// Kept as source text: the runners are compiled by tsx/esbuild, whose helpers (__name) do not
// exist in the page where Playwright evaluates the function.
const READ_STATUS_TEXT = new Function(
  'el',
  `let out = '';
  const walk = (node) => {
    if (node.nodeType === 1 && node.classList.contains('codicon')) {
      const names = [...node.classList].filter((c) => c.startsWith('codicon-') && !c.startsWith('codicon-modifier-'));
      const spin = node.classList.contains('codicon-modifier-spin') ? '~spin' : '';
      out += names.map((n) => '$(' + n.slice(8) + spin + ')').join('');
      return;
    }
    if (node.nodeType === 3) out += node.textContent || '';
    node.childNodes.forEach(walk);
  };
  walk(el);
  return out.replace(/\\s+/g, ' ').trim();`,
) as (el: Element) => string;

/**
 * Polls the status bar until `expected` matches, recording every distinct text seen on the way
 * (the live rate changes several times a second). Throws with the history on timeout.
 */
export async function waitForStatusBar(
  page: Page,
  expected: RegExp,
  options: { timeoutMs?: number; seen?: string[]; intervalMs?: number } = {},
): Promise<string> {
  const seen = options.seen ?? [];
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const text = await statusBarText(page);
    if (seen[seen.length - 1] !== text) seen.push(text);
    if (expected.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`status bar never matched ${expected}; saw ${JSON.stringify(seen)}`);
    await page.waitForTimeout(options.intervalMs ?? 50);
  }
}

/** The content frame of the (first ready) webview: VS Code nests our HTML two iframes deep. */
export function chatFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Text of the visible output panel, e.g. after "SambaNova: Show Log". */
export async function outputPanelText(page: Page): Promise<string> {
  const lines = page.locator('.part.panel .monaco-editor .view-lines').first();
  await lines.waitFor({ state: 'visible', timeout: 10_000 });
  // Monaco renders spaces as U+00A0.
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}

/**
 * Changes user settings the way a person does: in the settings.json editor, saved with Ctrl+S.
 * (code-server does not notice settings.json being rewritten behind its back while it runs, so
 * writing the file directly only works before start.) Resolves once the file on disk has them.
 */
export async function setUserSettings(page: Page, cs: CodeServer, settings: Record<string, unknown>): Promise<void> {
  const current = JSON.parse(readFileSync(cs.userSettingsFile, 'utf8')) as Record<string, unknown>;
  const next: Record<string, unknown> = { ...current, ...settings };
  for (const [k, v] of Object.entries(settings)) if (v === undefined) delete next[k];
  // One line: typed newlines would be auto-indented by the editor.
  const text = JSON.stringify(next);
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  await page.locator('.tabs-container .tab.active', { hasText: 'settings.json' }).waitFor({ timeout: 15_000 });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  // The editor may still auto-close the first "{" and '"': drop whatever follows our text.
  await page.keyboard.press('Control+Shift+End');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+S');
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const saved = JSON.parse(readFileSync(cs.userSettingsFile, 'utf8')) as Record<string, unknown>;
      if (Object.entries(settings).every(([k, v]) => JSON.stringify(saved[k]) === JSON.stringify(v))) break;
    } catch {
      // Mid-write; try again.
    }
    if (Date.now() > deadline) throw new Error(`settings.json was not saved with ${JSON.stringify(settings)}`);
    await page.waitForTimeout(100);
  }
  await runCommand(page, 'View: Close Editor');
}
