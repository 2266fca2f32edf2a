// Streaming behaviour: deterministic content, verbatim replies, reasoning and tool-call styles,
// wire fragmentation and (loosely) the token rate.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateAnswerTokens, resolveScenario, startFakeSambaNova, tokenize, type FakeSambaNova } from '../../fake-sambanova';
import { chatBody, chunksOf, contentOf, post } from './helpers';

const xssPayloads = (JSON.parse(readFileSync('/work/shared/corpora/xss/dompurify-payloads.json', 'utf8')) as unknown[])
  .map((entry) => (typeof entry === 'string' ? entry : (entry as { payload?: string }).payload))
  .filter((payload): payload is string => typeof payload === 'string')
  .slice(0, 40);

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { location: { type: 'string' }, days: { type: 'integer' } } },
  },
};

describe('fake SambaNova: streaming', () => {
  let server: FakeSambaNova;
  before(async () => {
    server = await startFakeSambaNova({ scenario: 'fast' });
  });
  after(() => server.close());
  const stream = (scenario: string, body: unknown) => post(`${server.scenarioUrl(scenario)}/chat/completions`, body);

  describe('content', () => {
    it('is markdown with heading, paragraph, list and ts/python code, the same for the same seed', async () => {
      const a = contentOf(chunksOf((await stream('fast,tokens=600', chatBody('seed A'))).body));
      const b = contentOf(chunksOf((await stream('fast,tokens=600', chatBody('seed A'))).body));
      const c = contentOf(chunksOf((await stream('fast,tokens=600', chatBody('seed B'))).body));
      assert.equal(a, b);
      assert.notEqual(a, c);
      assert.equal(tokenize(a).length, 600);
      assert.match(a, /^## /m);
      assert.match(a, /^- /m);
      assert.match(a, /^```ts$/m);
      assert.match(a, /^```python$/m);
      assert.equal(a, generateAnswerTokens('seed A', 600).join(''));
    });

    it('tokenize() loses nothing', () => {
      const text = 'Ünïcode ✓ 🚀 <think>x</think>\n\n  code() 12345 naïve';
      assert.equal(tokenize(text).join(''), text);
    });

    it('max_tokens cuts the answer with finish_reason "length"', async () => {
      const chunks = chunksOf((await stream('fast', chatBody('x', { max_tokens: 17 }))).body);
      assert.equal(tokenize(contentOf(chunks)).length, 17);
      assert.equal(chunks.at(-2)!.choices[0]!.finish_reason, 'length');
      assert.equal(chunks.at(-1)!.usage!.completion_tokens, 17);
    });

    it('streams XSS payloads verbatim through "echo:" and the reply option', async () => {
      for (const payload of xssPayloads) {
        const echoed = contentOf(chunksOf((await stream('fast', chatBody(`echo: ${payload}`))).body));
        assert.equal(echoed, payload);
      }
      const reply = '<img src=x onerror=alert(1)>';
      const viaScenario = contentOf(chunksOf((await stream(`fast,reply=${encodeURIComponent(reply)}`, chatBody('anything'))).body));
      assert.equal(viaScenario, reply);
    });
  });

  describe('reasoning styles', () => {
    it('gpt-oss: delta.reasoning, then content', async () => {
      const chunks = chunksOf((await stream('fast,reasoning=field,reasoningTokens=12', chatBody('echo: done'))).body);
      const reasoning = chunks.map((chunk) => chunk.choices[0]?.delta?.reasoning ?? '').join('');
      assert.equal(tokenize(reasoning).length, 12);
      assert.equal(contentOf(chunks), 'done');
      const firstContent = chunks.findIndex((chunk) => chunk.choices[0]?.delta?.content);
      const lastReasoning = chunks.findLastIndex((chunk) => chunk.choices[0]?.delta?.reasoning);
      assert.ok(lastReasoning < firstContent);
    });

    it('"auto" follows the model: gpt-oss-120b reasons in the field', async () => {
      const chunks = chunksOf((await stream('fast', { ...chatBody('x'), model: 'gpt-oss-120b' })).body);
      assert.ok(chunks.some((chunk) => chunk.choices[0]?.delta?.reasoning));
    });

    it('<think> in content, and with the opening tag missing', async () => {
      const withTag = contentOf(chunksOf((await stream('fast,reasoning=think', chatBody('echo: answer'))).body));
      assert.match(withTag, /^<think>\n[^]+\n<\/think>\n\nanswer$/);
      const noOpen = contentOf(chunksOf((await stream('fast,reasoning=think-no-open', chatBody('echo: answer'))).body));
      assert.ok(!noOpen.includes('<think>'));
      assert.match(noOpen, /\n<\/think>\n\nanswer$/);
    });
  });

  describe('tool calls', () => {
    const argumentsOf = (chunks: ReturnType<typeof chunksOf>, index: number) =>
      chunks
        .flatMap((chunk) => (chunk.choices[0]?.delta?.tool_calls as Array<{ index: number; function: { arguments: unknown } }>) ?? [])
        .filter((call) => call.index === index)
        .map((call) => call.function.arguments);

    it('incremental: id and name first, then argument pieces; finish_reason tool_calls', async () => {
      const chunks = chunksOf((await stream('tools-incremental,ttft=0,tps=0,tpc=2,toolCalls=2', chatBody('weather?', { tools: [weatherTool] }))).body);
      const pieces = argumentsOf(chunks, 0);
      assert.ok(pieces.length > 3);
      const args = JSON.parse(pieces.join(''));
      assert.equal(typeof args.location, 'string');
      assert.equal(typeof args.days, 'number');
      assert.ok(argumentsOf(chunks, 1).length > 0, 'second call');
      const first = (chunks.find((chunk) => chunk.choices[0]?.delta?.tool_calls)!.choices[0]!.delta!.tool_calls as Array<{ id: string; function: { name: string } }>)[0]!;
      assert.match(first.id, /^call_[0-9a-f]{18}$/);
      assert.equal(first.function.name, 'get_weather');
      assert.equal(chunks.at(-2)!.choices[0]!.finish_reason, 'tool_calls');
    });

    it('whole call in one chunk, arguments as string or as an object', async () => {
      const whole = argumentsOf(chunksOf((await stream('tools-whole,ttft=0,tps=0', chatBody('w', { tools: [weatherTool] }))).body), 0);
      assert.equal(whole.length, 1);
      assert.equal(typeof whole[0], 'string');
      const object = argumentsOf(chunksOf((await stream('tools-object-args,ttft=0,tps=0', chatBody('w', { tools: [weatherTool] }))).body), 0);
      assert.equal(typeof object[0], 'object');
    });

    it('tool_choice none answers in text', async () => {
      const chunks = chunksOf((await stream('tools-whole,ttft=0,tps=0', chatBody('echo: text', { tools: [weatherTool], tool_choice: 'none' }))).body);
      assert.equal(contentOf(chunks), 'text');
    });
  });

  describe('wire fragmentation', () => {
    it('single-byte writes arrive as many reads, splitting UTF-8 sequences, and still decode', async () => {
      const text = 'naïve → ✓ 🚀 done';
      const res = await stream('single-bytes', chatBody(`echo: ${text}`));
      assert.ok(res.reads.length > res.body.length / 4, `${res.reads.length} reads for ${Buffer.byteLength(res.body)} bytes`);
      const splitsCharacter = res.reads.some((read) => {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(read);
          return false;
        } catch {
          return true;
        }
      });
      assert.ok(splitsCharacter, 'some read ends inside a multi-byte character');
      assert.equal(contentOf(chunksOf(res.body)), text);
    });

    it('N-byte writes: no read is longer than N bytes', async () => {
      const res = await stream('split-bytes,tokens=40', chatBody('x'));
      assert.ok(res.reads.every((read) => read.length <= 7));
      assert.equal(tokenize(contentOf(chunksOf(res.body))).length, 40);
    });

    it('whole-event writes never split an event', async () => {
      const res = await stream('default,tokens=60,ttft=0', chatBody('x'));
      assert.ok(res.reads.length > 3);
      assert.ok(res.reads.every((read) => read.toString('utf8').endsWith('\n\n')));
    });
  });

  describe('timing (loose bounds)', () => {
    it('honours tokens per second and time to first token', async () => {
      const res = await stream('default,ttft=150,tps=400,tpc=4,tokens=204', chatBody('x'));
      const chunks = chunksOf(res.body);
      const contentRead = res.reads.findIndex((read) => read.toString('utf8').includes('"content":"#'));
      // Lower bounds from the moment the request left (no later than the server's clock starts):
      // server and client share this process, and a late read on a loaded machine would make the
      // time from the headers or from the first read look shorter than the scenario's.
      const ttft = res.readTimes[contentRead]! - res.startedAt;
      assert.ok(ttft >= 130 && ttft < 600, `ttft ${ttft} ms`);
      // 200 tokens after the first chunk at 400 tok/s: about 500 ms, after the 150 ms to the first.
      const total = res.endedAt - res.startedAt;
      assert.ok(total > 150 + 400 && total < 150 + 1500, `streamed in ${total} ms`);
      const rate = chunks.at(-1)!.usage!.completion_tokens_after_first_per_sec as number;
      assert.ok(rate > 250 && rate < 520, `server-reported ${rate} tok/s`);
      assert.ok(Math.abs((chunks.at(-1)!.usage!.time_to_first_token as number) - 0.15) < 0.1);
    });

    it('full-speed replays of a big stream carry their own ids and the same text as a paced stream', async () => {
      const spec = 'fast,tokens=4000,tpc=2';
      const a = chunksOf((await stream(spec, chatBody('same'))).body);
      const b = chunksOf((await stream(spec, chatBody('same'))).body);
      const paced = chunksOf((await stream(`${spec},tps=1000000`, chatBody('same'))).body);
      assert.notEqual(a[5]!.id, b[5]!.id);
      assert.ok(a.every((chunk) => chunk.id === a[0]!.id && chunk.created === a[0]!.created));
      assert.equal(contentOf(a), contentOf(b));
      assert.equal(contentOf(a), contentOf(paced));
      assert.equal(a.length, paced.length);
    });

    it('tps=0 streams 20k chunks without a timer per chunk', async () => {
      const started = performance.now();
      const res = await stream('flood', chatBody('x'));
      const elapsed = performance.now() - started;
      assert.equal(chunksOf(res.body).length, 20000 + 3);
      assert.ok(elapsed < 5000, `${elapsed} ms`);
    });
  });

  describe('scenario specs', () => {
    it('parses URL and object forms and rejects bad fields clearly', () => {
      const fromUrl = resolveScenario('fast,tps=2000,tpc=4,fault=drop');
      assert.equal(fromUrl.tps, 2000);
      assert.equal(fromUrl.tokensPerChunk, 4);
      assert.equal(fromUrl.fault, 'drop');
      assert.equal(resolveScenario({ name: 'slow', tokens: 5 }).tps, 40);
      assert.equal(resolveScenario('tps=7').ttftMs, 60, 'no name: default preset');
      assert.throws(() => resolveScenario('nope'), /Unknown scenario "nope"/);
      assert.throws(() => resolveScenario('fast,tps=abc'), /needs a number/);
      assert.throws(() => resolveScenario('fast,fault=explode'), /must be one of/);
      assert.throws(() => resolveScenario({ tpc: 0 } as never), /tokensPerChunk/);
    });

    it('a bad scenario in the URL is a clear 400, not a hang', async () => {
      const res = await stream('fast,tps=abc', chatBody('x'));
      assert.equal(res.status, 400);
      assert.match(res.body, /needs a number/);
    });
  });
});
