import assert from 'node:assert/strict';
import { ThinkTagSplitter } from '../../../src/webview/thinkTagSplitter';

function run(chunks: string[]): { answer: string; reasoning: string } {
  const splitter = new ThinkTagSplitter();
  let answer = '';
  let reasoning = '';
  for (const chunk of [...chunks.map((c) => splitter.push(c)), splitter.end()]) {
    answer += chunk.answer;
    reasoning += chunk.reasoning;
  }
  return { answer, reasoning };
}

describe('ThinkTagSplitter', () => {
  const text = '<think>Let me think about </thin tags.</think>\n\nThe answer is 42.';

  it('separates reasoning from the answer however the tags are split', () => {
    for (let size = 1; size <= text.length; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      assert.deepEqual(run(chunks), { reasoning: 'Let me think about </thin tags.', answer: 'The answer is 42.' }, `size ${size}`);
    }
  });

  it('passes an answer without tags through untouched', () => {
    assert.deepEqual(run(['<', 'b>bold</b> and <think> later']), { answer: '<b>bold</b> and <think> later', reasoning: '' });
    assert.deepEqual(run(['  <thi']), { answer: '  <thi', reasoning: '' });
  });

  it('keeps reasoning that never closed (a stopped answer) as reasoning', () => {
    assert.deepEqual(run(['<think>half a thou', 'ght</thi']), { answer: '', reasoning: 'half a thought</thi' });
  });
});
