// `npm start`: the packaged extension in a real VS Code (code-server) on 127.0.0.1, for a person
// to try in a browser. The key: SAMBANOVA_API_KEY if set, else the one stored in this VS Code by
// an earlier run (SambaNova: Set API Key), else none and the local stand-in server with a demo
// key (scripts/lib/startPlan.ts decides, and where a stored key lives is explained there). It says
// which. Runs until Ctrl+C, then stops everything it started.
//
// Env: PORT (default 8080; 0 = any free port), SAMBANOVA_API_KEY, SAMBANOVA_BASE_URL,
//      START_FAKE=1 (the local fake server whatever keys exist), START_VSIX (reuse a packed
//      .vsix), START_SMOKE=1 (start, verify, stop: for CI).
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  ARTIFACTS,
  EXTENSION_ID,
  ROOT,
  launchBrowser,
  openWorkbench,
  packageVsix,
  startCodeServer,
  startFakeSambaNova,
  statusBarText,
  stopAll,
  waitForStatusBar,
  workbenchUrl,
} from '../../test/e2e/harness';
import { planStart } from './startPlan';

const DEMO_KEY = 'demo-key-for-the-local-fake-server';

/** sambanova.baseUrl in the instance's user settings (written by code-server's harness as plain JSON). */
function savedBaseUrl(userDataDir: string): string | undefined {
  try {
    const settings = JSON.parse(readFileSync(path.join(userDataDir, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
    const url = settings['sambanova.baseUrl'];
    return typeof url === 'string' ? url : undefined;
  } catch {
    return undefined; // none yet, or the person's comments: then the default endpoint
  }
}

async function main(): Promise<number> {
  const smoke = process.env.START_SMOKE === '1';
  // Smoke runs get their own throw-away folder; a person's instance keeps its state between runs.
  const dir = path.join(ARTIFACTS, smoke ? `start-smoke-${process.pid}` : 'start');
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0..65535, got ${process.env.PORT}`);

  const vsix = process.env.START_VSIX ?? (await packageVsix(path.join(dir, 'sambanova.vsix'))).file;
  const userDataDir = path.join(dir, 'user-data'); // as startCodeServer lays out `dir`
  const envKey = process.env.SAMBANOVA_API_KEY?.trim();
  const plan = planStart({
    envKey,
    envBaseUrl: process.env.SAMBANOVA_BASE_URL,
    // A smoke test talks only to the server it starts, whatever keys the shell has.
    forceFake: smoke || process.env.START_FAKE === '1',
    storedKeyHint: existsSync(path.join(userDataDir, 'serve-web-key-half')),
    savedBaseUrl: smoke ? undefined : savedBaseUrl(userDataDir),
  });
  const origin = port === 0 ? 'this address' : `http://127.0.0.1:${port}`;
  let baseUrl: string;
  let note: string;
  if (plan.key === 'environment') {
    baseUrl = plan.baseUrl;
    note =
      `Key: SAMBANOVA_API_KEY from your environment. Endpoint: ${baseUrl}\n` +
      `  (a key you stored in this VS Code for that host, with SambaNova: Set API Key, takes precedence).`;
  } else if (plan.key === 'stored') {
    baseUrl = plan.baseUrl;
    note =
      `Key: the one an earlier run stored in this VS Code's SecretStorage (SambaNova: Set API Key). Endpoint: ${baseUrl}\n` +
      `  VS Code in the browser keeps it in the browser's storage for ${origin}: open it in the same browser, at the\n` +
      `  same PORT, or the extension asks for a key. The local fake server instead: START_FAKE=1 npm start`;
  } else {
    const fake = await startFakeSambaNova({ logFile: path.join(dir, 'fake-sambanova.log') });
    // `demo`: answers that follow each request (an edit keeps your code, a chat answer is about your question).
    baseUrl = fake.scenarioUrl('demo');
    note =
      (plan.reason === 'forced'
        ? `${smoke ? 'START_SMOKE=1' : 'START_FAKE=1'}, so this runs against the LOCAL FAKE SambaNova at ${fake.baseUrl}\n`
        : `Key: none (no SAMBANOVA_API_KEY, none stored by an earlier run), so this runs against the LOCAL FAKE SambaNova at ${fake.baseUrl}\n`) +
      `  (answers at realistic speed that follow each request without understanding it, with a demo key;\n` +
      `  a key stored in VS Code is never sent to it).\n` +
      `  For the real service: SAMBANOVA_API_KEY=... npm start (SambaNova: Set API Key there keeps it for later runs).`;
  }

  const cs = await startCodeServer({
    dir,
    port: port === 0 ? undefined : port,
    workspace: ROOT,
    installVsix: [vsix],
    keepExistingSettings: !smoke,
    settings: { 'sambanova.baseUrl': baseUrl },
    // The demo key only reaches the fake server: a real key from the environment is passed on as is.
    env: { SAMBANOVA_API_KEY: plan.key === 'fake' ? DEMO_KEY : envKey || '' },
    // A person wants notification toasts; the smoke-test driver would hide them.
    smokeTestDriver: smoke,
  });
  const installed = await cs.listExtensions();
  const ours = installed.find((e) => e.startsWith(`${EXTENSION_ID}@`));
  if (!ours) throw new Error(`the extension is not installed (found: ${installed.join(', ') || 'nothing'})`);

  console.log(`\nSambaNova for VS Code (${ours}) is running in VS Code ${cs.flavour === 'current' ? '1.139' : '1.104'}.`);
  console.log(`  ${note}`);
  console.log(`\n  Open ${cs.url}/?folder=${encodeURIComponent(cs.workspace)}\n`);

  if (smoke) return smokeCheck(cs);
  console.log('Press Ctrl+C to stop.');
  await new Promise(() => undefined); // the SIGINT handler in the harness stops everything
  return 0;
}

/** Proves the instance works: the workbench loads and the extension's status bar turns ready. */
async function smokeCheck(cs: Awaited<ReturnType<typeof startCodeServer>>): Promise<number> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openWorkbench(page, workbenchUrl(cs));
    const text = await waitForStatusBar(page, /^\$\(zap\) SambaNova$/, { timeoutMs: 60_000 }).catch(async (err: Error) => {
      await page.screenshot({ path: path.join(cs.dir, 'FAIL-smoke.png') });
      throw new Error(`${err.message} (status bar: "${await statusBarText(page)}")`);
    });
    await page.screenshot({ path: path.join(cs.dir, 'smoke.png') });
    console.log(`start smoke: healthz ok, extension installed, status bar "${text}"`);
    console.log('start: 1 passed, 0 failed');
    return 0;
  } finally {
    await browser.close();
  }
}

main().then(
  async (code) => {
    await stopAll();
    process.exit(code);
  },
  async (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    await stopAll();
    console.log('start: 0 passed, 1 failed');
    process.exit(1);
  },
);
