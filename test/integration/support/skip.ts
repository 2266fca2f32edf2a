// A test that cannot run on this VS Code says why: index.ts prints the reason with the test's
// title and counts it as skipped in the summary line, never as passed.
import type { Context, Runnable } from 'mocha';

const reasons = new WeakMap<Runnable, string>();

/** Skips the running test with a reason (mocha's this.skip() takes none). */
export function skipBecause(context: Context, reason: string): never {
  if (context.test) reasons.set(context.test, reason);
  context.skip();
}

export function skipReason(test: Runnable): string {
  return reasons.get(test) ?? 'no reason given';
}
