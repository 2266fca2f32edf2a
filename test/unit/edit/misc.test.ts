import assert from 'node:assert/strict';
import { matchBlockRange } from '../../../src/core/edit/blockMatch';
import { checkContextSize } from '../../../src/core/edit/contextCheck';
import { StreamingProposal } from '../../../src/core/edit/proposal';
import { planTests, relativePath } from '../../../src/core/edit/testConventions';

describe('context size check', () => {
  const messages = [{ role: 'user' as const, content: 'x'.repeat(40_000) }];
  it('refuses with the numbers when prompt + answer exceed the context', () => {
    const r = checkContextSize({ messages, code: 'x'.repeat(40_000), model: 'M', contextLength: 16_384, expectsRewrite: true });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && /about 10,000 tokens of code, 10,004 tokens with the prompt, plus about 12,000 for the answer.*16,384 tokens/.test(r.message), !r.ok ? r.message : '');
  });
  it('passes when it fits or when the context length is unknown', () => {
    assert.equal(checkContextSize({ messages, code: 'x', model: 'M', contextLength: 131_072, expectsRewrite: true }).ok, true);
    assert.equal(checkContextSize({ messages, code: 'x'.repeat(40_000), model: 'M', expectsRewrite: true }).ok, true);
  });
});

describe('chat Apply block matching', () => {
  const doc = 'import a;\n\nfunction add(a, b) {\n  return a + b;\n}\n\nfunction sub(a, b) {\n  return a - b;\n}\n';
  it('finds the function a block is a new version of', () => {
    const r = matchBlockRange(doc, 'function sub(a, b) {\n  // subtract\n  return a - b;\n}');
    assert.deepEqual(r, { start: { line: 6, character: 0 }, end: { line: 8, character: 1 } });
  });
  it('no anchor, an ambiguous anchor or a one-liner gives no range (insert at the cursor instead)', () => {
    assert.equal(matchBlockRange(doc, 'function mul(a, b) {\n  return a * b;\n}'), undefined);
    assert.equal(matchBlockRange(doc + doc, 'function sub(a, b) {\n  return 0;\n}'), undefined);
    assert.equal(matchBlockRange(doc, 'return a + b;'), undefined);
  });
});

describe('test conventions', () => {
  it('mirrors a test/ tree and its .test naming, with the import path from there', () => {
    const p = planTests({ sourcePath: 'src/core/edit/range.ts', testFiles: ['test/unit/a.test.ts', 'test/core/b.test.ts', 'test/core/edit/c.test.ts'], packageJson: '{"devDependencies":{"mocha":"1"}}' });
    assert.equal(p.testFilePath, 'test/core/edit/range.test.ts');
    assert.equal(p.importPath, '../../../src/core/edit/range');
    assert.equal(p.framework, 'mocha (with node:assert)');
    assert.equal(p.examplePath, 'test/core/edit/c.test.ts');
  });
  it('beside the source with .spec, in __tests__, and language defaults', () => {
    assert.equal(planTests({ sourcePath: 'app/x.js', testFiles: ['app/y.spec.js'], packageJson: '{"devDependencies":{"jest":"1"}}' }).testFilePath, 'app/x.spec.js');
    const nested = planTests({ sourcePath: 'src/x.tsx', testFiles: ['src/__tests__/y.test.tsx'] });
    assert.equal(nested.testFilePath, 'src/__tests__/x.test.tsx');
    assert.equal(nested.importPath, '../x');
    assert.equal(planTests({ sourcePath: 'pkg/calc.py', testFiles: [] }).testFilePath, 'pkg/test_calc.py');
    assert.equal(planTests({ sourcePath: 'calc.go', testFiles: [] }).testFilePath, 'calc_test.go');
    assert.equal(relativePath('', 'src/a'), './src/a');
    assert.equal(planTests({ sourcePath: 'lib/calc.js', testFiles: ['spec/lib/other.spec.js'] }).testFilePath, 'spec/lib/calc.spec.js');
    assert.equal(planTests({ sourcePath: 'src/deep/x.ts', testFiles: ['test/a.test.ts'] }).testFilePath, 'test/x.test.ts');
  });
});

describe('streaming proposal', () => {
  it('previews prefix + re-indented code so far + suffix, and finishes with the whole answer', () => {
    const p = new StreamingProposal('class A {\n', '\n}\n', { baseIndent: '    ', style: { insertSpaces: true, tabSize: 4 }, indentFirstLine: true, eol: '\n', trailingNewline: false });
    const answer = 'Here:\n```ts\nf() {\n  return 2;\n}\n```\nThat is all.';
    const previews: string[] = [];
    for (let i = 0; i < answer.length; i += 5) {
      p.push(answer.slice(i, i + 5));
      previews.push(p.previewText());
    }
    assert.ok(previews.every((t) => t.startsWith('class A {\n') && t.endsWith('\n}\n') && !t.includes('Here') && !t.includes('```')));
    assert.ok(previews.some((t) => t.includes('    f() {\n        ret')), 'partial lines stream');
    const done = p.finish();
    assert.equal(done?.replacement, '    f() {\n        return 2;\n    }');
    assert.equal(p.previewText(), 'class A {\n    f() {\n        return 2;\n    }\n}\n');
  });
  it('an answer without code finishes with nothing to apply', () => {
    const p = new StreamingProposal('', '', { baseIndent: '', style: { insertSpaces: true, tabSize: 2 }, indentFirstLine: true, eol: '\n', trailingNewline: false });
    p.push('\n\n');
    assert.equal(p.finish(), undefined);
  });
});
