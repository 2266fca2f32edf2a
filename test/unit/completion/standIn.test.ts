// The whole core path against the local SambaNova stand-in: the engine's real prompts go
// through the real client to a server that answers with the true continuation of the file
// (optionally wrapped in the artefacts models add), and the ghost text must be exactly that
// continuation. Under a 20-a-minute limit the engine must not provoke a single 429.
import * as assert from 'node:assert/strict';
import { SambaNovaClient } from '../../../src/core/client/client';
import { CompletionEngine, type CompletionInput } from '../../../src/core/completion/engine';
import { startFakeSambaNova, type FakeSambaNova } from '../../fake-sambanova';

const FILE = [
  'def mean_absolute_deviation(numbers):',
  '    mean = sum(numbers) / len(numbers)',
  '    return sum(abs(x - mean) for x in numbers) / len(numbers)',
  '',
  '',
  'def running_max(numbers):',
  '    result = []',
  '    current = None',
  '    for n in numbers:',
  '        current = n if current is None else max(current, n)',
  '        result.append(current)',
  '    return result',
  '',
].join('\n');

function at(marker: string, keep = 0): CompletionInput {
  const offset = FILE.indexOf(marker) + keep;
  // The user has not written the rest of this line yet; the lines below are there.
  const lineEnd = FILE.indexOf('\n', offset);
  const text = FILE.slice(0, offset) + FILE.slice(lineEnd);
  return { uri: 'file:///work/stats.py', fileName: 'stats.py', languageId: 'python', text, offset, triggerKind: 'explicit', cursorCount: 1 };
}

describe('completion engine against the local SambaNova stand-in', function () {
  this.timeout(20_000);
  let server: FakeSambaNova;
  before(async () => {
    server = await startFakeSambaNova({ sources: [{ path: 'stats.py', text: FILE }] });
  });
  after(() => server.close());

  function engineFor(scenario: string): CompletionEngine {
    const client = new SambaNovaClient({
      fetch: globalThis.fetch,
      getApiKey: async () => 'sn-test-standin-0000000000000000',
      getSettings: () => ({ baseUrl: server.scenarioUrl(scenario), connectTimeoutMs: 5000, stallTimeoutMs: 5000, maxRetries: 2 }),
    });
    return new CompletionEngine({ client, getSettings: () => ({ enabled: true, model: 'Meta-Llama-3.3-70B-Instruct', disabledLanguages: [] }) });
  }

  for (const scenario of ['completion,ttft=0,tps=0', 'completion-artefacts,ttft=0,tps=0']) {
    it(`the rest of the line, exactly (${scenario.split(',')[0]})`, async () => {
      const engine = engineFor(scenario);
      try {
        const input = at('    current = None', '    current = '.length);
        const out = await engine.provide(input);
        assert.equal(out.stats.outcome, 'served', JSON.stringify(out.stats));
        assert.equal(out.items[0]?.insertText, 'None');
      } finally {
        engine.dispose();
      }
    });
  }

  it('typing along the answer needs no second request', async () => {
    server.requests.length = 0;
    const engine = engineFor('completion,ttft=0,tps=0');
    try {
      const input = at('        result.append(current)', '        result.'.length);
      const first = await engine.provide(input);
      assert.equal(first.items[0]?.insertText, 'append(current)');
      for (let k = 1; k < 'append(current'.length; k++) {
        const typed = 'append(current'.slice(0, k);
        const text = input.text.slice(0, input.offset!) + typed + input.text.slice(input.offset!);
        const out = await engine.provide({ ...input, text, offset: input.offset! + k, triggerKind: 'automatic' });
        assert.equal(out.items[0]?.insertText, 'append(current)'.slice(k), typed);
        assert.equal(out.stats.requestMade, false);
      }
      assert.equal(server.requests.filter((r) => r.path.includes('/chat/completions')).length, 1);
    } finally {
      engine.dispose();
    }
  });

  it('no 429 under a 20-requests-a-minute limit, however fast the user asks', async () => {
    server.requests.length = 0;
    server.rateLimiter.reset();
    const engine = engineFor('completion-free-tier,ttft=0,tps=0');
    try {
      const outcomes = new Map<string, number>();
      const lines = FILE.split('\n');
      for (let i = 0; i < 40; i++) {
        // A different place each time, so nothing is served from the cache.
        const line = lines.filter((l) => l.trim() !== '')[i % 10]!;
        const offset = FILE.indexOf(line) + line.length;
        const out = await engine.provide({ ...at(line, 0), text: FILE, offset, uri: `file:///work/${i}.py` });
        outcomes.set(out.stats.outcome, (outcomes.get(out.stats.outcome) ?? 0) + 1);
      }
      const statuses = server.requests.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 429).length, 0, `429s: ${JSON.stringify(statuses)}`);
      assert.ok((outcomes.get('rateLimited') ?? 0) > 0, `the budget never held back: ${JSON.stringify([...outcomes])}`);
      assert.ok(server.requests.length <= 15, `${server.requests.length} requests`);
    } finally {
      engine.dispose();
    }
  });
});
