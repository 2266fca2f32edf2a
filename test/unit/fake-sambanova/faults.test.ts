// Faults and validation: each produces the status and body SambaNova documents (API-NOTES §4, SPEC).
import assert from 'node:assert/strict';
import { startFakeSambaNova, type FakeSambaNova } from '../../fake-sambanova';
import { chatBody, chunksOf, contentOf, parseSse, post, send, testKey } from './helpers';

type ErrorBody = { error: { message: string; type: string; param: string | null; code: string | null }; request_id: string };

describe('fake SambaNova: faults and validation', () => {
  let server: FakeSambaNova;
  before(async () => {
    server = await startFakeSambaNova({ scenario: 'fast' });
  });
  after(() => server.close());

  const chat = (scenario: string, body: unknown = chatBody('hello'), headers?: Record<string, string>) =>
    post(`${server.scenarioUrl(scenario)}/chat/completions`, body, headers);
  const json = (body: string) => JSON.parse(body) as ErrorBody;

  describe('auth', () => {
    it('401 with the missing-key body when no key is sent', async () => {
      const res = await send('POST', `${server.baseUrl}/chat/completions`, JSON.stringify(chatBody('x')), {});
      assert.equal(res.status, 401);
      assert.match(json(res.body).error.message, /You didn't provide an API key/);
      assert.equal(typeof json(res.body).request_id, 'string');
    });

    it('401 invalid_api_key for a key containing "invalid", never echoing the key', async () => {
      const key = 'sn-invalid-SECRET-9876';
      const res = await post(`${server.baseUrl}/chat/completions`, chatBody('x'), { authorization: `Bearer ${key}` });
      assert.equal(res.status, 401);
      assert.equal(json(res.body).error.code, 'invalid_api_key');
      assert.ok(!res.body.includes('SECRET') && !res.body.includes('9876'));
    });

    it('401 for keys outside the allowlist; records no key, only its hash and last 4', async () => {
      const strict = await startFakeSambaNova({ scenario: 'fast', apiKeys: [testKey] });
      try {
        const denied = await post(`${strict.baseUrl}/models`, {}, { authorization: 'Bearer other-key-1234567890' });
        assert.equal(denied.status, 404, 'POST /v1/models is not a route');
        const refused = await send('GET', `${strict.baseUrl}/models`, undefined, { authorization: 'Bearer other-key-1234567890' });
        assert.equal(refused.status, 401);
        const ok = await send('GET', `${strict.baseUrl}/models`, undefined, { authorization: `Bearer ${testKey}` });
        assert.equal(ok.status, 200);
        const recorded = JSON.stringify(strict.requests);
        assert.ok(!recorded.includes(testKey) && !recorded.includes('other-key-1234567890'));
        assert.deepEqual(strict.requests.at(-1)!.auth.last4, testKey.slice(-4));
        assert.equal(strict.requests.at(-1)!.auth.present, true);
      } finally {
        await strict.close();
      }
    });
  });

  describe('refusals before the answer', () => {
    const cases: Array<[string, number, (body: string, headers: Record<string, unknown>) => void]> = [
      ['unauthorized', 401, (body) => assert.equal(json(body).error.code, 'invalid_api_key')],
      ['payment', 402, (body) => assert.equal(json(body).error.code, 'PAYMENT_METHOD_REQUIRED')],
      ['model-not-found', 404, (body) => assert.match(json(body).error.message, /The model `Meta-Llama-3.3-70B-Instruct` does not exist/)],
      ['model-gone', 410, (body) => assert.match(json(body).error.message, /is not available on SambaNova Cloud.*deprecations/)],
      ['timeout', 408, (body) => assert.equal(typeof JSON.parse(body).error, 'string')],
      ['rate-limit', 429, (_body, headers) => assert.equal(headers['retry-after'], '1')],
      ['rate-limit-ms', 429, (_body, headers) => assert.equal(headers['retry-after-ms'], '200')],
      [
        'rate-limit-bare',
        429,
        (_body, headers) => assert.ok(!('retry-after' in headers) && !('retry-after-ms' in headers)),
      ],
      ['server-error', 500, (_body, headers) => assert.match(String(headers['content-type']), /text\/plain/)],
      ['unavailable', 503, (body) => assert.equal(body, 'Service Temporarily Unavailable')],
      ['unhandled', 400, (body) => assert.deepEqual(JSON.parse(body), { error: 'Unhandled error' })],
      ['unhandled,status=500', 500, (body) => assert.deepEqual(JSON.parse(body), { error: 'Unhandled error' })],
      ['context-length', 400, (body) => assert.equal(json(body).error.code, 'context_length_exceeded')],
    ];
    for (const [scenario, status, check] of cases) {
      it(`${scenario} -> ${status}`, async () => {
        const res = await chat(scenario);
        assert.equal(res.status, status, res.body);
        check(res.body, res.headers);
      });
    }

    it('"N then succeed": 429 twice, then a normal stream', async () => {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await chat('rate-limit-twice')).status);
      assert.deepEqual(statuses, [429, 429, 200]);
    });

    it('the default scenario can be switched over HTTP, resetting the counters', async () => {
      const control = await send('POST', `${server.url}/_control/scenario`, JSON.stringify({ name: 'rate-limit-twice' }), {});
      assert.equal(control.status, 200);
      assert.equal((await post(`${server.baseUrl}/chat/completions`, chatBody('x'))).status, 429);
      const bad = await send('POST', `${server.url}/_control/scenario`, JSON.stringify({ tps: 'fast' }), {});
      assert.equal(bad.status, 400);
      server.setScenario('fast');
      assert.equal((await post(`${server.baseUrl}/chat/completions`, chatBody('x'))).status, 200);
    });
  });

  describe('request validation like SambaNova', () => {
    const rejects = async (body: unknown, code: string | null, message: RegExp) => {
      const res = await chat('fast', body);
      assert.equal(res.status, 400, res.body);
      assert.equal(json(res.body).error.code, code);
      assert.match(json(res.body).error.message, message);
    };

    it('content as a list of parts', () =>
      rejects(
        { ...chatBody(''), messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] },
        'invalid_type',
        /^Invalid 'content' type\. Expected one of: \['str'\], got list\.$/,
      ));

    it('accepts parts with an image on a vision model', async () => {
      const messages = [{ role: 'user', content: [{ type: 'text', text: 'echo: seen' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] }];
      const res = await chat('fast', { ...chatBody(''), model: 'gemma-4-31B-it', messages });
      assert.equal(res.status, 200);
      assert.equal(contentOf(chunksOf(res.body)), 'seen');
    });

    it('parallel_tool_calls', () => rejects(chatBody('x', { parallel_tool_calls: false }), 'invalid_value', /parallel_tool_calls/));
    it('response_format text', () => rejects(chatBody('x', { response_format: { type: 'text' } }), 'invalid_value', /response_format/));
    it('n > 1 with tools', () =>
      rejects(chatBody('x', { n: 2, tools: [{ type: 'function', function: { name: 'f' } }] }), 'invalid_value', /n greater than 1/));
    it('top_k above 100', () => rejects(chatBody('x', { top_k: 101 }), 'integer_above_max_value', /between 1 and 100, but got 101/));
    it('top_k below 1', () => rejects(chatBody('x', { top_k: 0 }), 'integer_below_min_value', /between 1 and 100, but got 0/));
    it('top_p above 1', () =>
      rejects(chatBody('x', { top_p: 100 }), 'decimal_above_max_value', /^Decimal above maximum value\. Expected a value between 0 and 1, but got 100 instead\.$/));
    it('empty messages', () => rejects({ ...chatBody(''), messages: [] }, 'empty_array', /empty array/));
    it('unknown role', () => rejects({ ...chatBody(''), messages: [{ role: 'robot', content: 'x' }] }, 'invalid_value', /'robot'/));
    it('missing model', () => rejects({ messages: [{ role: 'user', content: 'x' }] }, null, /you must provide a model parameter/));
    it('invalid JSON', () => rejects('{"model":', null, /could not parse the JSON body/));

    it('prompt longer than the context window, in SambaNova words', async () => {
      const body = { ...chatBody('a'.repeat(70000)), model: 'Meta-Llama-3.1-8B-Instruct', max_tokens: 100 };
      const res = await chat('fast', body);
      assert.equal(res.status, 400);
      const { error } = json(res.body);
      assert.equal(error.code, 'context_length_exceeded');
      assert.match(
        error.message,
        /^The maximum context length of Meta-Llama-3\.1-8B-Instruct is 16384\. However, answering your request will take \d+ tokens\. Please reduce the length of the messages\.$/,
      );
    });

    it('unknown model -> 404 model_not_found; retired model -> 410', async () => {
      const missing = await chat('fast', { ...chatBody('x'), model: 'nope-7b' });
      assert.equal(missing.status, 404);
      assert.equal(json(missing.body).error.code, 'model_not_found');
      const gone = await chat('fast', { ...chatBody('x'), model: 'DeepSeek-R1-Distill-Llama-70B' });
      assert.equal(gone.status, 410);
      assert.match(json(gone.body).error.message, /^The requested model \(DeepSeek-R1-Distill-Llama-70B\) is not available/);
    });

    it('unknown routes -> {"error":"Not found"}', async () => {
      const res = await post(`${server.url}/v2/chat`, chatBody('x'));
      assert.equal(res.status, 404);
      assert.deepEqual(JSON.parse(res.body), { error: 'Not found' });
    });
  });

  describe('mid-stream faults', () => {
    const events = async (scenario: string) => {
      const res = await chat(scenario, chatBody('tell me'));
      assert.equal(res.status, 200);
      return { res, events: parseSse(res.body) };
    };

    it('data: {"error":...} after some tokens, then the end (no [DONE])', async () => {
      const { events: list } = await events('error-mid-stream,after=8');
      const last = list.at(-1)!;
      assert.equal(JSON.parse(last.data).error.type, 'server_error');
      assert.ok(list.length >= 3, 'content came first');
      assert.ok(!list.some((event) => event.data === '[DONE]'));
    });

    it('event: error', async () => {
      const { events: list } = await events('error-event');
      assert.equal(list.at(-1)!.event, 'error');
      assert.ok(JSON.parse(list.at(-1)!.data).error);
    });

    it('truncated JSON chunk', async () => {
      const { events: list } = await events('truncated-json');
      assert.throws(() => JSON.parse(list.at(-1)!.data), SyntaxError);
    });

    it('malformed chunk in the middle, stream continues to [DONE]', async () => {
      const { events: list } = await events('malformed-chunk');
      assert.equal(list.at(-1)!.data, '[DONE]');
      assert.ok(list.some((event) => event.data.includes('"choices":"not-a-list"')));
    });

    it('connection dropped mid-stream', async () => {
      const { res } = await events('drop,after=12');
      assert.ok(res.error, 'the client sees a broken body');
      assert.ok(res.body.includes('"content"') && !res.body.includes('[DONE]'));
    });

    it('stream ends without [DONE] but with usage', async () => {
      const { events: list } = await events('no-done');
      assert.ok(JSON.parse(list.at(-1)!.data).usage);
    });

    it('stall: no bytes for stallMs, then the rest', async () => {
      const { res } = await events('stall,stallMs=300,after=8');
      const gaps = res.readTimes.slice(1).map((time, i) => time - res.readTimes[i]!);
      assert.ok(Math.max(...gaps) >= 250, `largest gap ${Math.max(...gaps)} ms`);
      assert.ok(res.body.endsWith('data: [DONE]\n\n'));
    });

    it('slow headers: the status line comes late', async () => {
      const res = await chat('fast,headerDelay=300');
      assert.ok(res.headersAt - res.startedAt >= 250, `${res.headersAt - res.startedAt} ms`);
    });

    it('close() ends in-flight streams', async () => {
      const local = await startFakeSambaNova({ scenario: 'slow' });
      const pending = post(`${local.baseUrl}/chat/completions`, chatBody('long'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = performance.now();
      await local.close();
      const res = await pending;
      assert.ok(performance.now() - started < 1000);
      assert.ok(!res.body.includes('[DONE]'));
    });
  });
});
