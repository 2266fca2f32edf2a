// `npm start`: the packaged extension in a real VS Code (code-server) on 127.0.0.1, for a person
// to try in a browser. With SAMBANOVA_API_KEY set it talks to SambaNova Cloud (or
// SAMBANOVA_BASE_URL); without one it starts the local stand-in server and says so.
// Runs until Ctrl+C, then stops everything it started.
//
// Env: PORT (default 8080; 0 = any free port), SAMBANOVA_API_KEY, SAMBANOVA_BASE_URL,
//      START_VSIX (reuse a packed .vsix), START_SMOKE=1 (start, verify, stop: for CI).
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

const DEMO_KEY = 'demo-key-for-the-local-fake-server';
const CLOUD = 'https://api.sambanova.ai/v1';

async function main(): Promise<number> {
  const smoke = process.env.START_SMOKE === '1';
  // Smoke runs get their own throw-away folder; a person's instance keeps its state between runs.
  const dir = path.join(ARTIFACTS, smoke ? `start-smoke-${process.pid}` : 'start');
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0..65535, got ${process.env.PORT}`);

  const vsix = process.env.START_VSIX ?? (await packageVsix(path.join(dir, 'sambanova.vsix'))).file;
  const realKey = process.env.SAMBANOVA_API_KEY?.trim();
  let baseUrl: string;
  let note: string;
  if (realKey) {
    baseUrl = process.env.SAMBANOVA_BASE_URL?.trim() || CLOUD;
    note = `Using your SAMBANOVA_API_KEY with ${baseUrl}.`;
  } else {
    const fake = await startFakeSambaNova({ logFile: path.join(dir, 'fake-sambanova.log') });
    baseUrl = fake.scenarioUrl('default');
    note =
      `No SAMBANOVA_API_KEY in the environment, so this runs against the LOCAL FAKE SambaNova at ${fake.baseUrl}\n` +
      `  (made-up answers at realistic speed; a demo key is preset). For the real service: SAMBANOVA_API_KEY=... npm start`;
  }

  const cs = await startCodeServer({
    dir,
    port: port === 0 ? undefined : port,
    workspace: ROOT,
    installVsix: [vsix],
    keepExistingSettings: !smoke,
    settings: { 'sambanova.baseUrl': baseUrl },
    env: { SAMBANOVA_API_KEY: realKey || DEMO_KEY },
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
