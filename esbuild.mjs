// Builds the bundles the extension ships, and the integration-test bundle:
//   dist/extension.js      what VS Code loads: runs dist/extensionMain.js through V8's code cache
//   dist/extensionMain.js  the extension host side (node, cjs, `vscode` external)
//   dist/zod.js            the zod the host uses, loaded on first use (src/core/boot/zodChunk.ts)
//   dist/webview.js        the chat UI (browser, iife); imports src/shared only
//   out/test/integration/index.js  mocha suites that run inside a real VS Code
// Usage: node esbuild.mjs [--watch] [--production]
// --production (vscode:prepublish, so every .vsix) minifies and builds without the test hooks
// (src/host/testHooks.ts): the commands that hand the services to integration tests are not in
// the shipped code at all. Development builds keep them for `npm run test:integration`.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * One namespace object for `vscode` instead of one per importing file. esbuild turns every
 * `import * as vscode from 'vscode'` into its own copy of the API object's ~200 properties
 * (`__toESM`), 38 copies at load: ~9 ms of the extension's load. Our files import this module
 * instead, which re-exports `vscode` once.
 */
const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-namespace' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-namespace' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-namespace' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/**
 * zod in a file of its own, required when a module that declares schemas first runs (esbuild
 * runs a lazily imported module's code on first use; wire schemas and the chat are such modules).
 * Inlined, V8 parsed its ~70 KB at every cold start although activation never parses anything.
 * `./zod.js` resolves next to dist/extension.js, whose require() the bundle runs with.
 */
const zodOnFirstUse = {
  name: 'zod-on-first-use',
  setup(build) {
    build.onResolve({ filter: /^zod\/(mini|locales)$/ }, () => ({ path: './zod.js', external: true }));
  },
};

/** The build options, also read by test/unit/harness/productionBundle.test.ts. */
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
      outfile: 'dist/extensionMain.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      plugins: [oneVscodeNamespace, zodOnFirstUse],
      // Production drops every `TEST_HOOKS:` block and turns testHooksEnabled() into `false`.
      define: { SAMBANOVA_TEST_HOOKS_BUILD: production ? 'false' : 'true' },
      dropLabels: production ? ['TEST_HOOKS'] : [],
    },
    {
      // The zod that extensionMain.js requires on first use (zodOnFirstUse above).
      ...common,
      entryPoints: ['src/core/boot/zodChunk.ts'],
      outfile: 'dist/zod.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: false,
    },
    {
      // What VS Code loads: runs extensionMain.js through V8's code cache (src/codeCacheLoader.ts).
      ...common,
      entryPoints: ['src/codeCacheLoader.ts'],
      outfile: 'dist/extension.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: false,
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
