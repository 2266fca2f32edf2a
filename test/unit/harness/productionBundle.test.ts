// The shipped bundle holds no test hook: the commands that hand the services (and the keys) to
// integration tests, and activate()'s test exports, exist only in development builds.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(__dirname, '../../..');

async function extensionBundle(production: boolean): Promise<string> {
  const { buildOptions } = (await import(pathToFileURL(path.join(ROOT, 'esbuild.mjs')).href)) as {
    buildOptions(o: { production: boolean }): esbuild.BuildOptions[];
  };
  const options = buildOptions({ production }).find((o) => o.outfile === 'dist/extensionMain.js');
  assert.ok(options, 'esbuild.mjs has no dist/extensionMain.js build');
  const result = await esbuild.build({ ...options, absWorkingDir: ROOT, write: false, sourcemap: false, logLevel: 'silent' });
  const js = result.outputFiles.find((f) => f.path.endsWith('extensionMain.js'));
  assert.ok(js);
  return js.text;
}

const HOOK_MARKS = ['sambanova.chat.testSurface', 'sambanova.edit.testSurface', 'sambanova.lm.testSurface', 'sambanova.completion.testSurface', 'SAMBANOVA_TEST_HOOKS'];

describe('the production bundle', function () {
  this.timeout(120_000);

  it('registers no test hook and reads no SAMBANOVA_TEST_HOOKS', async () => {
    const js = await extensionBundle(true);
    assert.ok(js.includes('sambanova.setApiKey'), 'not the extension bundle');
    for (const mark of HOOK_MARKS) assert.ok(!js.includes(mark), `${mark} is in the production bundle`);
  });

  it('leaves zod to dist/zod.js, required on first use, not parsed at load (esbuild.mjs)', async () => {
    const js = await extensionBundle(true);
    assert.ok(js.includes('require("./zod.js")'), 'the bundle does not require ./zod.js');
    assert.ok(!js.includes('$ZodType'), 'zod is inlined in the extension bundle again');
  });

  it('while a development build (what the integration tests run) keeps them', async () => {
    const js = await extensionBundle(false);
    for (const mark of HOOK_MARKS) assert.ok(js.includes(mark), `${mark} is missing from the development build`);
  });
});
