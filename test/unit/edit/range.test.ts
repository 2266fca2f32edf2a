import assert from 'node:assert/strict';
import { resolveBlock, resolveEditRange, type SymbolRange } from '../../../src/core/edit/range';
import { TextIndex } from '../../../src/core/edit/text';

const text = [
  'import x from "x";', // 0
  '', // 1
  'class Calc {', // 2
  '  add(a, b) {', // 3
  '    return a + b;', // 4
  '  }', // 5
  '}', // 6
  '', // 7
  'const y = 1;', // 8
].join('\n');

const pos = (line: number, character: number) => ({ line, character });
const symbols: SymbolRange[] = [
  {
    name: 'Calc',
    kind: 'class',
    range: { start: pos(2, 0), end: pos(6, 1) },
    children: [{ name: 'add', kind: 'method', range: { start: pos(3, 2), end: pos(5, 3) } }],
  },
  { name: 'y', kind: 'other', range: { start: pos(8, 6), end: pos(8, 11) } },
];

describe('edit range resolution', () => {
  it('a selection is used exactly as it is', () => {
    const sel = { start: pos(4, 11), end: pos(4, 16) };
    const r = resolveEditRange(text, sel, symbols);
    assert.ok(r.ok);
    assert.deepEqual(r.range, sel);
    assert.equal(r.source, 'selection');
    assert.equal(new TextIndex(text).getText(r.range), 'a + b');
  });

  it('an empty selection takes the innermost enclosing function, as whole lines', () => {
    const r = resolveEditRange(text, { start: pos(4, 6), end: pos(4, 6) }, symbols);
    assert.ok(r.ok);
    assert.equal(r.source, 'symbol');
    assert.equal(r.symbolName, 'add');
    assert.deepEqual(r.range, { start: pos(3, 0), end: pos(5, 3) });
    assert.match(r.description, /method add \(lines 4-6\)/);
  });

  it('falls back to a class when no function encloses the cursor', () => {
    const r = resolveEditRange(text, { start: pos(6, 0), end: pos(6, 0) }, symbols);
    assert.ok(r.ok);
    assert.equal(r.symbolName, 'Calc');
    assert.deepEqual(r.range, { start: pos(2, 0), end: pos(6, 1) });
  });

  it('outside any block: the current line; a blank line or whitespace selection is refused', () => {
    const r = resolveEditRange(text, { start: pos(8, 3), end: pos(8, 3) }, symbols);
    assert.ok(r.ok);
    assert.equal(r.source, 'line');
    assert.deepEqual(r.range, { start: pos(8, 0), end: pos(8, 12) });
    assert.equal(resolveEditRange(text, { start: pos(1, 0), end: pos(1, 0) }, []).ok, false);
    assert.equal(resolveEditRange(text, { start: pos(7, 0), end: pos(8, 0) }, []).ok, false);
  });

  it('a diagnostic resolves to its enclosing function, or to its own lines outside one', () => {
    const inFn = resolveBlock(text, { start: pos(4, 11), end: pos(4, 12) }, symbols);
    assert.ok(inFn.ok && inFn.symbolName === 'add');
    const outside = resolveBlock(text, { start: pos(0, 0), end: pos(1, 0) }, symbols);
    assert.ok(outside.ok);
    assert.deepEqual(outside.range, { start: pos(0, 0), end: pos(0, 18) });
  });

  it('works without any symbols (no symbol provider for the language)', () => {
    const r = resolveEditRange(text, { start: pos(4, 0), end: pos(4, 0) }, []);
    assert.ok(r.ok);
    assert.equal(r.source, 'line');
    assert.equal(new TextIndex(text).getText(r.range), '    return a + b;');
  });

  it('TextIndex handles CRLF and offsets round-trip', () => {
    const idx = new TextIndex('ab\r\ncd\r\n');
    assert.equal(idx.lineText(0), 'ab');
    assert.equal(idx.offsetAt(pos(1, 1)), 5);
    assert.deepEqual(idx.positionAt(5), pos(1, 1));
    assert.deepEqual(idx.lineRange(1, 1), { start: pos(1, 0), end: pos(1, 2) });
  });
});
