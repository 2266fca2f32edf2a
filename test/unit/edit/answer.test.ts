import assert from 'node:assert/strict';
import { ThinkTagSplitter } from '../../../src/core/client/thinkSplitter';
import { extractCode, StreamingCodeExtractor } from '../../../src/core/edit/answer';

/** What the client hands the editor commands: the answer text, thinking split off by the one splitter. */
function answerText(chunks: string[]): string {
  let text = '';
  const splitter = new ThinkTagSplitter({ text: (t) => (text += t), reasoning: () => undefined }, false);
  for (const c of chunks) splitter.push(c);
  splitter.end();
  return text;
}

describe('answer extraction', () => {
  it('takes the fenced code and drops prose around it', () => {
    const r = extractCode('Here is the refactored code:\n\n```ts\nconst a = 1;\nconst b = 2;\n```\n\nI renamed things.');
    assert.deepEqual(r, { code: 'const a = 1;\nconst b = 2;', fenced: true, complete: true });
  });

  it('prefers the largest block when there are several', () => {
    const r = extractCode('```ts\nx()\n```\nThe full version:\n```ts\nfunction x() {\n  return 1;\n}\n```\nUsage:\n```sh\nnpm t\n```');
    assert.equal(r.code, 'function x() {\n  return 1;\n}');
  });

  it('keeps shorter fences inside a longer one, and tilde fences', () => {
    assert.equal(extractCode('````md\n```js\nx\n```\n````').code, '```js\nx\n```');
    assert.equal(extractCode('~~~python\nprint(1)\n~~~').code, 'print(1)');
  });

  it('an unfenced answer is taken whole, without surrounding blank lines; CRLF normalised', () => {
    assert.deepEqual(extractCode('\n\nlet a = 1;\r\nlet b = 2;\n\n'), { code: 'let a = 1;\nlet b = 2;', fenced: false, complete: true });
  });

  it('an unclosed fence (cut-off answer) is marked incomplete', () => {
    const r = extractCode('```js\nfoo();\nbar(');
    assert.equal(r.code, 'foo();\nbar(');
    assert.equal(r.complete, false);
  });

  it('never sees a leading <think> section: the client split it off as reasoning', () => {
    assert.equal(extractCode(answerText(['<think>\nuse ```js\nno()\n```\n</think>\n```js\nyes();\n```'])).code, 'yes();');
    assert.equal(extractCode(answerText(['<think>still thinking'])).code, '');
  });

  it('streams the first block line by line whatever the chunking', () => {
    const answer = 'Sure:\n```ts\nfunction f() {\n  return 1;\n}\n```\nDone.';
    for (const size of [1, 2, 3, 7, 100]) {
      const s = new StreamingCodeExtractor();
      const partials: string[] = [];
      for (let i = 0; i < answer.length; i += size) {
        s.push(answer.slice(i, i + size));
        partials.push(s.partial);
      }
      assert.deepEqual([...s.lines], ['function f() {', '  return 1;', '}'], `chunk ${size}`);
      assert.ok(!partials.some((p) => p.includes('```') || p.includes('Sure') || p.includes('Done')), `chunk ${size}`);
    }
  });

  it('streaming gets no <think> split across chunks either', () => {
    const s = new StreamingCodeExtractor();
    s.push(answerText(['<th', 'ink>\n```js\nnot()\n```\n</th', 'ink>\n```js\n', 'ok();\n```']));
    assert.deepEqual([...s.lines], ['ok();']);
  });
});
