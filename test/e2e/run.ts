// End-to-end: the packaged extension in a fresh real VS Code, driven through the UI.
// Packs the .vsix (production build), installs it into a new code-server, starts the local
// SambaNova, points the user's sambanova.baseUrl at it, then runs the specs in order in one
// workbench. Screenshots of every step, and on failure the logs, go to .artifacts/e2e/<run>/.
//
// Usage: npm run test:e2e          (env E2E_VSIX=path reuses a packed .vsix; E2E_SPECS=name,name)
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  EXTENSION_ID,
  ROOT,
  StepRunner,
  launchBrowser,
  openWorkbench,
  packageVsix,
  runDir,
  saveLogs,
  startCodeServer,
  startFakeSambaNova,
  stopAll,
  workbenchUrl,
  type CodeServer,
  type E2ESpec,
} from './harness';
import { CONFIRM_RUNS, judgeAttempts } from './lib/flakyRule';
import { summaryNotes } from './lib/summaryNotes';
import { chatSpec } from './specs/chat';
import { firstRun } from './specs/firstRun';
import { vscodeChatSpec } from './specs/vscodeChat';
import { vscodeAgentSpec } from './specs/vscodeAgent';
import { editCommandsSpec } from './specs/editCommands';
import { completionSpec } from './specs/completion';
import { completionTyping20, completionTyping240 } from './specs/completionTyping';
import { keyConsentSpec } from './specs/keyConsent';
import { xssInVsCode } from './xss/vscodeSpec';

/** Specs run in this order in one workbench; add new ones here. */
// BY_NAME_ONLY: specs that run only when E2E_SPECS names them (none at present).
const SPECS: E2ESpec[] = [firstRun, chatSpec, xssInVsCode, vscodeChatSpec, vscodeAgentSpec, editCommandsSpec, completionSpec, completionTyping20, completionTyping240, keyConsentSpec];
const BY_NAME_ONLY: E2ESpec[] = [];

async function main(): Promise<number> {
  const dir = runDir('e2e');
  let page: Page | undefined;
  let cs: CodeServer | undefined;
  const steps = new StepRunner({
    dir,
    label: 'e2e',
    page: () => page,
    onFailure: async (name) => {
      if (cs) saveLogs(cs, path.join(dir, `logs-after-${name.replace(/\W+/g, '_').slice(0, 60)}`));
    },
  });
  steps.log(`artifacts in ${path.relative(ROOT, dir)}`);

  let browser: Browser | undefined;
  const reruns: string[] = [];
  const flaky: string[] = [];
  const flakyFailing: string[] = [];
  try {
    const vsix = process.env.E2E_VSIX ?? (await packageVsix(path.join(dir, 'sambanova.vsix'))).file;
    steps.log(`packed ${path.relative(ROOT, vsix)}`);
    const fake = await startFakeSambaNova({ logFile: path.join(dir, 'fake-sambanova.log') });
    browser = await launchBrowser();
    const only = process.env.E2E_SPECS?.split(',').map((name) => name.trim());
    // A filter that matches no spec would report "0 passed, 0 failed" and look green.
    const unknown = only?.filter((name) => ![...SPECS, ...BY_NAME_ONLY].some((s) => s.name === name)) ?? [];
    if (unknown.length) throw new Error(`E2E_SPECS names no spec: ${unknown.join(', ')} (specs: ${[...SPECS, ...BY_NAME_ONLY].map((s) => s.name).join(', ')})`);
    const runSpec = async (spec: E2ESpec, attempt: number): Promise<void> => {
      // Each spec gets a fresh VS Code (own settings, secrets, extension host), so specs cannot
      // depend on what an earlier one left behind (a stored key, a chosen model, open editors).
      const specDir = path.join(dir, `${spec.name.replace(/\W+/g, '-')}${attempt > 1 ? `-attempt${attempt}` : ''}`);
      // 'slow' (40 tok/s, 120 tokens: about 3 s) so a person, and this test, can watch the live rate.
      const baseUrl = fake.scenarioUrl('slow', { tokens: 120 });
      steps.log(`spec: ${spec.name}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
      const started = await steps.step(`${spec.name}: fresh VS Code with the .vsix installed opens`, async () => {
        cs = await startCodeServer({ dir: specDir, installVsix: [vsix], settings: { 'sambanova.baseUrl': baseUrl } });
        const installed = await cs.listExtensions();
        if (!installed.some((e) => e.startsWith(`${EXTENSION_ID}@`))) throw new Error(`vsix not installed: ${installed.join(', ')}`);
        steps.log(`  code-server ${cs.url} with ${installed.join(', ')}; SambaNova at ${baseUrl}`);
        page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
        await openWorkbench(page, workbenchUrl(cs));
      });
      if (started && page && cs) {
        await spec.run({ page, cs, fake, steps, dir: specDir, apiKey: `sn-e2e-${randomBytes(12).toString('hex')}`, state: {} });
      }
      await page?.close().catch(() => undefined);
      page = undefined;
      if (cs) {
        await cs.stop();
        saveLogs(cs, path.join(specDir, 'logs'));
        cs = undefined;
      }
    };
    const retries = Number(process.env.E2E_RETRIES ?? 1);
    for (const spec of only ? [...SPECS, ...BY_NAME_ONLY].filter((s) => only.includes(s.name)) : SPECS) {
      // A UI test on a shared 2-core machine can lose a race with the workbench itself (focus
      // stolen, a list still loading). A failed spec runs again in a fresh VS Code; if it then
      // passes, it runs CONFIRM_RUNS more times, and failing among them fails the layer
      // (test/e2e/lib/flakyRule.ts). Only the last attempt's steps are counted.
      const attempts: boolean[] = [];
      for (;;) {
        const before = { passed: steps.passed, failed: steps.failed, skipped: steps.skipped.length };
        await runSpec(spec, attempts.length + 1);
        attempts.push(steps.failed === before.failed);
        const verdict = judgeAttempts(attempts, retries);
        if (verdict.kind === 'again') {
          reruns.push(`${spec.name}: ${verdict.why}`);
          steps.log(`spec ${spec.name} ${verdict.why}`);
          steps.passed = before.passed;
          steps.failed = before.failed;
          steps.skipped.splice(before.skipped);
          continue;
        }
        if (verdict.kind === 'flaky') flaky.push(`${spec.name} (${verdict.why})`);
        if (verdict.kind === 'failed' && attempts.includes(true)) flakyFailing.push(`${spec.name} (${verdict.why})`);
        break;
      }
    }
  } catch (err) {
    // Setup failures (packing, start) count as a failed step with its logs.
    steps.failed++;
    steps.log(`FAIL setup: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await stopAll();
    if (cs) saveLogs(cs, path.join(dir, 'logs'));
  }
  if (reruns.length) steps.log(`specs run again (see above):\n  ${reruns.join('\n  ')}`);
  // A spec that passed only on re-runs is flaky, not simply passed: the summary says so. One that
  // failed again while being confirmed has already failed the layer (its last attempt's steps).
  if (flaky.length) steps.log(`FLAKY (passed only on a re-run, then ${CONFIRM_RUNS} more times): ${flaky.join(', ')}`);
  if (flakyFailing.length) steps.log(`FLAKY, failed again in this run (fails the layer): ${flakyFailing.join(', ')}`);
  // Figures specs asked to repeat here (completion coverage), each attempt's own line.
  for (const note of summaryNotes()) steps.log(`figures: ${note}`);
  return steps.finish();
}

main().then(
  (code) => process.exit(code),
  async (err: unknown) => {
    console.error(err);
    await stopAll();
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
