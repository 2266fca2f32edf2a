// After the key was stored and used for requests, it must not be in any settings file or log on
// disk: only SecretStorage may hold it.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { secretIdFor } from '../../src/host/apiKeyStore';
import { activateExtension, testEnv } from './support/extension';
import { TEST_KEY } from './support/testKey';

function filesUnder(dir: string, keep: (file: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) filesUnder(full, keep, out);
    else if (keep(full)) out.push(full);
  }
  return out;
}

describe('the key stays out of files', () => {
  it('is in SecretStorage (so the search below looks for a key that exists)', async () => {
    const { hooks } = await activateExtension();
    const origin = new URL(testEnv('SAMBANOVA_TEST_FAKE_URL')).origin;
    assert.equal(await hooks.services.context.secrets.get(secretIdFor(origin)), TEST_KEY);
  });

  it('is not in the user or workspace settings', () => {
    const userData = testEnv('SAMBANOVA_TEST_USER_DATA');
    const workspace = testEnv('SAMBANOVA_TEST_WORKSPACE');
    const userSettings = path.join(userData, 'User', 'settings.json');
    // The suites wrote sambanova.* settings, so the file exists and proves we read the right one.
    assert.match(readFileSync(userSettings, 'utf8'), /sambanova\.baseUrl/);
    const files = [userSettings, ...filesUnder(path.join(workspace, '.vscode'), () => true)];
    for (const file of files) assert.ok(!readFileSync(file, 'utf8').includes(TEST_KEY), `API key found in ${file}`);
  });

  it('is not in any log (the SambaNova log and the extension host logs)', async () => {
    const { hooks } = await activateExtension();
    hooks.services.log.info('key leak check: flushing');
    await new Promise((r) => setTimeout(r, 1500)); // log files are flushed asynchronously
    const logs = filesUnder(path.join(testEnv('SAMBANOVA_TEST_USER_DATA'), 'logs'), (f) => f.endsWith('.log'));
    const ours = logs.filter((f) => /sambanova/i.test(path.basename(f)));
    assert.ok(ours.length > 0, `no SambaNova log among ${logs.length} log files`);
    assert.match(ours.map((f) => readFileSync(f, 'utf8')).join('\n'), /Activated in/);
    for (const file of logs) assert.ok(!readFileSync(file, 'utf8').includes(TEST_KEY), `API key found in ${file}`);
  });
});
