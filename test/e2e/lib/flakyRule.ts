// What a spec's attempts in one run add up to. A failed spec runs again in a fresh VS Code; if it
// then passes, one pass proves little (a flaky test is a bug in the test or the product, and a
// retry must not hide it), so it runs CONFIRM_RUNS more times: a failure among them fails the
// layer; passing all of them makes it FLAKY (passed, and named in the summary). Everything is
// decided within the run, so it works in a CI job that starts from an empty clone every time.

/** Runs after a failed spec's first pass on a re-run. */
export const CONFIRM_RUNS = 3;

export type SpecVerdict =
  | { kind: 'again'; why: string }
  | { kind: 'passed' }
  | { kind: 'flaky'; why: string }
  | { kind: 'failed'; why: string };

/**
 * The next move after these attempts (true = passed), in order. `reruns` is how many times a
 * failed spec may run again before anything else (E2E_RETRIES; 0 = a failure is final).
 */
export function judgeAttempts(
  attempts: readonly boolean[],
  reruns = 1,
  confirmRuns = CONFIRM_RUNS,
): SpecVerdict {
  const n = attempts.length;
  if (n === 0) throw new Error('no attempt to judge');
  const failedAt = attempts.flatMap((ok, i) => (ok ? [] : [i + 1]));
  if (failedAt.length === 0) return { kind: 'passed' };
  const firstPass = attempts.indexOf(true);
  const record = `failed attempt${failedAt.length > 1 ? 's' : ''} ${failedAt.join(', ')} of ${n}`;
  if (firstPass === -1) {
    if (n <= reruns)
      return { kind: 'again', why: `failed on attempt ${n}; running it again in a fresh VS Code` };
    return { kind: 'failed', why: record };
  }
  // It has passed once after failing: a failure from here on is the pattern showing.
  if (failedAt.some((i) => i > firstPass + 1))
    return { kind: 'failed', why: `flaky and failing again: ${record}` };
  const confirmed = n - (firstPass + 1);
  if (confirmed < confirmRuns) {
    return {
      kind: 'again',
      why: `passed on attempt ${firstPass + 1} after failing; confirming (${confirmed + 1} of ${confirmRuns} more runs)`,
    };
  }
  return { kind: 'flaky', why: `${record}, then passed ${n - firstPass} in a row` };
}
