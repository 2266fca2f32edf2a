// The fake must look like SambaNova: compared key by key with the captured bodies in
// /work/shared/sambanova/fixtures (not with OpenAI's docs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeSambaNova, tokenize, type FakeSambaNova } from '../../fake-sambanova';
import { chatBody, chunksOf, contentOf, fixtureText, get, parseSse, post } from './helpers';

const fixtures = '/work/shared/sambanova/fixtures';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function readFixture(path: string): string {
  return fixtureText(readFileSync(join(fixtures, path), 'utf8'));
}
const sorted = (object: object) => Object.keys(object).sort();

describe('fake SambaNova: wire shapes match the captures', () => {
  let server: FakeSambaNova;
  before(async () => {
    server = await startFakeSambaNova({ scenario: 'fast' });
  });
  after(() => server.close());

  const captured = parseSse(readFixture('captured/discourse-ai_stream_llama3-8b_2024-07.sse'));
  const documented = parseSse(readFixture('from-docs/FROM-DOCS_chat-completions-stream_gpt-oss-120b_openapi-examples.sse'));
  const capturedUsage = JSON.parse(captured[1]!.data).usage as Record<string, unknown>;
  type DocumentedChunk = { choices: Array<Record<string, unknown>>; usage: Record<string, unknown> };
  const documentedChunks = documented.slice(0, 4).map((event) => JSON.parse(event.data) as DocumentedChunk);

  it('streams role chunk, multi-token content chunks, finish chunk, choices:[] usage chunk, [DONE]', async () => {
    const res = await post(`${server.baseUrl}/chat/completions`, chatBody('Explain streams', { stream_options: { include_usage: true } }));
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/event-stream/);
    const chunks = chunksOf(res.body);
    const [first, ...rest] = chunks;
    const usageChunk = rest.pop()!;
    const finish = rest.pop()!;

    assert.deepEqual(first!.choices[0]!.delta, { role: 'assistant', content: '' });
    assert.deepEqual(finish.choices[0]!.delta, { content: '' });
    assert.equal(finish.choices[0]!.finish_reason, 'stop');
    assert.deepEqual(usageChunk.choices, []);
    assert.ok(rest.length > 10);
    assert.ok(rest.every((chunk) => tokenize(chunk.choices[0]!.delta!.content as string).length > 1), 'several tokens per chunk');

    // Same top-level keys as the SPEC's chunks; same choice keys.
    for (const chunk of [first!, rest[0]!, finish]) {
      assert.deepEqual(sorted(chunk), sorted(documentedChunks[0]!));
      assert.deepEqual(sorted(chunk.choices[0]!), sorted(documentedChunks[0]!.choices[0]));
    }
    assert.deepEqual(sorted(usageChunk), sorted(documentedChunks[3]!));
    for (const chunk of chunks) {
      assert.match(chunk.id as string, uuid);
      assert.equal(chunk.object, 'chat.completion.chunk');
      assert.equal(chunk.system_fingerprint, 'fastcoe');
      assert.equal(typeof chunk.created, 'number');
      assert.ok(!Number.isInteger(chunk.created), 'created is a float');
    }

    // Usage: every key the 2024 capture has, none that no capture or SPEC example has.
    const usage = usageChunk.usage!;
    const known = new Set([...Object.keys(capturedUsage), ...Object.keys(documentedChunks[3]!.usage)]);
    for (const key of Object.keys(capturedUsage)) assert.ok(key in usage, `usage lacks ${key}`);
    for (const key of Object.keys(usage)) assert.ok(known.has(key) || key === 'stop_reason', `usage has unknown ${key}`);
    assert.equal(usage.completion_tokens, 300);
    assert.equal(usage.total_tokens, (usage.prompt_tokens as number) + 300);
    assert.equal(usage.stop_reason, 'stop');
    assert.equal(usage.is_last_response, true);
    assert.deepEqual(usage.prompt_tokens_details, { cached_tokens: 0 });
    assert.ok((usage.end_time as number) >= (usage.start_time as number));
    assert.equal(tokenize(contentOf(chunks)).length, 300);
  });

  it('sends the usage chunk without stream_options too, like the real server', async () => {
    const chunks = chunksOf((await post(`${server.baseUrl}/chat/completions`, chatBody('x'))).body);
    assert.ok(chunks.at(-1)!.usage);
  });

  it('non-streamed bodies have the keys of the captured ones', async () => {
    const capturedBody = JSON.parse(readFixture('captured/hf-router-sambanova_chat-completion_DeepSeek-V3-0324_2025-05.json'));
    const reasoningBody = JSON.parse(
      readFixture('captured/sambastack-alcf-metis_chat-completion_gpt-oss-120b_reasoning_finish-length_2025-11.json'),
    );
    const res = await post(`${server.baseUrl}/chat/completions`, chatBody('Hello', { stream: false }));
    const body = JSON.parse(res.body);
    assert.deepEqual(sorted(body), sorted(capturedBody));
    assert.deepEqual(sorted(body.choices[0]), sorted(capturedBody.choices[0]));
    assert.deepEqual(sorted(body.choices[0].message), sorted(capturedBody.choices[0].message));
    assert.equal(body.object, 'chat.completion');
    assert.match(body.id, uuid);

    const reasoning = JSON.parse(
      (await post(`${server.baseUrl}/chat/completions`, { ...chatBody('Sum up AI'), model: 'gpt-oss-120b', stream: false, max_tokens: 128 })).body,
    );
    assert.deepEqual(sorted(reasoning.choices[0].message), sorted(reasoningBody.choices[0].message));
    assert.equal(reasoning.choices[0].finish_reason, 'length');
    assert.equal(reasoning.usage.completion_tokens, 128);
    assert.deepEqual(sorted(reasoning.usage), sorted(reasoningBody.usage));
  });

  it('/v1/completions answers with choices[].text and object chat.completion(.chunk)', async () => {
    const streamed = chunksOf((await post(`${server.baseUrl}/completions`, { model: 'Meta-Llama-3.3-70B-Instruct', prompt: 'echo: raw text', stream: true })).body);
    assert.equal(contentOf(streamed), 'raw text');
    assert.ok(streamed.every((chunk) => chunk.object === 'chat.completion.chunk'));
    assert.equal(streamed.at(-2)!.choices[0]!.finish_reason, 'stop');
    const whole = JSON.parse((await post(`${server.baseUrl}/completions`, { model: 'Meta-Llama-3.3-70B-Instruct', prompt: 'echo: raw' })).body);
    assert.equal(whole.object, 'chat.completion');
    assert.equal(whole.choices[0].text, 'raw');
  });

  it('lists models with context length, max completion tokens and per-token prices', async () => {
    const res = await get(`${server.baseUrl}/models`);
    const list = JSON.parse(res.body);
    assert.equal(list.object, 'list');
    const llama = list.data.find((model: { id: string }) => model.id === 'Meta-Llama-3.3-70B-Instruct');
    assert.deepEqual(llama, {
      id: 'Meta-Llama-3.3-70B-Instruct',
      object: 'model',
      owned_by: 'SambaNova',
      context_length: 131072,
      max_completion_tokens: 8192,
      pricing: { prompt: '0.0000006', completion: '0.0000012' },
    });
    assert.ok(!list.data.some((model: { id: string }) => model.id === 'DeepSeek-R1-Distill-Llama-70B'), 'retired models are not listed');
    assert.equal(JSON.parse((await get(`${server.baseUrl}/models/gpt-oss-120b`)).body).id, 'gpt-oss-120b');
  });

  it('answers on SambaStudio URLs, with and without /openai', async () => {
    for (const path of ['/openai/v1/proj-1/ep-2/chat/completions', '/v1/proj-1/ep-2/chat/completions']) {
      const res = await post(`${server.url}${path}`, chatBody('echo: studio'));
      assert.equal(contentOf(chunksOf(res.body)), 'studio', path);
    }
  });
});
