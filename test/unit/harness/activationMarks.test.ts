import * as assert from 'node:assert/strict';
import { extensionLoadTimes, median, parseActivationStats, type PerfMark } from '../../../bench/activationReport';

const ours = 'sambanova-community.sambanova';
const peer = 'vscode.merge-conflict';
const mark = (name: string, startTime: number): PerfMark => ({ name, startTime });

describe('activation bench: per-extension code loading from extension host marks', () => {
  it("counts each extension's own require(), not the waits around it", () => {
    // As in a real session: both start loading in one batch; activation marks are ignored.
    const marks = [
      mark('code/timeOrigin', 0),
      mark(`code/extHost/willLoadExtensionCode/${ours}`, 1000),
      mark(`code/extHost/didLoadExtensionCode/${ours}`, 1012),
      mark(`code/extHost/willLoadExtensionCode/${peer}`, 1012),
      mark(`code/extHost/didLoadExtensionCode/${peer}`, 1030),
      mark(`code/extHost/willActivateExtension/${ours}`, 1031),
      mark(`code/extHost/didActivateExtension/${ours}`, 1090),
      mark('code/extHost/ready', 900),
    ];
    assert.deepEqual(extensionLoadTimes(marks), [
      { id: ours, loadMs: 12 },
      { id: peer, loadMs: 18 },
    ]);
  });

  it('leaves out an extension whose loading has not finished', () => {
    assert.deepEqual(extensionLoadTimes([mark(`code/extHost/willLoadExtensionCode/${ours}`, 1)]), []);
  });

  it('takes ids with dots and dashes whole', () => {
    const id = 'ms-vscode.js-debug-companion';
    const marks = [mark(`code/extHost/willLoadExtensionCode/${id}`, 3), mark(`code/extHost/didLoadExtensionCode/${id}`, 7)];
    assert.deepEqual(extensionLoadTimes(marks), [{ id, loadMs: 4 }]);
  });

  it('median of odd and even counts', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });
});

describe('activation bench: Startup Performance table (parseActivationStats)', () => {
  const doc = [
    '## Performance Marks',
    '| Name | Timestamp | Delta | Total |',
    '| ---- | --------- | ----- | ----- |',
    '| code/didStartMain | 1 | 0 | 0 |',
    '',
    '## Extension Activation Stats',
    '| Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| ${ours} | false | 95 | 3 | 0 | onStartupFinished | ${ours} |`,
    `| ${peer} | false | 180 | 1 | 1 | onStartupFinished | ${peer} |`,
    '',
    '## Raw Perf Marks',
  ].join('\n');

  it("reads each extension's load, activate() call and finish times", () => {
    const stats = parseActivationStats(doc);
    assert.deepEqual(stats.get(ours), { loadCodeMs: 95, callActivateMs: 3, finishActivateMs: 0 });
    assert.deepEqual(stats.get(peer), { loadCodeMs: 180, callActivateMs: 1, finishActivateMs: 1 });
    assert.equal(stats.size, 2);
  });

  it('is empty when the table is missing (document not complete yet)', () => {
    assert.equal(parseActivationStats('## Performance Marks\n| Name |').size, 0);
  });
});
