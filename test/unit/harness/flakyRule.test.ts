import * as assert from 'node:assert/strict';
import { CONFIRM_RUNS, judgeAttempts } from '../../e2e/lib/flakyRule';

/** Plays a spec whose attempts come out as `results` until the rule stops; returns the verdict and how many ran. */
function play(results: boolean[], reruns = 1) {
  const attempts: boolean[] = [];
  for (const ok of results) {
    attempts.push(ok);
    const verdict = judgeAttempts(attempts, reruns);
    if (verdict.kind !== 'again') return { verdict, ran: attempts.length };
  }
  throw new Error(`still asking for more after ${results.length} attempts`);
}

describe('e2e flaky rule (judgeAttempts, within one run)', () => {
  it('a spec that passes at once passes, in one run', () => {
    assert.deepEqual(play([true]), { verdict: { kind: 'passed' }, ran: 1 });
  });

  it('fails a spec that fails twice', () => {
    const { verdict, ran } = play([false, false]);
    assert.equal(verdict.kind, 'failed');
    assert.equal(ran, 2);
  });

  it('confirms a pass after a failure with more runs, and calls it flaky when they all pass', () => {
    const { verdict, ran } = play([false, true, true, true, true, true]);
    assert.equal(verdict.kind, 'flaky');
    assert.equal(ran, 2 + CONFIRM_RUNS);
    assert.match((verdict as { why: string }).why, /failed attempt 1 of 5, then passed 4 in a row/);
  });

  it('fails the layer when a spec that failed and then passed fails again in the same run', () => {
    for (let k = 0; k < CONFIRM_RUNS; k++) {
      const results = [false, true, ...Array.from({ length: CONFIRM_RUNS }, (_, i) => i !== k)];
      const { verdict, ran } = play(results);
      assert.equal(verdict.kind, 'failed', `failure on confirming run ${k + 1}`);
      assert.equal(ran, 3 + k);
      assert.match((verdict as { why: string }).why, /^flaky and failing again/);
    }
  });

  it('E2E_RETRIES=0: a failure is final, no re-run', () => {
    assert.deepEqual(play([false], 0).ran, 1);
    assert.equal(play([false], 0).verdict.kind, 'failed');
  });
});
