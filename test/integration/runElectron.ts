// The same integration suites in a desktop VS Code, through @vscode/test-electron, for machines
// that can download VS Code (update.code.visualstudio.com). This sandbox cannot (only the npm
// registry and Debian are reachable), so `npm test` uses run.ts with code-server instead; the
// suites are identical. On Linux without a display run it under xvfb-run.
//
// Usage: node --import tsx test/integration/runElectron.ts [--minimum]   (after `node esbuild.mjs`)
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT, runDir, startFakeSambaNova, stopAll } from '../e2e/harness';

async function main(): Promise<number> {
  const minimum = process.argv.includes('--minimum');
  const dir = runDir('integration-electron', minimum ? 'minimum' : 'stable');
  const userDataDir = path.join(dir, 'user-data');
  const workspace = path.join(dir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const fake = await startFakeSambaNova({ logFile: path.join(dir, 'fake-sambanova.log') });
  try {
    await runTests({
      version: minimum ? '1.104.0' : 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [workspace, '--user-data-dir', userDataDir, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: {
        SAMBANOVA_TEST_HOOKS: '1',
        SAMBANOVA_TEST_FAKE_URL: fake.url,
        SAMBANOVA_TEST_USER_DATA: userDataDir,
        SAMBANOVA_TEST_WORKSPACE: workspace,
        SAMBANOVA_API_KEY: '',
      },
    });
    return 0;
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    return 1;
  } finally {
    await stopAll();
  }
}

void main().then((code) => process.exit(code));
