// What activate() returns when SAMBANOVA_TEST_HOOKS=1 is set in the extension host's
// environment (integration tests set it). Otherwise activate() returns nothing, so other
// extensions cannot drive requests with the user's key through our exports.
import type { Services } from './services';
import type { StatusBar } from './statusBar';

export interface TestHooks {
  readonly services: Services;
  readonly statusBar: Pick<StatusBar, 'text' | 'tooltip' | 'last' | 'clickCommand'>;
  /** Milliseconds activate() took, measured inside it. */
  readonly activationMs: number;
}

export function testHooksEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SAMBANOVA_TEST_HOOKS === '1';
}
