import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isCi, judgeFlaky, readFlakyHistory, writeFlakyHistory, type FlakyHistory } from '../../e2e/lib/flakyHistory';

const empty: FlakyHistory = { ciStreaks: {} };

describe('e2e flaky accounting (judgeFlaky)', () => {
  it('lists a spec that passed only on a re-run as flaky, without failing the first time', () => {
    const v = judgeFlaky(empty, { firstRun: 'passed', chat: 'flaky' }, true);
    assert.deepEqual(v.flaky, ['chat']);
    assert.deepEqual(v.failing, []);
    assert.deepEqual(v.history.ciStreaks, { chat: 1 });
  });

  it('fails the run when the same spec is flaky in a second CI run in a row', () => {
    const first = judgeFlaky(empty, { chat: 'flaky' }, true);
    const second = judgeFlaky(first.history, { chat: 'flaky' }, true);
    assert.deepEqual(second.failing, [{ spec: 'chat', streak: 2 }]);
    const third = judgeFlaky(second.history, { chat: 'flaky' }, true);
    assert.deepEqual(third.failing, [{ spec: 'chat', streak: 3 }]);
  });

  it('does not fail when two different specs are flaky once each', () => {
    const first = judgeFlaky(empty, { chat: 'flaky', xss: 'passed' }, true);
    const second = judgeFlaky(first.history, { chat: 'passed', xss: 'flaky' }, true);
    assert.deepEqual(second.failing, []);
    assert.deepEqual(second.history.ciStreaks, { xss: 1 });
  });

  it('a clean pass or an outright failure ends the streak', () => {
    const flakyOnce = judgeFlaky(empty, { chat: 'flaky', xss: 'flaky' }, true).history;
    const next = judgeFlaky(flakyOnce, { chat: 'passed', xss: 'failed' }, true);
    assert.deepEqual(next.history.ciStreaks, {});
    assert.deepEqual(judgeFlaky(next.history, { chat: 'flaky', xss: 'flaky' }, true).failing, []);
  });

  it('a spec that did not run (E2E_SPECS) keeps its streak', () => {
    const first = judgeFlaky(empty, { chat: 'flaky' }, true);
    const other = judgeFlaky(first.history, { xss: 'passed' }, true);
    assert.deepEqual(other.history.ciStreaks, { chat: 1 });
    assert.deepEqual(judgeFlaky(other.history, { chat: 'flaky' }, true).failing, [{ spec: 'chat', streak: 2 }]);
  });

  it('outside CI it reports flakiness but neither records nor fails', () => {
    const streak1: FlakyHistory = { ciStreaks: { chat: 1 } };
    const v = judgeFlaky(streak1, { chat: 'flaky' }, false);
    assert.deepEqual(v.flaky, ['chat']);
    assert.deepEqual(v.failing, []);
    assert.equal(v.history, streak1);
  });
});

describe('e2e flaky history file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'flaky-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips through the file and creates its folder', () => {
    const file = path.join(dir, 'e2e', 'flaky-history.json');
    assert.deepEqual(readFlakyHistory(file), empty);
    writeFlakyHistory(file, { ciStreaks: { chat: 2 } });
    assert.deepEqual(readFlakyHistory(file), { ciStreaks: { chat: 2 } });
  });

  it('treats a broken file or bad entries as no history', () => {
    const file = path.join(dir, 'h.json');
    writeFileSync(file, '{not json');
    const quiet = console.error;
    console.error = () => undefined;
    try {
      assert.deepEqual(readFlakyHistory(file), empty);
    } finally {
      console.error = quiet;
    }
    writeFileSync(file, JSON.stringify({ ciStreaks: { a: 'x', b: -1, c: 1.5, d: 2 } }));
    assert.deepEqual(readFlakyHistory(file), { ciStreaks: { d: 2 } });
  });
});

describe('isCi', () => {
  it('reads the CI variable the way CI services set it', () => {
    assert.equal(isCi({ CI: 'true' }), true);
    assert.equal(isCi({ CI: '1' }), true);
    assert.equal(isCi({}), false);
    assert.equal(isCi({ CI: 'false' }), false);
    assert.equal(isCi({ CI: '0' }), false);
    assert.equal(isCi({ CI: '' }), false);
  });
});
