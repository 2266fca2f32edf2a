// Entry point VS Code's extension host loads through extensionTestsPath: runs the suites with
// mocha and settles when they are done (the host then exits with 0 or 1). esbuild bundles this
// file, so suites are imported here explicitly, in the order they must run.
import Mocha from 'mocha';
import { skipReason } from './support/skip';

export async function run(): Promise<void> {
  const grep = process.env.SAMBANOVA_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 20_000, ...(grep ? { grep } : {}) });
  // Set describe/it as globals before the suites' modules evaluate (they are lazily imported).
  mocha.suite.emit('pre-require', globalThis, 'integration-bundle', mocha);
  await import('./activation.test.js');
  await import('./apiKey.test.js');
  await import('./streaming.test.js');
  await import('./settings.test.js');
  await import('./keyNotOnDisk.test.js');
  await import('./chat.test.js');
  await import('./languageModels.test.js');
  await import('./vscodeAgent.test.js');
  await import('./editCommands.test.js');
  await import('./completion.test.js');
  await import('./deactivation.test.js'); // must stay last: it disposes the extension
  await new Promise<void>((resolve, reject) => {
    const notRun: string[] = [];
    const runner = mocha.run((failures) => {
      const { passes = 0, failures: failed = 0 } = runner.stats ?? {};
      // A skipped test is not run, never passed: each with its reason, above the summary.
      for (const line of notRun) console.log(line);
      // One plain line for the runner and CI to read.
      console.log(`${passes} passed, ${failed} failed${notRun.length ? `, ${notRun.length} skipped` : ''}`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('pending', (test) => notRun.push(`not run: ${test.fullTitle()}: ${skipReason(test)}`));
  });
}
