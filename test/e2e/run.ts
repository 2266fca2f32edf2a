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
  ARTIFACTS,
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
import { summaryNotes } from './lib/summaryNotes';
import { FLAKY_STREAK_LIMIT, isCi, judgeFlaky, readFlakyHistory, writeFlakyHistory, type SpecOutcome } from './lib/flakyHistory';
import { chatSpec } from './specs/chat';
import { firstRun } from './specs/firstRun';
import { vscodeChatSpec } from './specs/vscodeChat';
import { editCommandsSpec } from './specs/editCommands';
import { completionSpec } from './specs/completion';
import { completionTyping20, completionTyping240 } from './specs/completionTyping';
import { keyConsentSpec } from './specs/keyConsent';
import { xssInVsCode } from './xss/vscodeSpec';

/** Consecutive CI runs in which each spec was flaky (test/e2e/lib/flakyHistory.ts). */
const FLAKY_HISTORY = path.join(ARTIFACTS, 'e2e', 'flaky-history.json');

/** Specs run in this order in one workbench; add new ones here. */
const SPECS: E2ESpec[] = [firstRun, chatSpec, xssInVsCode, vscodeChatSpec, editCommandsSpec, completionSpec, completionTyping20, completionTyping240, keyConsentSpec];

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
  const flaky: string[] = [];
  const outcomes: Record<string, SpecOutcome> = {};
  try {
    const vsix = process.env.E2E_VSIX ?? (await packageVsix(path.join(dir, 'sambanova.vsix'))).file;
    steps.log(`packed ${path.relative(ROOT, vsix)}`);
    const fake = await startFakeSambaNova({ logFile: path.join(dir, 'fake-sambanova.log') });
    browser = await launchBrowser();
    const only = process.env.E2E_SPECS?.split(',').map((name) => name.trim());
    // A filter that matches no spec would report "0 passed, 0 failed" and look green.
    const unknown = only?.filter((name) => !SPECS.some((s) => s.name === name)) ?? [];
    if (unknown.length) throw new Error(`E2E_SPECS names no spec: ${unknown.join(', ')} (specs: ${SPECS.map((s) => s.name).join(', ')})`);
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
    for (const spec of SPECS.filter((s) => !only || only.includes(s.name))) {
      // A UI test on a shared 2-core machine can lose a race with the workbench itself (focus
      // stolen, a list still loading). A failed spec runs once more in a fresh VS Code; the
      // failure stays in the log and in the closing list of reruns, and a second failure counts.
      for (let attempt = 1; ; attempt++) {
        const before = { passed: steps.passed, failed: steps.failed };
        await runSpec(spec, attempt);
        const failedNow = steps.failed - before.failed;
        if (failedNow === 0 || attempt > retries) {
          outcomes[spec.name] = failedNow > 0 ? 'failed' : attempt > 1 ? 'flaky' : 'passed';
          break;
        }
        flaky.push(`${spec.name}: ${failedNow} step(s) failed on attempt ${attempt}; ran again`);
        steps.log(`spec ${spec.name} failed on attempt ${attempt}; running it again in a fresh VS Code`);
        steps.passed = before.passed;
        steps.failed = before.failed;
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
  if (flaky.length) steps.log(`specs that failed once and ran again (see above):\n  ${flaky.join('\n  ')}`);
  // A spec that passed only when run again is flaky, not simply passed: say so in the summary,
  // and fail the run when CI saw it flaky twice in a row (history under .artifacts).
  const ci = isCi();
  const verdict = judgeFlaky(readFlakyHistory(FLAKY_HISTORY), outcomes, ci);
  if (ci) writeFlakyHistory(FLAKY_HISTORY, verdict.history);
  if (verdict.flaky.length) steps.log(`FLAKY (passed only on a re-run): ${verdict.flaky.join(', ')}${ci ? '' : ' (not CI: streaks not recorded)'}`);
  for (const { spec, streak } of verdict.failing) {
    steps.failed++;
    steps.log(`FAIL ${spec} was flaky in ${streak} CI runs in a row (limit ${FLAKY_STREAK_LIMIT}; ${path.relative(ROOT, FLAKY_HISTORY)}): find whether the test or the product is at fault`);
  }
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
