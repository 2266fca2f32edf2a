// What activate() returns, and which `sambanova.*.testSurface` commands exist, for the integration
// tests: the services (and with them the keys) in the hands of the caller, so no other extension
// may reach them. The production bundle (`node esbuild.mjs --production`, which
// `vscode:prepublish` and so every .vsix runs) has none of it: esbuild drops every statement
// labelled `TEST_HOOKS:` and defines SAMBANOVA_TEST_HOOKS_BUILD as false, so testHooksEnabled()
// is `false` there (test/unit/harness/productionBundle.test.ts checks the bundle). Development
// builds keep the hooks, and even there they only turn on with SAMBANOVA_TEST_HOOKS=1 in the
// extension host's environment. Guard a new hook the same way: `TEST_HOOKS: if (testHooksEnabled()) {`.
import type { Services } from './services';
import type { StatusBar } from './statusBar';

export interface TestHooks {
  readonly services: Services;
  readonly statusBar: Pick<StatusBar, 'text' | 'tooltip' | 'last' | 'clickCommand'>;
  /** Milliseconds activate() took, measured inside it. */
  readonly activationMs: number;
}

declare const SAMBANOVA_TEST_HOOKS_BUILD: boolean | undefined;

/** Whether this bundle was built with the test hooks (not in production, nor in plain tsx runs). */
const TEST_HOOKS_BUILT: boolean = typeof SAMBANOVA_TEST_HOOKS_BUILD === 'boolean' && SAMBANOVA_TEST_HOOKS_BUILD;

export function testHooksEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return TEST_HOOKS_BUILT && env.SAMBANOVA_TEST_HOOKS === '1';
}
