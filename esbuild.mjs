// Builds the two bundles the extension ships, and the integration-test bundle:
//   dist/extension.js  the extension host side (node, cjs, `vscode` external)
//   dist/webview.js    the chat UI (browser, iife); imports src/shared only
//   out/test/integration/index.js  mocha suites that run inside a real VS Code
// Usage: node esbuild.mjs [--watch] [--production]
// --production (vscode:prepublish, so every .vsix) minifies and builds without the test hooks
// (src/host/testHooks.ts): the commands that hand the services to integration tests are not in
// the shipped code at all. Development builds keep them for `npm run test:integration`.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The build options, also read by test/unit/build/productionBundle.test.ts. */
export function buildOptions({ production }) {
  const common = {
    bundle: true,
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    legalComments: 'none',
  };
  const builds = [
    {
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      // Production drops every `TEST_HOOKS:` block and turns testHooksEnabled() into `false`.
      define: { SAMBANOVA_TEST_HOOKS_BUILD: production ? 'false' : 'true' },
      dropLabels: production ? ['TEST_HOOKS'] : [],
    },
  ];
  if (existsSync('src/webview/main.ts')) {
    builds.push({
      ...common,
      entryPoints: ['src/webview/main.ts'],
      outfile: 'dist/webview.js',
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
    });
  }
  if (existsSync('test/integration/index.ts') && !production) {
    builds.push({
      ...common,
      entryPoints: ['test/integration/index.ts'],
      outfile: 'out/test/integration/index.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode', 'mocha'],
    });
  }
  return builds;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const watch = process.argv.includes('--watch');
  const builds = buildOptions({ production: process.argv.includes('--production') });
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
  } else {
    await Promise.all(builds.map((options) => esbuild.build(options)));
  }
}
