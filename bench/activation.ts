// Activation benchmark in a real VS Code (code-server 4.139.1): the packed extension is
// installed, the workbench is opened BENCH_RUNS times (each page load starts a new extension
// host), and "Developer: Show Running Extensions" is read for VS Code's own activation figure of
// ours and of the built-in extensions activated in the same window (the peers). Also prints
// activate()'s self-measured time (from our log) and the bundle and .vsix sizes, beside the goals.
//
// Usage: npm run bench:activation      (env BENCH_RUNS=5, BENCH_VSIX=path to reuse a .vsix)
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  ROOT,
  extensionLogFiles,
  launchBrowser,
  openWorkbench,
  packageVsix,
  runCommand,
  runDir,
  startCodeServer,
  stopAll,
  waitForStatusBar,
  workbenchUrl,
} from '../test/e2e/harness';
import { isImage, kib, median, parseActivationMs, zipEntries } from './activationReport';

const GOAL_ACTIVATION_MS = 50;
const GOAL_VSIX_BYTES = 1024 * 1024;

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const dir = runDir('bench', 'activation');
  mkdirSync(dir, { recursive: true });
  const vsix = process.env.BENCH_VSIX ?? (await packageVsix(path.join(dir, 'sambanova.vsix'))).file;

  // Port 9 (discard) on loopback: activation must not need the network, and nothing leaves the machine.
  const cs = await startCodeServer({
    dir,
    installVsix: [vsix],
    settings: { 'sambanova.baseUrl': 'http://127.0.0.1:9/v1' },
    env: { SAMBANOVA_API_KEY: 'bench-key' },
  });
  const browser = await launchBrowser();
  const ours: number[] = [];
  const peers = new Map<string, number[]>();
  try {
    for (let run = 1; run <= runs; run++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await openWorkbench(page, workbenchUrl(cs));
      await waitForStatusBar(page, /SambaNova/, { timeoutMs: 60_000 });
      await runCommand(page, 'Developer: Show Running Extensions');
      const rows = page.locator('.runtime-extensions-editor .monaco-list-row');
      await rows.first().waitFor({ timeout: 20_000 });
      await page.waitForTimeout(500);
      const figures: Array<[string, number]> = [];
      for (const row of await rows.all()) {
        const name = (await row.getAttribute('aria-label')) ?? '';
        const ms = parseActivationMs(await row.locator('.activation-time').innerText().catch(() => ''));
        if (name && ms !== undefined) figures.push([name, ms]);
      }
      if (run === 1) await page.screenshot({ path: path.join(dir, 'running-extensions.png') });
      await page.close();
      const mine = figures.find(([name]) => name === 'sambanova');
      if (!mine) throw new Error(`run ${run}: our extension is not in Running Extensions (${figures.map(([n]) => n).join(', ')})`);
      ours.push(mine[1]);
      for (const [name, ms] of figures) if (name !== 'sambanova') peers.set(name, [...(peers.get(name) ?? []), ms]);
      console.log(`run ${run}: sambanova ${mine[1]} ms; peers ${figures.filter(([n]) => n !== 'sambanova').map(([n, ms]) => `${n} ${ms}`).join(', ')}`);
    }
  } finally {
    await browser.close();
    await stopAll();
  }

  // activate()'s own measure, one "Activated in X ms" line per extension host session.
  const selfMeasured = extensionLogFiles(cs)
    .filter((f) => /sambanova/i.test(path.basename(f)))
    .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/Activated in ([\d.]+) ms/g)].map((m) => Number(m[1])));

  const peerMedians = [...peers.entries()].filter(([, v]) => v.length === runs).map(([n, v]) => [n, median(v)] as const);
  const peerMedian = median(peerMedians.map(([, v]) => v));
  const ourMedian = median(ours);

  // Sizes of the bundles as shipped (inside the .vsix), whatever dist/ holds right now.
  const entries = zipEntries(vsix);
  const shipped = (name: string): number | undefined => entries.find((e) => e.name === `extension/dist/${name}`)?.bytes;
  const extensionJs = shipped('extension.js') ?? Number.NaN;
  const webviewJs = shipped('webview.js');
  const vsixBytes = statSync(vsix).size;
  const imageBytes = entries.filter((e) => isImage(e.name)).reduce((sum, e) => sum + e.compressedBytes, 0);
  const withoutImages = vsixBytes - imageBytes;

  const verdict = (ok: boolean): string => (ok ? 'meets goal' : 'MISSES goal');
  console.log('\nActivation (VS Code 1.139 via code-server, Running Extensions figure, median of', runs, 'window loads)');
  console.log(`  sambanova            ${ourMedian} ms   goal < ${GOAL_ACTIVATION_MS} ms: ${verdict(ourMedian < GOAL_ACTIVATION_MS)}   (runs: ${ours.join(', ')})`);
  console.log(`  activate() itself    ${median(selfMeasured).toFixed(1)} ms (self-measured, runs: ${selfMeasured.map((v) => v.toFixed(1)).join(', ')})`);
  for (const [name, ms] of peerMedians.sort((a, b) => a[1] - b[1])) console.log(`  peer ${name.padEnd(28)} ${ms} ms`);
  console.log(`  ratio sambanova / median built-in peer (${peerMedian} ms): ${(ourMedian / peerMedian).toFixed(2)}`);
  console.log('\nSize');
  console.log(`  dist/extension.js    ${kib(extensionJs)} (production bundle)`);
  if (webviewJs !== undefined) console.log(`  dist/webview.js      ${kib(webviewJs)}`);
  console.log(`  .vsix                ${kib(vsixBytes)} (${entries.length} files); images ${kib(imageBytes)}`);
  console.log(`  .vsix before images  ${kib(withoutImages)}   goal < ${kib(GOAL_VSIX_BYTES)}: ${verdict(withoutImages < GOAL_VSIX_BYTES)}`);
  console.log(`  largest files: ${[...entries].sort((a, b) => b.compressedBytes - a.compressedBytes).slice(0, 4).map((e) => `${e.name} ${kib(e.compressedBytes)}`).join(', ')}`);

  const report = { runs, ours, ourMedian, selfMeasured, peers: Object.fromEntries(peerMedians), peerMedian, extensionJs, webviewJs, vsixBytes, imageBytes };
  writeFileSync(path.join(dir, 'activation.json'), JSON.stringify(report, null, 2));
  console.log(`\nreport: ${path.relative(ROOT, path.join(dir, 'activation.json'))}`);
}


main().catch(async (err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  await stopAll();
  process.exit(1);
});
