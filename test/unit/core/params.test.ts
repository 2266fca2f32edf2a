import assert from 'node:assert/strict';
import { SambaNovaError } from '../../../src/core/client/errors';
import { buildChatBody, buildCompletionBody } from '../../../src/core/client/params';
import type { ChatRequest, SamplingParams } from '../../../src/core/client/types';

const base: ChatRequest = { model: 'gpt-oss-120b', messages: [{ role: 'user', content: 'hi' }] };

describe('request bodies', () => {
  it('maps every sampling parameter to its wire name and asks for usage when streaming', () => {
    const body = buildChatBody(
      {
        ...base,
        params: {
          temperature: 0.2,
          topP: 0.9,
          topK: 40,
          maxTokens: 512,
          stop: ['END'],
          seed: -7,
          reasoningEffort: 'high',
          chatTemplateKwargs: { enable_thinking: true },
        },
      },
      true,
    );
    assert.deepEqual(body, {
      model: 'gpt-oss-120b',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      max_tokens: 512,
      stop: ['END'],
      seed: -7,
      reasoning_effort: 'high',
      chat_template_kwargs: { enable_thinking: true },
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('sends no null or undefined fields, and stream:false without stream_options', () => {
    const body = buildChatBody({ ...base, params: { temperature: undefined, extraBody: { foo: null, bar: undefined, keep: 0 } } }, false);
    assert.deepEqual(body, { model: 'gpt-oss-120b', messages: [{ role: 'user', content: 'hi' }], keep: 0, stream: false });
  });

  it('merges extraBody last but strips what SambaNova rejects', () => {
    const body = buildChatBody(
      {
        ...base,
        tools: [{ name: 'f', parameters: { type: 'object' } }],
        params: { temperature: 0.5, extraBody: { temperature: 0.1, parallel_tool_calls: false, response_format: { type: 'text' }, n: 2, repetition_penalty: 1.1 } },
      },
      true,
    );
    assert.equal(body.temperature, 0.1);
    assert.equal(body.repetition_penalty, 1.1);
    assert.ok(!('parallel_tool_calls' in body));
    assert.ok(!('response_format' in body));
    assert.ok(!('n' in body), 'n with tools is a 400 on SambaNova');
    assert.equal(body.stream, true);
  });

  for (const field of ['model', 'messages', 'stream', 'stream_options', 'prompt']) {
    it(`extraBody cannot set "${field}" (chat and /completions alike): a clear error naming it`, () => {
      const extraBody = { [field]: field === 'stream' ? false : 'x', repetition_penalty: 1.1 };
      for (const build of [
        () => buildChatBody({ ...base, params: { extraBody } }, true),
        () => buildCompletionBody({ model: 'm', prompt: 'p', params: { extraBody } }, true),
      ]) {
        assert.throws(build, (e: unknown) => e instanceof SambaNovaError && e.kind === 'config' && e.action === 'openSettings' && e.userMessage.includes(`"${field}"`));
      }
    });
  }

  it('extraBody may leave a reserved field empty, and keeps everything else', () => {
    const body = buildCompletionBody({ model: 'm', prompt: 'p', params: { extraBody: { model: null, prompt: undefined, repetition_penalty: 1.1 } } }, false);
    assert.deepEqual(body, { model: 'm', prompt: 'p', repetition_penalty: 1.1, stream: false });
  });

  it('keeps a json_object response_format and n without tools', () => {
    const body = buildChatBody({ ...base, params: { extraBody: { response_format: { type: 'json_object' }, n: 2 } } }, false);
    assert.deepEqual(body.response_format, { type: 'json_object' });
    assert.equal(body.n, 2);
  });

  it('flattens all-text part lists to a string, keeps parts when an image is present', () => {
    const body = buildChatBody(
      {
        ...base,
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
          { role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }] },
        ],
      },
      false,
    );
    const messages = body.messages as Array<{ content: unknown }>;
    assert.equal(messages[0]!.content, 'ab');
    assert.ok(Array.isArray(messages[1]!.content));
  });

  it('sends tools, tool choice, assistant tool calls and tool results in OpenAI shape', () => {
    const body = buildChatBody(
      {
        ...base,
        messages: [
          { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'get', arguments: '{"a":1}' }] },
          { role: 'tool', content: '42', toolCallId: 'call_1' },
        ],
        tools: [{ name: 'get', description: 'gets' }],
        toolChoice: { name: 'get' },
      },
      false,
    );
    assert.deepEqual(body.tools, [{ type: 'function', function: { name: 'get', description: 'gets' } }]);
    assert.deepEqual(body.tool_choice, { type: 'function', function: { name: 'get' } });
    const messages = body.messages as Array<Record<string, unknown>>;
    assert.deepEqual(messages[0]!.tool_calls, [{ id: 'call_1', type: 'function', function: { name: 'get', arguments: '{"a":1}' } }]);
    assert.equal(messages[1]!.tool_call_id, 'call_1');
  });

  it('completion bodies carry the prompt and no chat_template_kwargs', () => {
    const body = buildCompletionBody({ model: 'm', prompt: '<|begin_of_text|>x', params: { maxTokens: 5, chatTemplateKwargs: { a: 1 } } }, true);
    assert.deepEqual(body, { model: 'm', prompt: '<|begin_of_text|>x', max_tokens: 5, stream: true, stream_options: { include_usage: true } });
  });

  const bad: Array<[SamplingParams, string]> = [
    [{ temperature: 2.5 }, 'sambanova.temperature'],
    [{ temperature: -0.1 }, 'sambanova.temperature'],
    [{ temperature: NaN }, 'sambanova.temperature'],
    [{ topP: 1.5 }, 'sambanova.topP'],
    [{ topK: 0 }, 'sambanova.topK'],
    [{ topK: 101 }, 'sambanova.topK'],
    [{ topK: 1.5 }, 'sambanova.topK'],
    [{ maxTokens: 0 }, 'sambanova.maxTokens'],
    [{ maxTokens: 10.5 }, 'sambanova.maxTokens'],
    [{ stop: ['a', 'b', 'c', 'd', 'e'] }, 'sambanova.stop'],
    [{ stop: [''] }, 'sambanova.stop'],
    [{ seed: 1.2 }, 'sambanova.seed'],
    [{ reasoningEffort: 'max' as never }, 'sambanova.reasoningEffort'],
    [{ extraBody: [] as never }, 'sambanova.extraBody'],
  ];
  for (const [params, setting] of bad) {
    it(`rejects ${JSON.stringify(params)} naming ${setting}`, () => {
      assert.throws(
        () => buildChatBody({ ...base, params }, true),
        (e: unknown) => e instanceof SambaNovaError && e.kind === 'config' && e.action === 'openSettings' && e.userMessage.includes(setting),
      );
    });
  }

  it('accepts the edges of every range', () => {
    buildChatBody({ ...base, params: { temperature: 0, topP: 1, topK: 100, maxTokens: 1, stop: ['a', 'b', 'c', 'd'], seed: 0 } }, true);
    buildChatBody({ ...base, params: { temperature: 2, topP: 0, topK: 1 } }, true);
  });
});
