import assert from 'node:assert/strict';
import type { RequestMetrics } from '../../../src/core/client/types';
import { RequestCancelledError, isAbortError } from '../../../src/core/client/errors';
import { figuresOf } from '../../../src/core/client/throughput';
import { tokensForChars } from '../../../src/core/tokens';
import { TEST_KEY, chatRequest, chunk, makeClient, sse, usageChunk } from './helpers';

const modelList = {
  object: 'list',
  data: [
    { id: 'Meta-Llama-3.3-70B-Instruct', object: 'model', owned_by: 'Meta', context_length: 131072, max_completion_tokens: 8192, pricing: { prompt: '0.0000006', completion: '0.0000012' }, sn_metadata: {} },
    { id: 'gpt-oss-120b', context_length: 131072, pricing: { prompt: 2.2e-7, completion: 5.9e-7, duration_per_hour: null } },
    { id: 'bare-model' },
  ],
};
const json = { 'content-type': 'application/json' };

describe('models', () => {
  it('parses /v1/models, caches per key, refreshes on request', async () => {
    const { client, requests } = makeClient([{ headers: json, body: JSON.stringify(modelList) }]);
    const models = await client.listModels();
    assert.deepEqual(models[0], {
      id: 'Meta-Llama-3.3-70B-Instruct',
      ownedBy: 'Meta',
      contextLength: 131072,
      maxCompletionTokens: 8192,
      pricing: { prompt: 0.0000006, completion: 0.0000012 },
    });
    assert.deepEqual(models[2], { id: 'bare-model' });
    assert.equal(requests[0]!.url, 'https://api.sambanova.ai/v1/models');
    assert.equal(requests[0]!.method, 'GET');
    await client.listModels();
    assert.equal(requests.length, 1, 'second call served from the cache');
    await client.listModels({ refresh: true });
    assert.equal(requests.length, 2);
    assert.equal(client.modelInfo('gpt-oss-120b')?.contextLength, 131072);
    assert.equal(client.modelInfo('GPT-OSS-120B')?.id, 'gpt-oss-120b', 'case-insensitive fallback');
    assert.equal(client.modelInfo('nope'), undefined);
  });

  it('the cache expires after five minutes', async () => {
    let now = 0;
    const { client, requests } = makeClient([{ headers: json, body: JSON.stringify(modelList) }], { deps: { now: () => now } });
    await client.listModels();
    now = 4 * 60_000;
    await client.listModels();
    assert.equal(requests.length, 1);
    now = 6 * 60_000;
    await client.listModels();
    assert.equal(requests.length, 2);
  });

  it('SambaStudio has no model list: [] without a request', async () => {
    const { client, requests } = makeClient([{ body: '' }], { baseUrl: 'https://studio.example.com/openai/v1/p/e' });
    assert.deepEqual(await client.listModels(), []);
    assert.equal(requests.length, 0);
  });

  it('a /models answer that is not a list is a protocol error that points at the base URL', async () => {
    const { client } = makeClient([{ headers: { 'content-type': 'text/html' }, body: '<html>login</html>' }]);
    await assert.rejects(client.listModels(), (e: Error & { kind?: string }) => e.kind === 'protocol' && /base URL/.test(e.message));
  });

  it('checkKey: 200 -> ok with models, 401 -> auth, network -> network', async () => {
    const good = makeClient([{ headers: json, body: JSON.stringify(modelList) }], { key: undefined });
    const verdict = await good.client.checkKey(`  ${TEST_KEY} `);
    assert.ok(verdict.ok && verdict.models.length === 3);
    assert.equal(good.requests[0]!.headers.authorization, `Bearer ${TEST_KEY}`);

    const bad = makeClient([{ status: 401, body: '' }]);
    const rejected = await bad.client.checkKey('wrong-key-1234');
    assert.ok(!rejected.ok && rejected.error.kind === 'auth' && rejected.error.action === 'setApiKey');

    const down = makeClient([{ reject: Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }) }]);
    const unreachable = await down.client.checkKey('some-key-1234');
    assert.ok(!unreachable.ok && unreachable.error.kind === 'network');

    const empty = await bad.client.checkKey('   ');
    assert.ok(!empty.ok && empty.error.kind === 'auth');
  });

  it('checkKey on SambaStudio probes chat: 400 means the key was accepted', async () => {
    const { client, requests } = makeClient([{ status: 400, body: '{"error":"missing model"}' }], { baseUrl: 'https://studio.example.com/v1/p/e' });
    const verdict = await client.checkKey('studio-key-1234');
    assert.deepEqual(verdict, { ok: true, models: [] });
    assert.equal(requests[0]!.url, 'https://studio.example.com/v1/p/e/chat/completions');
  });
});

describe('metrics and activity', () => {
  it('progress at most every 100 ms, counted in tokens not chunks; end metrics from the server usage with cost', async () => {
    let now = 1000;
    const pieces = Array.from({ length: 20 }, (_, i) => chunk({ content: `word${i} and more text ` })); // 22 chars each
    // One network read per chunk: the client reads its clock once per read, not per event.
    const body = [...pieces.map((p) => sse(p)), sse(chunk({}, 'stop'), usageChunk({ prompt_tokens: 100, completion_tokens: 120, total_tokens: 220, completion_tokens_after_first_per_sec: 812.5, time_to_first_token: 0.061 }), '[DONE]')];
    const { client, activity } = makeClient([{ headers: json, body: JSON.stringify(modelList) }, { body }], {
      deps: { now: () => (now += 30) },
    });
    await client.listModels();
    const result = await client.streamChat(chatRequest);
    const progress = activity.filter((a) => a.kind === 'progress') as Array<{ completionTokens: number; tokensPerSecond: number }>;
    assert.ok(progress.length >= 4 && progress.length <= 8, `${progress.length} progress events for 20 chunks 30 ms apart`);
    assert.ok(progress.at(-1)!.completionTokens > 20, 'tokens, not chunks');
    assert.ok(progress.at(-1)!.tokensPerSecond > 0);
    const end = activity.find((a) => a.kind === 'end') as { metrics: RequestMetrics };
    assert.equal(end.metrics.basis, 'server');
    assert.equal(end.metrics.tokensPerSecond, 812.5);
    assert.equal(end.metrics.timeToFirstTokenMs, 61);
    assert.equal(end.metrics.completionTokens, 120);
    assert.equal(end.metrics.promptTokens, 100);
    assert.equal(end.metrics.finishReason, 'stop');
    assert.ok(Math.abs(end.metrics.costUsd! - (100 * 0.0000006 + 120 * 0.0000012)) < 1e-12);
    assert.deepEqual(result.figures, figuresOf(end.metrics), 'the caller gets the figures the status bar shows');
  });

  it('a stop rejects with the figures of what streamed before it', async () => {
    let now = 0;
    const controller = new AbortController();
    const { client, activity } = makeClient([{ body: [sse(chunk({ content: 'a'.repeat(40) })), sse(chunk({ content: 'b'.repeat(400) })), sse(chunk({}, 'stop'), '[DONE]')] }], {
      deps: { now: () => (now += 50) },
    });
    const error = await client
      .streamChat(chatRequest, { signal: controller.signal, onEvent: () => controller.abort() })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof RequestCancelledError, String(error));
    assert.ok(isAbortError(error));
    assert.equal(error.figures?.basis, 'estimate');
    assert.ok(error.figures!.completionTokens >= tokensForChars(40));
    const cancelled = activity.find((a) => a.kind === 'cancelled') as { metrics: RequestMetrics };
    assert.deepEqual(error.figures, figuresOf(cancelled.metrics));
  });

  it('without usage the figures are estimated here', async () => {
    let now = 0;
    const { client, activity } = makeClient([{ body: sse(chunk({ content: 'a'.repeat(40) }), chunk({ content: 'b'.repeat(400) }), chunk({}, 'stop'), '[DONE]') }], {
      deps: { now: () => (now += 50) },
    });
    await client.streamChat(chatRequest);
    const end = activity.find((a) => a.kind === 'end') as { metrics: RequestMetrics };
    assert.equal(end.metrics.basis, 'estimate');
    assert.equal(end.metrics.completionTokens, tokensForChars(440));
    assert.ok(end.metrics.tokensPerSecond! > 0);
    assert.equal(end.metrics.costUsd, undefined);
  });

  it('activity order: start, ..., end; one info log line per request without the key', async () => {
    const { client, activity, log } = makeClient([{ body: sse(chunk({ content: 'x' }), chunk({}, 'stop'), usageChunk(), '[DONE]'), headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req-42' } }]);
    const result = await client.streamChat(chatRequest);
    assert.equal(result.requestId, 'req-42');
    assert.equal(activity[0]!.kind, 'start');
    assert.equal(activity.at(-1)!.kind, 'end');
    const info = log.lines.filter((l) => l.startsWith('info'));
    assert.equal(info.length, 1);
    assert.match(info[0]!, /POST https:\/\/api\.sambanova\.ai\/v1\/chat\/completions model=Meta-Llama-3\.3-70B-Instruct status=200 request=req-42 \d+ ms tokens=10\+20 ok/);
  });

  it('sends the documented headers', async () => {
    const { client, requests } = makeClient([{ body: sse(chunk({}, 'stop'), '[DONE]') }]);
    await client.streamChat(chatRequest);
    const h = requests[0]!.headers;
    assert.equal(h.accept, 'text/event-stream');
    assert.equal(h['content-type'], 'application/json');
    assert.match(h['user-agent']!, /^sambanova-vscode\//);
    assert.equal(h['x-integration-source'], 'sambanova-vscode');
    assert.deepEqual(requests[0]!.body!.stream_options, { include_usage: true });
  });
});
