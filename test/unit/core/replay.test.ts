// Every recorded stream, replayed with the body split at every byte boundary and one byte per
// read, must yield the same events and result as in one read.
import assert from 'node:assert/strict';
import { SseDecoder } from '../../../src/core/client/sse';
import { StreamAssembler } from '../../../src/core/client/streamAssembler';
import { startsWithImplicitThinking } from '../../../src/core/client/thinkSplitter';
import type { StreamEvent } from '../../../src/core/client/types';
import { bytewise, chunk, collectEvents, fixture, fixtureRaw, makeClient, normalize, splitAt, sse, usageChunk, utf8 } from './helpers';

interface Replay {
  events: StreamEvent[];
  text: string;
  reasoning: string;
  finishReason?: string;
}

async function replay(parts: Uint8Array[], flavour: 'chat' | 'completion' = 'chat', model = 'Meta-Llama-3.3-70B-Instruct'): Promise<Replay> {
  const { client } = makeClient([{ body: parts }]);
  const { events, onEvent } = collectEvents();
  const result =
    flavour === 'chat'
      ? await client.streamChat({ model, messages: [{ role: 'user', content: 'x' }] }, { onEvent })
      : await client.streamCompletion({ model, prompt: 'x' }, { onEvent });
  return { events: normalize(events), text: result.text, reasoning: result.reasoning, finishReason: result.finishReason };
}

/** The decoding layers alone (body -> SSE -> assembler), without the client: cheap enough to run per byte. */
function decode(parts: Uint8Array[], flavour: 'chat' | 'completion', model = 'Meta-Llama-3.3-70B-Instruct'): Replay {
  const events: StreamEvent[] = [];
  const assembler = new StreamAssembler(flavour, model, flavour === 'chat' && startsWithImplicitThinking(model), {
    event: (e) => events.push(e),
    badChunk: () => {},
  });
  const decoder = new SseDecoder({ message: (e, d) => assembler.handle(e, d), finished: () => assembler.done });
  for (const part of parts) decoder.push(part);
  decoder.end();
  assembler.endContent();
  return { events: normalize(events), text: assembler.text, reasoning: assembler.reasoning, finishReason: assembler.finishReason };
}

/**
 * Through the whole client: in one read and one byte per read. Through the decoding layers: split
 * at every byte boundary (the client above them never sees read boundaries).
 */
async function assertSplitInvariant(name: string, body: string, flavour: 'chat' | 'completion' = 'chat', model?: string): Promise<Replay> {
  const bytes = utf8(body);
  const whole = await replay([bytes], flavour, model);
  assert.deepEqual(await replay(bytewise(bytes), flavour, model), whole, `${name}: one byte per read changed the events`);
  assert.deepEqual(decode([bytes], flavour, model), whole, `${name}: decoder alone differs from the client`);
  for (let at = 1; at < bytes.length; at++) {
    const split = decode(splitAt(bytes, at), flavour, model);
    assert.deepEqual(split, whole, `${name}: split at byte ${at} changed the events`);
  }
  for (const at of [1, Math.floor(bytes.length / 3), Math.floor(bytes.length / 2), bytes.length - 1]) {
    assert.deepEqual(await replay(splitAt(bytes, at), flavour, model), whole, `${name}: client split at byte ${at}`);
  }
  return whole;
}

/** An SSE stream SambaNova would send for a recorded non-streamed body: role, content in pieces, finish, usage, [DONE]. */
function streamFromResponse(json: { id: string; model: string; choices: Array<{ finish_reason: string; message: { content: string; reasoning?: string } }>; usage: object }): string {
  const message = json.choices[0]!.message;
  const pieces: object[] = [chunk({ role: 'assistant', content: '' }, null, { id: json.id, model: json.model })];
  if (message.reasoning) pieces.push(chunk({ reasoning: message.reasoning }, null, { id: json.id, model: json.model }));
  const content = message.content;
  for (let i = 0; i < content.length; i += 160) pieces.push(chunk({ content: content.slice(i, i + 160) }, null, { id: json.id, model: json.model }));
  pieces.push(chunk({ content: '' }, json.choices[0]!.finish_reason, { id: json.id, model: json.model }));
  pieces.push({ ...usageChunk(json.usage as Record<string, unknown>), id: json.id, model: json.model });
  return sse(...pieces, '[DONE]');
}

describe('replaying recorded streams at every read boundary', function () {
  this.timeout(60_000);

  it('captured discourse-ai stream (2024, no role, choices: [] usage chunk)', async () => {
    const r = await assertSplitInvariant('discourse', fixtureRaw('captured/discourse-ai_stream_llama3-8b_2024-07.sse'));
    assert.equal(r.text, 'I am a bot');
    const usage = r.events.find((e) => e.type === 'usage');
    assert.deepEqual(usage, {
      type: 'usage',
      usage: { promptTokens: 21, completionTokens: 41, totalTokens: 62, timeToFirstTokenSec: 0.09152531623840332, totalLatencySec: 0.16801691055297852, tokensPerSecAfterFirst: 522.9332759819093 },
    });
  });

  it('from-docs gpt-oss stream (role repeated, finish length, logprobs, a chunk after usage)', async () => {
    const r = await assertSplitInvariant('from-docs', fixtureRaw('from-docs/FROM-DOCS_chat-completions-stream_gpt-oss-120b_openapi-examples.sse'), 'chat', 'gpt-oss-120b');
    assert.equal(r.text, 'in Hello');
    assert.equal(r.finishReason, 'length');
    assert.deepEqual(
      r.events.map((e) => e.type),
      ['text', 'finish', 'usage', 'text'],
    );
  });

  for (const file of [
    'captured/hf-router-sambanova_chat-completion_DeepSeek-V3-0324_2025-05.json',
    'captured/sambastack-alcf-metis_chat-completion_Llama-4-Maverick_2025-11.json',
    'captured/sambastack-alcf-metis_chat-completion_gpt-oss-120b_reasoning_finish-length_2025-11.json',
    'captured/raw_chat-completion_Meta-Llama-3.1-405B_acceptance-rate_2024-10.json',
  ]) {
    it(`stream built from ${file.split('/')[1]}`, async () => {
      const json = JSON.parse(fixture(file));
      const r = await assertSplitInvariant(file, streamFromResponse(json), 'chat', json.model);
      assert.equal(r.text, json.choices[0].message.content);
      assert.equal(r.reasoning, json.choices[0].message.reasoning ?? '');
      assert.equal(r.finishReason, json.choices[0].finish_reason);
    });

    it(`non-streamed ${file.split('/')[1]} through chat()`, async () => {
      const body = fixture(file);
      const json = JSON.parse(body);
      const { client } = makeClient([{ body, headers: { 'content-type': 'application/json' } }]);
      const result = await client.chat({ model: json.model, messages: [{ role: 'user', content: 'x' }] });
      assert.equal(result.text, json.choices[0].message.content);
      assert.equal(result.reasoning, json.choices[0].message.reasoning ?? '');
      assert.equal(result.finishReason, json.choices[0].finish_reason);
      assert.equal(result.usage?.completionTokens, json.usage.completion_tokens);
      assert.equal(result.usage?.tokensPerSecAfterFirst, json.usage.completion_tokens_after_first_per_sec);
    });
  }

  it('from-docs chat examples (incl. logprobs) through chat()', async () => {
    const examples = JSON.parse(fixture('from-docs/FROM-DOCS_chat-completion_examples_incl-logprobs_openapi.json')) as Array<{ choices: Array<{ message: { content: string } }> }>;
    for (const example of examples) {
      const { client } = makeClient([{ body: JSON.stringify(example), headers: { 'content-type': 'application/json' } }]);
      const result = await client.chat({ model: 'gpt-oss-120b', messages: [{ role: 'user', content: 'x' }] });
      assert.equal(result.text, example.choices[0]!.message.content);
    }
  });

  it('/v1/completions stream built from the from-docs CompletionStreamResponse examples', async () => {
    const examples = JSON.parse(fixture('from-docs/FROM-DOCS_legacy-CompletionStreamResponse_openapi-examples.json')) as Array<{ choices: Array<{ delta?: { content?: string }; finish_reason: string | null; index: number }> }>;
    // The documented examples use chat deltas; completions chunks carry the same text in choices[].text.
    const chunks = examples.map((e) => ({ ...e, choices: e.choices.map((c) => ({ index: c.index, text: c.delta?.content ?? '', finish_reason: c.finish_reason })) }));
    const r = await assertSplitInvariant('completions', sse(...chunks, '[DONE]'), 'completion', 'gpt-oss-120b');
    assert.equal(r.text, 'in');
    assert.equal(r.finishReason, 'length');
  });

  it('/v1/completions non-streamed from-docs example through complete()', async () => {
    const [example] = JSON.parse(fixture('from-docs/FROM-DOCS_legacy-CompletionResponse_openapi-examples.json')) as Array<{ choices: Array<{ text: string }> }>;
    const { client } = makeClient([{ body: JSON.stringify(example), headers: { 'content-type': 'application/json' } }]);
    const result = await client.complete({ model: 'gpt-oss-120b', prompt: 'x' });
    assert.equal(result.text, example!.choices[0]!.text);
    assert.equal(result.usage?.completionTokens, 350);
  });

  it('multi-byte UTF-8 (emoji, CJK, combining marks) split inside characters', async () => {
    const text = 'Paris 😊 — 東京は日本の首都です。🇫🇷 e\u0301 𝄞';
    const body = sse(chunk({ role: 'assistant', content: '' }), chunk({ content: text.slice(0, 9) }), chunk({ content: text.slice(9) }), chunk({}, 'stop'), usageChunk(), '[DONE]');
    const r = await assertSplitInvariant('utf8', body);
    assert.equal(r.text, text);
  });

  it('tool calls: streamed in pieces (id and name first), whole, and with object arguments', async () => {
    // Shape of the recorded LiteLLM/HF-router tool call (Llama-3.3-70B), streamed three ways.
    const body = sse(
      chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_06aad2cc6b0c4bbca9', type: 'function', function: { name: 'get_current_weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"location":"Boston, MA",' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"unit":"fahrenheit"}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'lookup', arguments: { q: 'x', n: 1 } } }] }),
      chunk({ tool_calls: [{ index: 2, function: { name: 'noid', arguments: '{}' } }] }),
      chunk({ content: '' }, 'tool_calls'),
      usageChunk(),
      '[DONE]',
    );
    const r = await assertSplitInvariant('tools', body);
    const calls = r.events.filter((e) => e.type === 'toolCall').map((e) => (e as { call: unknown }).call);
    assert.deepEqual(calls, [
      { id: 'call_06aad2cc6b0c4bbca9', name: 'get_current_weather', arguments: '{"location":"Boston, MA","unit":"fahrenheit"}' },
      { id: 'call_b', name: 'lookup', arguments: '{"q":"x","n":1}' },
      { id: 'call_2', name: 'noid', arguments: '{}' },
    ]);
    assert.deepEqual(
      r.events.map((e) => e.type),
      ['toolCall', 'toolCall', 'toolCall', 'finish', 'usage'],
    );
  });

  it('gpt-oss delta.reasoning and R1 <think> content with tags split at every byte', async () => {
    const body = sse(
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: '\n<thi' }),
      chunk({ content: 'nk>Let me think about <b> tags' }),
      chunk({ content: ' and </thi' }),
      chunk({ content: 'nk>\n\nThe answer is <think> literally.' }),
      chunk({}, 'stop'),
      usageChunk(),
      '[DONE]',
    );
    const r = await assertSplitInvariant('think', body, 'chat', 'Qwen3-32B');
    assert.equal(r.reasoning, 'Let me think about <b> tags and ');
    assert.equal(r.text, 'The answer is <think> literally.');
  });

  it('R1 without the opening <think>: reasoning until </think>', async () => {
    const body = sse(chunk({ content: 'Okay, the user wants' }), chunk({ content: ' X.</th' }), chunk({ content: 'ink>\n\nHere is X.' }), chunk({}, 'stop'), '[DONE]');
    const r = await assertSplitInvariant('r1', body, 'chat', 'DeepSeek-R1-0528');
    assert.equal(r.reasoning, 'Okay, the user wants X.');
    assert.equal(r.text, 'Here is X.');
  });

  it('SSE comments, CRLF line endings, event ids and an unterminated last [DONE] are all fine', async () => {
    const body = ': keep-alive\r\n\r\nid: 1\r\ndata: ' + JSON.stringify(chunk({ content: 'ok' })) + '\r\n\r\n: ping\n\ndata: ' + JSON.stringify(chunk({}, 'stop')) + '\n\ndata: [DONE]';
    const r = await assertSplitInvariant('comments', body);
    assert.equal(r.text, 'ok');
    assert.equal(r.finishReason, 'stop');
  });
});
