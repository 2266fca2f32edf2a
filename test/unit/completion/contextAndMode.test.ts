import * as assert from 'node:assert/strict';
import { buildContext, headWindow, pickSnippets, promptBudget, tailWindow } from '../../../src/core/completion/context';
import { decideLineMode } from '../../../src/core/completion/lineMode';

const lines = (n: number, tag = 'line') => Array.from({ length: n }, (_, i) => `${tag} ${i}`).join('\n');

describe('completion context', () => {
  it('prefix window keeps whole lines and the cursor line, within lines and tokens', () => {
    const text = `${lines(500)}\nconst x = `;
    const w = tailWindow(text, 100, 10_000);
    assert.ok(w.truncated);
    assert.equal(w.text.split('\n').length, 101);
    assert.ok(w.text.endsWith('const x = '));
    assert.ok(w.text.startsWith('line 400\n'));
    const small = tailWindow(text, 100, 20);
    assert.ok(small.text.length <= 80 + 'const x = '.length, small.text);
    assert.ok(small.text.endsWith('const x = '));
  });

  it('suffix window keeps whole lines from the cursor', () => {
    const w = headWindow(`);\n${lines(200)}`, 10, 10_000);
    assert.equal(w.text, `);\n${lines(10)}\n`);
    assert.ok(w.truncated);
  });

  it("respects the model's context length", () => {
    assert.equal(promptBudget({ contextLength: 1000, maxOutputTokens: 256, overheadTokens: 400 }), 344);
    assert.equal(promptBudget({ contextLength: 131072, maxOutputTokens: 256, overheadTokens: 400 }), 3000);
    const big = `${'x = 1\n'.repeat(5000)}y = `;
    const tight = buildContext(big, 'z\n'.repeat(5000), 'python', [], { contextLength: 1000, maxOutputTokens: 256, overheadTokens: 400 });
    assert.ok((tight.prefix.length + tight.suffix.length) / 4 <= 344, `${tight.prefix.length + tight.suffix.length} chars`);
    assert.ok(tight.prefix.endsWith('y = '));
  });

  it('snippets come from similar files of the same language only', () => {
    const prefix = 'const total = computeInvoiceTotal(invoice.lines, taxRate);\nconst shipping = ';
    const others = [
      { uri: 'billing.ts', languageId: 'typescript', text: `${lines(40, 'noise')}\nexport function computeInvoiceTotal(lines: Line[], taxRate: number) {\n  return lines.reduce((s, l) => s + l.price, 0) * (1 + taxRate);\n}\n` },
      { uri: 'billing.py', languageId: 'python', text: 'def computeInvoiceTotal(lines, taxRate, invoice): pass\n' },
      { uri: 'other.ts', languageId: 'typescript', text: 'export const unrelated = 42;\n' },
    ];
    const picked = pickSnippets(prefix, others, 'typescript', 500);
    assert.deepEqual(picked.map((s) => s.uri), ['billing.ts']);
    assert.ok(picked[0]!.text.includes('computeInvoiceTotal'));
    assert.deepEqual(pickSnippets(prefix, others, 'typescript', 0), []);
  });
});

describe('single or multi-line', () => {
  const cases: [string, string, 'single' | 'multi'][] = [
    ['def f():\n    ', '\n', 'multi'], // empty line in a block
    ['function f() {', '\n}', 'multi'], // after a block opener
    ['function f() {', '}', 'multi'], // opener with the closer auto-inserted
    ['if x:', '\n', 'multi'],
    ['const x = foo(', ');', 'single'], // mid-expression
    ['const total = ', '', 'single'],
    ['  return a + ', ' * 2;', 'single'], // code after the cursor
    ['', 'import os\n', 'multi'], // column 0 above code
  ];
  for (const [prefix, suffix, expected] of cases) {
    it(`${JSON.stringify(prefix)} | ${JSON.stringify(suffix)} -> ${expected}`, () => assert.equal(decideLineMode(prefix, suffix), expected));
  }
  it('with requests scarce, the end of a line asks for a block; code after the cursor still one line', () => {
    assert.equal(decideLineMode('const x = foo(', ');', true), 'multi');
    assert.equal(decideLineMode('const total = ', '', true), 'multi');
    assert.equal(decideLineMode('  return a + ', ' * 2;', true), 'single');
  });
});
