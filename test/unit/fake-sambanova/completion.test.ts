// Completion scenarios of the fake SambaNova: answers derived from the prompt (the true
// continuation of a registered source), fixed time to first token and speed, per-model request
// limits with SambaNova's x-ratelimit-* headers, and the Tabby-compatible face of the same model.
import assert from 'node:assert/strict';
import { SourceIndex, startFakeSambaNova, type FakeSambaNova } from '../../fake-sambanova';
import { chunksOf, contentOf, get, post } from './helpers';

const source = [
  'def has_close_elements(numbers, threshold):',
  '    for idx, elem in enumerate(numbers):',
  '        for idx2, elem2 in enumerate(numbers):',
  '            if idx != idx2:',
  '                distance = abs(elem - elem2)',
  '                if distance < threshold:',
  '                    return True',
  '',
  '    return False',
  '',
].join('\n');
const holeStart = source.indexOf('distance = abs');
const holeEnd = source.indexOf('\n', source.indexOf('return True')) + 1;
const prefix = source.slice(0, holeStart);
const suffix = source.slice(holeEnd);
const hole = source.slice(holeStart, holeEnd);

/** A hole-filling chat prompt in the style instruct models get: one few-shot example, then the file. */
function chatPrompt(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    model: 'Meta-Llama-3.3-70B-Instruct',
    stream: true,
    messages: [
      { role: 'system', content: 'Fill in the code at <FILL_HERE>. Answer inside <COMPLETION></COMPLETION> only.' },
      { role: 'user', content: 'File: a.py\n```python\nx = <FILL_HERE>\n```' },
      { role: 'assistant', content: '<COMPLETION>1</COMPLETION>' },
      { role: 'user', content: `File: close.py (python)\n\`\`\`python\n${prefix}<FILL_HERE>${suffix}\n\`\`\`` },
    ],
    ...extra,
  };
}

function fimPrompt(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    model: 'Meta-Llama-3.3-70B-Instruct',
    stream: true,
    prompt: `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`,
    ...extra,
  };
}

describe('fake SambaNova: completion scenarios', () => {
  let server: FakeSambaNova;
  before(async () => {
    server = await startFakeSambaNova({ scenario: 'fast', sources: [{ path: 'src/close.py', text: source }] });
  });
  after(() => server.close());
  beforeEach(() => server.rateLimiter.reset());

  describe('answers from the prompt', () => {
    it('a chat hole-filling prompt gets the true continuation, wrapped like its few-shot answer', async () => {
      const res = await post(`${server.scenarioUrl('completion,ttft=0,tps=0')}/chat/completions`, chatPrompt());
      assert.equal(res.status, 200);
      assert.equal(contentOf(chunksOf(res.body)), `<COMPLETION>${hole}</COMPLETION>`);
      const recorded = server.requests.at(-1)!.completion!;
      assert.deepEqual([recorded.path, recorded.cursor, recorded.holeEnd], ['src/close.py', holeStart, holeEnd]);
    });

    it('stops before the first stop sequence, and `lines` cuts the answer', async () => {
      const stopped = await post(`${server.scenarioUrl('completion,ttft=0,tps=0')}/chat/completions`, chatPrompt({ stop: ['</COMPLETION>'] }));
      assert.equal(contentOf(chunksOf(stopped.body)), `<COMPLETION>${hole}`);
      const oneLine = await post(`${server.scenarioUrl('completion,ttft=0,tps=0,lines=1')}/chat/completions`, chatPrompt());
      assert.equal(contentOf(chunksOf(oneLine.body)), '<COMPLETION>distance = abs(elem - elem2)</COMPLETION>');
    });

    it('raw FIM prompts on /v1/completions: the hole, even where the source touches a marker character', async () => {
      const res = await post(`${server.scenarioUrl('completion,ttft=0,tps=0')}/completions`, fimPrompt({ stop: ['<|endoftext|>'] }));
      assert.equal(contentOf(chunksOf(res.body)), hole);

      const index = new SourceIndex();
      const html = 'const view = <div>{items.map((item) => <Row key={item.id} />)}</div>;\nexport default view;\n';
      index.add('view.tsx', html);
      const cut = html.indexOf('<Row');
      const located = index.locate(`<PRE> ${html.slice(0, cut)} <SUF>${html.slice(cut + 20)} <MID>`);
      assert.ok(located);
      assert.equal(located.cursor, cut);
    });

    it('artefacts: a fence and the current line repeated, as real models add them', async () => {
      const res = await post(`${server.scenarioUrl('completion,ttft=0,tps=0,lines=1,artefacts=fence%2Brepeat')}/completions`, fimPrompt());
      assert.equal(contentOf(chunksOf(res.body)), '```\n                distance = abs(elem - elem2)\n```');
      // Running on into the brackets the editor already has after the cursor.
      const ts = 'export function doubled(values: number[]): number[] {\n  return values.map((value) => value * 2);\n}\n';
      server.sources.add('doubled.ts', ts);
      const cut = ts.indexOf('value * 2');
      const overlap = await post(`${server.scenarioUrl('completion,ttft=0,tps=0,artefacts=overlap')}/completions`, {
        ...fimPrompt(),
        prompt: `<|fim_prefix|>${ts.slice(0, cut)}<|fim_suffix|>${ts.slice(cut + 9)}<|fim_middle|>`,
      });
      server.sources.remove('doubled.ts');
      assert.equal(contentOf(chunksOf(overlap.body)), 'value * 2);');
    });

    it('max_tokens cuts the oracle answer with finish_reason length', async () => {
      const res = await post(`${server.scenarioUrl('completion,ttft=0,tps=0')}/completions`, fimPrompt({ max_tokens: 3 }));
      const chunks = chunksOf(res.body);
      assert.ok(hole.startsWith(contentOf(chunks)) && contentOf(chunks).length < hole.length);
      assert.ok(chunks.some((c) => c.choices[0]?.finish_reason === 'length'));
    });

    it('a prompt about an unknown file: generated text (auto) or nothing (oracle)', async () => {
      const other = { model: 'Meta-Llama-3.3-70B-Instruct', stream: true, prompt: '<|fim_prefix|>let unrelated = 1;\n<|fim_suffix|><|fim_middle|>' };
      const auto = await post(`${server.scenarioUrl('fast,tokens=5')}/completions`, other);
      assert.ok(contentOf(chunksOf(auto.body)).length > 0);
      const oracle = await post(`${server.scenarioUrl('completion,ttft=0,tps=0')}/completions`, other);
      assert.equal(contentOf(chunksOf(oracle.body)), '');
    });

    it('sources can be registered over HTTP (for tests in another process)', async () => {
      const text = 'function add(a: number, b: number): number {\n  return a + b;\n}\n\nexport { add };\n';
      const added = await post(`${server.url}/_control/sources`, { path: 'add.ts', text });
      assert.equal(added.status, 200);
      assert.ok((JSON.parse(added.body) as { sources: string[] }).sources.includes('add.ts'));
      const cut = text.indexOf('return');
      const res = await post(`${server.scenarioUrl('completion,ttft=0,tps=0,lines=1')}/completions`, {
        model: 'Meta-Llama-3.3-70B-Instruct',
        stream: true,
        prompt: `<|fim_prefix|>${text.slice(0, cut)}<|fim_suffix|>${text.slice(text.indexOf('}'))}<|fim_middle|>`,
      });
      assert.equal(contentOf(chunksOf(res.body)), 'return a + b;');
      server.sources.remove('add.ts');
    });
  });

  describe('timing', () => {
    it('fixed time to first token and speed for completion answers', async () => {
      // 200 ms to the first token, then 50 more tokens at 500 tok/s: about 100 ms more.
      const long = Array.from({ length: 30 }, (_, i) => `    total = total + values[${i}] * weights[${i}]`).join('\n');
      const text = `def weighted(values, weights):\n    total = 0\n${long}\n    return total\n`;
      server.sources.add('weighted.py', text);
      const cut = text.indexOf('    total = total');
      const res = await post(`${server.scenarioUrl('completion,ttft=200,tps=500,tpc=1,lines=4')}/completions`, {
        model: 'Meta-Llama-3.3-70B-Instruct',
        stream: true,
        prompt: `<|fim_prefix|>${text.slice(0, cut)}<|fim_suffix|>${text.slice(text.indexOf('    return total'))}<|fim_middle|>`,
      });
      server.sources.remove('weighted.py');
      const chunks = chunksOf(res.body);
      assert.equal(contentOf(chunks), text.slice(cut, text.indexOf('\n', text.indexOf('[3]'))));
      // Timed from the moment the request left, never from the headers: server and client share
      // this process, and on a loaded machine the client can see the headers tens of ms after the
      // server's clock started, which made the stream look faster than the scenario (284 < 318 ms).
      const firstContent = res.readTimes[0]! - res.startedAt;
      const total = res.endedAt - res.startedAt;
      const tokens = chunks.filter((c) => (c.choices[0]?.text ?? '') !== '').length;
      // Lower bounds are the point (never faster than the scenario); upper bounds allow a loaded machine.
      assert.ok(firstContent >= 190 && firstContent < 1200, `first token after ${firstContent.toFixed(0)} ms`);
      const expected = 200 + ((tokens - 1) / 500) * 1000;
      assert.ok(total >= expected - 15 && total < expected + 1000, `${tokens} tokens in ${total.toFixed(0)} ms, expected ~${expected.toFixed(0)}`);
    });
  });

  describe('per-model request limit', () => {
    it('x-ratelimit-* headers on every answer, 429 + Retry-After once the minute is used up', async () => {
      const url = `${server.scenarioUrl('completion,ttft=0,tps=0,rpm=2,windowMs=1500')}/completions`;
      const first = await post(url, fimPrompt());
      const second = await post(url, fimPrompt());
      const third = await post(url, fimPrompt());
      assert.deepEqual([first.status, second.status, third.status], [200, 200, 429]);
      assert.equal(first.headers['x-ratelimit-limit-requests'], '2');
      assert.equal(first.headers['x-ratelimit-remaining-requests'], '1');
      assert.equal(second.headers['x-ratelimit-remaining-requests'], '0');
      assert.equal(first.headers['x-ratelimit-reset-requests'], '2');
      assert.equal(first.headers['x-ratelimit-limit-requests-day'], String(2 * 1440));
      assert.equal(second.headers['x-ratelimit-remaining-requests-day'], String(2 * 1440 - 2));
      assert.ok(first.headers['x-ratelimit-reset-requests-day']);
      assert.equal(first.headers['retry-after'], undefined);
      assert.equal(third.headers['x-ratelimit-remaining-requests'], '0');
      assert.equal(third.headers['retry-after'], '2');
      const body = JSON.parse(third.body) as { error: { type: string; message: string } };
      assert.equal(body.error.type, 'rate_limit_error');
      assert.equal(server.requests.at(-1)!.outcome, 'rate-limited');
    });

    it('limits are per model, and a slot frees once its request leaves the window', async () => {
      const url = (model: string) => ({ ...fimPrompt(), model });
      const limited = `${server.scenarioUrl('completion,ttft=0,tps=0,rpm=1,windowMs=300')}/completions`;
      assert.equal((await post(limited, url('Meta-Llama-3.3-70B-Instruct'))).status, 200);
      assert.equal((await post(limited, url('Meta-Llama-3.3-70B-Instruct'))).status, 429);
      assert.equal((await post(limited, url('DeepSeek-V3.1'))).status, 200, 'another model has its own budget');
      await new Promise((resolve) => setTimeout(resolve, 320));
      assert.equal((await post(limited, url('Meta-Llama-3.3-70B-Instruct'))).status, 200);
      const counts = await get(`${server.url}/_control/limits`);
      assert.deepEqual(JSON.parse(counts.body), { refused: { 'Meta-Llama-3.3-70B-Instruct': 1 } });
    });

    it('no headers without a limit (rpm=0)', async () => {
      const res = await post(`${server.scenarioUrl('completion,ttft=0,tps=0')}/completions`, fimPrompt());
      assert.equal(res.headers['x-ratelimit-limit-requests'], undefined);
    });
  });

  describe('Tabby-compatible API', () => {
    it('GET /tabby/v1/health answers a HealthState', async () => {
      const res = await get(`${server.url}/tabby/v1/health`, {});
      assert.equal(res.status, 200);
      const health = JSON.parse(res.body) as Record<string, unknown>;
      for (const field of ['model', 'device', 'arch', 'cpu_info', 'cpu_count', 'cuda_devices', 'version']) assert.ok(field in health, field);
    });

    it('POST /tabby/v1/completions: Tabby shapes, the same answer and latency as the SambaNova routes', async () => {
      const startedAt = performance.now();
      const res = await post(`${server.url}/scenario/completion,ttft=150,tps=1000,lines=1/tabby/v1/completions`, {
        language: 'python',
        segments: { prefix, suffix },
      });
      const elapsed = performance.now() - startedAt;
      assert.equal(res.status, 200);
      const body = JSON.parse(res.body) as { id: string; choices: Array<{ index: number; text: string }> };
      assert.equal(typeof body.id, 'string');
      assert.deepEqual(body.choices, [{ index: 0, text: 'distance = abs(elem - elem2)' }]);
      assert.ok(elapsed >= 150 && elapsed < 1500, `${elapsed.toFixed(0)} ms`);
      assert.equal(server.requests.at(-1)!.completion!.cursor, holeStart);
    });

    it('the same per-model limit, with 429 and the same headers', async () => {
      const url = `${server.url}/scenario/completion,ttft=0,tps=0,rpm=1/tabby/v1/completions`;
      const body = { language: 'python', segments: { prefix, suffix } };
      const ok = await post(url, body);
      const refused = await post(url, body);
      assert.deepEqual([ok.status, refused.status], [200, 429]);
      assert.equal(ok.headers['x-ratelimit-remaining-requests'], '0');
      assert.equal(refused.headers['retry-after'], '60');
    });

    it('422 without segments.prefix; events are accepted', async () => {
      assert.equal((await post(`${server.url}/tabby/v1/completions`, { language: 'python' })).status, 422);
      assert.equal((await post(`${server.url}/tabby/v1/events`, { type: 'view' })).status, 200);
    });
  });
});
