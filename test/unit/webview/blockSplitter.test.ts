import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { MarkdownBlockSplitter } from '../../../src/webview/blockSplitter';

function splitAll(text: string, chunkSizes: () => number): { blocks: string[]; rest: string } {
  const splitter = new MarkdownBlockSplitter();
  const blocks: string[] = [];
  for (let i = 0; i < text.length; ) {
    const size = Math.max(1, chunkSizes());
    blocks.push(...splitter.append(text.slice(i, i + size)));
    i += size;
  }
  return { blocks, rest: splitter.finish() };
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const answer = [
  '# Plan',
  '',
  'First a paragraph that spans',
  'two lines.',
  '',
  '```ts',
  'const a = 1;',
  '',
  'function f() {',
  '  return a;',
  '}',
  '```',
  'Text right after the fence.',
  '',
  '1. one',
  '2. two',
  '',
  '3. three (loose)',
  '',
  '- item',
  '',
  '      indented code inside the list',
  '',
  '> quote',
  '> more',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  '~~~python',
  'print("```")',
  '~~~',
  '',
  'Setext title',
  '============',
  '',
  '- list with fence',
  '  ```js',
  '  let x = 1;',
  '',
  '  x++;',
  '  ```',
  '- next',
  '',
  'The end.',
].join('\n');

describe('MarkdownBlockSplitter', () => {
  it('loses and reorders nothing: blocks + rest is the input, whatever the chunking', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const random = seeded(seed);
      const { blocks, rest } = splitAll(answer, () => Math.floor(random() * 12));
      assert.equal(blocks.join('') + rest, answer, `seed ${seed}`);
    }
  });

  it('finds the same blocks whatever the chunking', () => {
    const whole = splitAll(answer, () => answer.length);
    const bytes = splitAll(answer, () => 1);
    assert.deepEqual(bytes.blocks, whole.blocks);
    for (let seed = 1; seed <= 20; seed++) {
      const random = seeded(seed);
      assert.deepEqual(splitAll(answer, () => Math.floor(random() * 30)).blocks, whole.blocks, `seed ${seed}`);
    }
    assert.ok(whole.blocks.length >= 8, `expected several blocks, got ${whole.blocks.length}`);
  });

  it('renders block by block exactly as the whole text renders', () => {
    const md = new MarkdownIt({ html: false, linkify: true });
    const { blocks, rest } = splitAll(answer, () => 7);
    assert.equal([...blocks, rest].map((b) => md.render(b)).join(''), md.render(answer));
  });

  it('closes a fence only at a matching fence line, and then cuts right after it', () => {
    const splitter = new MarkdownBlockSplitter();
    assert.deepEqual(splitter.append('Intro\n````py\nx = "~~~~"\n```\n'), ['Intro\n']);
    assert.equal(splitter.openBlock().kind, 'fence');
    const fence = '````py\nx = "~~~~"\n```\n`````\n';
    assert.deepEqual(splitter.append('`````\n'), [fence]);
    assert.deepEqual(splitter.openBlock(), { kind: 'markdown', start: 'Intro\n'.length + fence.length, text: '' });
    assert.equal(splitter.fullText, 'Intro\n' + fence);
  });

  it('shows an open fence as code without the opening line or a half-typed closing fence', () => {
    const splitter = new MarkdownBlockSplitter();
    splitter.append('```rust\nfn main() {}\n``');
    assert.deepEqual(splitter.openBlock(), { kind: 'fence', start: 0, language: 'rust', code: 'fn main() {}\n' });
    splitter.append('x\n');
    assert.deepEqual(splitter.openBlock(), { kind: 'fence', start: 0, language: 'rust', code: 'fn main() {}\n``x\n' });
  });

  it('keeps a paragraph open until a blank line is followed by a new block', () => {
    const splitter = new MarkdownBlockSplitter();
    assert.deepEqual(splitter.append('Hello\n\n'), []);
    assert.deepEqual(splitter.append('  indented continues'), []);
    assert.deepEqual(splitter.append('\n\nNext'), []);
    assert.deepEqual(splitter.append('\n'), ['Hello\n\n  indented continues\n\n']);
  });

  it('examines each line once: a long stream costs linear time', () => {
    const splitter = new MarkdownBlockSplitter();
    const line = 'word '.repeat(15) + '\n';
    const started = process.hrtime.bigint();
    let blocks = 0;
    for (let i = 0; i < 20_000; i++) blocks += splitter.append(i % 4 === 3 ? '\n' : line).length;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(blocks > 4000);
    // Quadratic rescanning of ~1.4 MB would take seconds; linear takes a few ms.
    assert.ok(ms < 1000, `took ${ms} ms`);
  });
});
