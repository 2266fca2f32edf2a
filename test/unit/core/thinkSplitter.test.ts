import assert from 'node:assert/strict';
import { applyStreamEvent, type AnswerText } from '../../../src/core/chat/streamedAnswer';
import { StreamAssembler } from '../../../src/core/client/streamAssembler';
import { ThinkTagSplitter, startsWithImplicitThinking } from '../../../src/core/client/thinkSplitter';
import type { StreamEvent } from '../../../src/core/client/types';

function run(pieces: string[], implicit: boolean): { text: string; reasoning: string; unclosed: boolean } {
  let text = '';
  let reasoning = '';
  const s = new ThinkTagSplitter({ text: (t) => (text += t), reasoning: (t) => (reasoning += t) }, implicit);
  for (const p of pieces) s.push(p);
  const unclosed = s.end();
  return { text, reasoning, unclosed };
}

/** Every way to cut the input in two, one character at a time, and (for short inputs) in three. */
function allSplits(input: string): string[][] {
  const out: string[][] = [[input], [...input]];
  for (let i = 1; i < input.length; i++) out.push([input.slice(0, i), input.slice(i)]);
  if (input.length <= 60) {
    for (let i = 1; i < input.length; i++) {
      for (let j = i + 1; j < input.length; j++) out.push([input.slice(0, i), input.slice(i, j), input.slice(j)]);
    }
  }
  return out;
}

const EXPLAINING_R1 =
  'DeepSeek-R1 wraps its reasoning like this: `<think>steps</think>` and then answers. ' +
  'Strip everything up to `</think>` before you show the answer.';
const XML_PARSER = [
  'Here is a tiny parser:',
  '',
  '```ts',
  "const open = '<think>';",
  "const close = '</think>';",
  'if (s.startsWith(open)) depth++;',
  '```',
].join('\n');
const QUOTED_LOG = '> 12:00:01 model said: <think>hmm</think> ok\n\nThat log line shows a raw think block.';
const CLOSE_FIRST = 'The closing tag is </think>; the opening one is <think>. Neither is special here.';

const cases: Array<[string, string, boolean, string, string]> = [
  // name, input, implicit, reasoning, text
  ['a leading block', '<think>plan</think>\n\nanswer', false, 'plan', 'answer'],
  ['whitespace before the block', '  \n<think>a</think>b', false, 'a', 'b'],
  ['no tags', 'no tags at all', false, '', 'no tags at all'],
  ['a block later in the text', 'text then <think>x</think>', false, '', 'text then <think>x</think>'],
  ['a stray closing tag', 'stray </think> stays', false, '', 'stray </think> stays'],
  ['a longer tag name', '<thinking> is not the tag', false, '', '<thinking> is not the tag'],
  ['an unfinished tag at the end', '<thi', false, '', '<thi'],
  ['only whitespace', '   ', false, '', '   '],
  ['an answer explaining R1 output', EXPLAINING_R1, false, '', EXPLAINING_R1],
  ['an XML parser', XML_PARSER, false, '', XML_PARSER],
  ['a quoted log', QUOTED_LOG, false, '', QUOTED_LOG],
  ['</think> mentioned first', CLOSE_FIRST, false, '', CLOSE_FIRST],
  ['a real block, then text about tags', `<think>plan</think>\n${CLOSE_FIRST}`, false, 'plan', CLOSE_FIRST],
  ['R1 without the opening tag', 'r1 style</think>\nanswer', true, 'r1 style', 'answer'],
  ['R1 with both tags', '<think>explicit</think>answer', true, 'explicit', 'answer'],
  ['R1, then an answer about tags', `r1 plan</think>\n\n${EXPLAINING_R1}`, true, 'r1 plan', EXPLAINING_R1],
  ['a block cut short by the token limit', '<think>cut short by length', false, 'cut short by length', ''],
  ['R1 cut inside a partial tag', 'a </thin', true, 'a </thin', ''],
  ['a second closing tag is text', 'x</think></think>y', true, 'x', '</think>y'],
];

describe('ThinkTagSplitter (the one splitter)', () => {
  for (const [name, input, implicit, reasoning, text] of cases) {
    it(`${name} (${implicit ? 'R1 family' : 'other models'}), at every split`, () => {
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

function chunk(delta: Record<string, unknown>, finish?: string): string {
  return JSON.stringify({ choices: [{ delta, finish_reason: finish ?? null }] });
}

/** Streams `content` (cut into `size`-character chunks) through an assembler for `model`. */
function assemble(model: string, implicit: boolean, contents: string[], reasoningField: string[] = []): { events: StreamEvent[]; a: StreamAssembler } {
  const events: StreamEvent[] = [];
  const a = new StreamAssembler('chat', model, implicit, { event: (e) => events.push(e), badChunk: () => {} });
  for (const r of reasoningField) a.handle(undefined, chunk({ reasoning: r }));
  for (const c of contents) a.handle(undefined, chunk({ content: c }));
  a.handle(undefined, chunk({}, 'stop'));
  a.handle(undefined, '[DONE]');
  return { events, a };
}

function cut(text: string, size: number): string[] {
  return text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
}

describe('thinking in a streamed answer', () => {
  it('an R1 answer whose thinking never closes is never shown twice, at any chunk size', () => {
    const answer = 'Just the answer, no thinking block at all.';
    for (let size = 1; size <= answer.length; size++) {
      const { events, a } = assemble('DeepSeek-R1', true, cut(answer, size));
      assert.equal(a.text, answer);
      assert.equal(a.reasoning, '');
      // Replay into the chat's answer and check the transcript after every event.
      const shown: AnswerText = { text: '' };
      for (const e of events) {
        applyStreamEvent(shown, e);
        const twice = shown.text !== '' && (shown.reasoning ?? '') !== '';
        assert.equal(twice, false, `size ${size}: shown as text and thinking at once`);
      }
      assert.deepEqual(shown, { text: answer, reasoning: undefined });
      assert.equal(events.filter((e) => e.type === 'text' && e.replacesReasoning).length, 1);
    }
  });

  it('content that only talks about the tags stays the answer for other models, at any chunk size', () => {
    for (const input of [EXPLAINING_R1, XML_PARSER, QUOTED_LOG, CLOSE_FIRST]) {
      for (let size = 1; size <= 9; size++) {
        const { a } = assemble('Meta-Llama-3.3-70B-Instruct', false, cut(input, size));
        assert.equal(a.text, input, `size ${size}`);
        assert.equal(a.reasoning, '');
      }
    }
  });

  it('when the server sends a reasoning field, an R1 model\'s content is all answer', () => {
    const { a, events } = assemble('DeepSeek-R1', true, cut('The answer mentions </think> once.', 3), ['I should ', 'answer.']);
    assert.equal(a.reasoning, 'I should answer.');
    assert.equal(a.text, 'The answer mentions </think> once.');
    assert.equal(events.some((e) => e.type === 'text' && e.replacesReasoning), false);
  });

  it('R1 thinking cut off by the token limit stays thinking', () => {
    const events: StreamEvent[] = [];
    const a = new StreamAssembler('chat', 'DeepSeek-R1', true, { event: (e) => events.push(e), badChunk: () => {} });
    a.handle(undefined, chunk({ content: 'Still thinking about' }));
    a.handle(undefined, chunk({}, 'length'));
    assert.equal(a.reasoning, 'Still thinking about');
    assert.equal(a.text, '');
  });
});
