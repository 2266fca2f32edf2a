import assert from 'node:assert/strict';
import { rebase, trackRange, trackRangeThrough } from '../../../src/core/edit/rebase';

const range = { start: 10, end: 20 };
const apply = (text: string, c: { rangeOffset: number; rangeLength: number; text: string }) =>
  text.slice(0, c.rangeOffset) + c.text + text.slice(c.rangeOffset + c.rangeLength);

describe('concurrent changes to a pending edit', () => {
  it('a change before the range moves it; an insertion right at its start too', () => {
    assert.deepEqual(trackRange(range, { rangeOffset: 0, rangeLength: 2, text: 'abcde' }), { start: 13, end: 23 });
    assert.deepEqual(trackRange(range, { rangeOffset: 10, rangeLength: 0, text: 'xx' }), { start: 12, end: 22 });
  });

  it('a change after the range (or an insertion at its end) leaves it', () => {
    assert.deepEqual(trackRange(range, { rangeOffset: 20, rangeLength: 5, text: '' }), range);
    assert.deepEqual(trackRange(range, { rangeOffset: 20, rangeLength: 0, text: 'z' }), range);
  });

  it('a change inside or across the range makes it stale', () => {
    assert.equal(trackRange(range, { rangeOffset: 15, rangeLength: 0, text: 'x' }), undefined);
    assert.equal(trackRange(range, { rangeOffset: 5, rangeLength: 6, text: '' }), undefined);
    assert.equal(trackRange(range, { rangeOffset: 19, rangeLength: 3, text: 'q' }), undefined);
  });

  it('a batch of changes (multi-cursor) around the range is tracked and the text still matches', () => {
    const original = '0123456789ABCDEFGHIJklmnop';
    const changes = [
      { rangeOffset: 22, rangeLength: 1, text: 'XY' },
      { rangeOffset: 2, rangeLength: 3, text: '' },
    ];
    let text = original;
    for (const c of changes) text = apply(text, c); // VS Code order: last first
    const tracked = trackRangeThrough(range, changes);
    assert.deepEqual(tracked, { start: 7, end: 17 });
    assert.deepEqual(rebase(text, tracked, original.slice(10, 20)), { ok: true, range: { start: 7, end: 17 } });
  });

  it('rebase refuses when the range text differs or the range was lost', () => {
    assert.deepEqual(rebase('abcdef', { start: 1, end: 3 }, 'xx'), { ok: false, reason: 'changed' });
    assert.deepEqual(rebase('abcdef', undefined, 'bc'), { ok: false, reason: 'changed' });
  });
});
