import assert from 'node:assert/strict';
import { ThinkTagSplitter, startsWithImplicitThinking } from '../../../src/core/thinkSplitter';
import { StreamAssembler } from '../../../src/core/streamAssembler';

function run(pieces: string[], implicit: boolean): { text: string; reasoning: string; unclosed: boolean } {
  let text = '';
  let reasoning = '';
  const s = new ThinkTagSplitter({ text: (t) => (text += t), reasoning: (t) => (reasoning += t) }, implicit);
  for (const p of pieces) s.push(p);
  const unclosed = s.end();
  return { text, reasoning, unclosed };
}

/** Every way to cut the input in two, plus one character at a time. */
function allSplits(input: string): string[][] {
  const out: string[][] = [[input], [...input]];
  for (let i = 1; i < input.length; i++) out.push([input.slice(0, i), input.slice(i)]);
  return out;
}

const cases: Array<[string, boolean, string, string]> = [
  // input, implicit, reasoning, text
  ['<think>plan</think>\n\nanswer', false, 'plan', 'answer'],
  ['  \n<think>a</think>b', false, 'a', 'b'],
  ['no tags at all', false, '', 'no tags at all'],
  ['text then <think>x</think>', false, '', 'text then <think>x</think>'],
  ['stray </think> stays', false, '', 'stray </think> stays'],
  ['<thinking> is not the tag', false, '', '<thinking> is not the tag'],
  ['<thi', false, '', '<thi'],
  ['   ', false, '', '   '],
  ['r1 style</think>\nanswer', true, 'r1 style', 'answer'],
  ['<think>explicit</think>answer', true, 'explicit', 'answer'],
  ['<think>cut short by length', false, 'cut short by length', ''],
  ['a </thin', true, 'a </thin', ''],
  ['x</think></think>y', true, 'x', '</think>y'],
];

describe('ThinkTagSplitter', () => {
  for (const [input, implicit, reasoning, text] of cases) {
    it(`${JSON.stringify(input)} (${implicit ? 'implicit' : 'normal'}) at every split`, () => {
      for (const pieces of allSplits(input)) {
        const r = run(pieces, implicit);
        assert.equal(r.reasoning, reasoning, `pieces ${JSON.stringify(pieces)}`);
        assert.equal(r.text, text, `pieces ${JSON.stringify(pieces)}`);
      }
    });
  }

  it('reports an implicit block that never closed', () => {
    assert.equal(run(['all of it was the answer'], true).unclosed, true);
    assert.equal(run(['done</think>ok'], true).unclosed, false);
    assert.equal(run(['plain'], false).unclosed, false);
  });

  it('in hindsight, an unclosed implicit block becomes the answer (nothing is lost)', () => {
    const events: unknown[] = [];
    const a = new StreamAssembler('chat', 'DeepSeek-R1', true, { event: (e) => events.push(e), badChunk: () => {} });
    a.handle(undefined, JSON.stringify({ choices: [{ delta: { content: 'Just the answer.' } }] }));
    a.handle(undefined, JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] }));
    assert.equal(a.text, 'Just the answer.');
    assert.equal(a.reasoning, '');
    assert.deepEqual(events, [
      { type: 'reasoning', text: 'Just the answer.' },
      { type: 'text', text: 'Just the answer.' },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('knows which models think without an opening tag', () => {
    for (const id of ['DeepSeek-R1', 'DeepSeek-R1-0528', 'DeepSeek-R1-Distill-Llama-70B', 'QwQ-32B', 'deepseek-ai/deepseek-r1']) {
      assert.ok(startsWithImplicitThinking(id), id);
    }
    for (const id of ['Meta-Llama-3.3-70B-Instruct', 'gpt-oss-120b', 'DeepSeek-V3.1', 'Qwen3-32B', 'r1x']) {
      assert.ok(!startsWithImplicitThinking(id), id);
    }
    assert.ok(startsWithImplicitThinking('DeepSeek-V3.1', { enable_thinking: true }));
  });
});
