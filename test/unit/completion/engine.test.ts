// The engine with a scripted client and a manual clock: which calls cost a request, which are
// served from what already arrived, how superseded work is cancelled, and how 429s and the
// request budget stop requests without any notification path (the engine has none).
import * as assert from 'node:assert/strict';
import type { ResponseHeadersInfo, SambaNovaApi, StreamOptions } from '../../../src/core/client/api';
import { CompletionEngine, type Clock, type CompletionInput, type CompletionSettings, type CompletionState } from '../../../src/core/completion/engine';
import { SambaNovaError } from '../../../src/core/client/errors';
import type { ChatRequest, ChatResult, CompletionRequest, ModelInfo } from '../../../src/core/client/types';

interface Call {
  kind: 'chat' | 'completion';
  request: ChatRequest | CompletionRequest;
  options: StreamOptions;
  resolve(text: string, headers?: Record<string, string>): void;
  reject(error: unknown): void;
  stream(text: string): void;
  aborted(): boolean;
}

/** A SambaNovaApi whose answers the test scripts, one call at a time. */
class ScriptedApi {
  calls: Call[] = [];
  models: ModelInfo[] = [];

  private call(kind: Call['kind'], request: ChatRequest | CompletionRequest, options: StreamOptions = {}): Promise<ChatResult> {
    return new Promise<ChatResult>((resolve, reject) => {
      let text = '';
      const headers = (h: Record<string, string>, status: number): ResponseHeadersInfo => ({ status, header: (n) => h[n] });
      options.signal?.addEventListener('abort', () => {
        const e = new Error('aborted');
        e.name = 'AbortError';
        reject(e);
      });
      this.calls.push({
        kind,
        request,
        options,
        stream: (t) => {
          text += t;
          options.onEvent?.({ type: 'text', text: t });
        },
        resolve: (t, h = {}) => {
          options.onResponseHeaders?.(headers(h, 200));
          options.onEvent?.({ type: 'text', text: t });
          text += t;
          resolve({ text, reasoning: '', toolCalls: [], model: request.model, usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2, totalLatencySec: 0.08 } });
        },
        reject: (error) => {
          if (error instanceof SambaNovaError && error.status) options.onResponseHeaders?.(headers({}, error.status));
          reject(error);
        },
        aborted: () => options.signal?.aborted === true,
      });
    });
  }

  streamChat = (request: ChatRequest, options?: StreamOptions) => this.call('chat', request, options);
  streamCompletion = (request: CompletionRequest, options?: StreamOptions) => this.call('completion', request, options);
  listModels = async () => this.models;
  modelInfo = (id: string) => this.models.find((m) => m.id === id);
  onDidActivity = () => ({ dispose() {} });
}

/** Time moves only when the test says so; sleeps resolve when it passes their deadline. */
class ManualClock implements Clock {
  t = 1000;
  private timers: { at: number; resolve(): void }[] = [];
  now = () => this.t;
  sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const timer = { at: this.t + ms, resolve };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((x) => x !== timer);
        const e = new Error('aborted');
        e.name = 'AbortError';
        reject(e);
      });
    });
  async advance(ms: number): Promise<void> {
    this.t += ms;
    for (const timer of this.timers.filter((x) => x.at <= this.t)) timer.resolve();
    this.timers = this.timers.filter((x) => x.at > this.t);
    await flush();
  }
}

const flush = () => new Promise((r) => setImmediate(r));

const MODEL = 'Meta-Llama-3.3-70B-Instruct';

function setup(settings: Partial<CompletionSettings> = {}) {
  const api = new ScriptedApi();
  const clock = new ManualClock();
  const states: CompletionState[] = [];
  const engine = new CompletionEngine({
    client: api as unknown as SambaNovaApi,
    getSettings: () => ({ enabled: true, model: MODEL, disabledLanguages: ['plaintext'], ...settings }),
    clock,
  });
  engine.onDidChangeState((s) => states.push(s));
  return { api, clock, engine, states };
}

const doc = (text: string, extra: Partial<CompletionInput> = {}): CompletionInput => ({
  uri: 'file:///w/a.ts',
  languageId: 'typescript',
  text,
  offset: text.length,
  triggerKind: 'explicit',
  cursorCount: 1,
  ...extra,
});

describe('CompletionEngine', () => {
  it('one request, then typing along the answer is served with no new request', async () => {
    const { api, engine } = setup();
    const pending = engine.provide(doc('function f(a: number, b: number) {\n  '));
    await flush();
    assert.equal(api.calls.length, 1);
    const call = api.calls[0]!;
    assert.equal(call.request.source, 'completion');
    assert.equal(call.options.maxRetries, 0, 'a retried completion would arrive too late');
    assert.deepEqual((call.request as ChatRequest).params?.stop, ['</COMPLETION>']);
    call.resolve('<COMPLETION>return a + b;</COMPLETION>');
    const first = await pending;
    assert.deepEqual(first.items, [{ insertText: 'return a + b;', range: { start: 37, end: 37 } }]);
    assert.equal(first.stats.source, 'request');
    assert.equal(first.stats.serverMs, 80);

    for (const typed of ['r', 're', 'ret', 'return a']) {
      const out = await engine.provide(doc(`function f(a: number, b: number) {\n  ${typed}`, { triggerKind: 'automatic' }));
      assert.equal(out.stats.requestMade, false, typed);
      assert.equal(out.stats.source, 'forward');
      assert.equal(out.items[0]!.insertText, 'return a + b;'.slice(typed.length));
    }
    assert.equal(api.calls.length, 1);
  });

  it('at the end of the file, a suggestion for an empty line ends without a line break (VS Code shows none that does)', async () => {
    const { api, engine } = setup();
    const text = 'function a() {\n  return 1;\n}\n\n';
    const pending = engine.provide(doc(text));
    await flush();
    api.calls[0]!.resolve('<COMPLETION>function b() {\n  return 2;\n}\n</COMPLETION>');
    assert.deepEqual((await pending).items, [{ insertText: 'function b() {\n  return 2;\n}', range: { start: text.length, end: text.length } }]);
    // With code below, the line break the model wrote is what keeps that code on its own line.
    const mid = engine.provide(doc(`${text}\nfunction c() {}\n`, { offset: text.length, uri: 'file:///w/b.ts' }));
    await flush();
    api.calls[1]!.resolve('<COMPLETION>function b() {\n  return 2;\n}\n</COMPLETION>');
    assert.equal((await mid).items[0]!.insertText, 'function b() {\n  return 2;\n}\n');
  });

  it('what the answer wrote past its block serves the pause after the next Enters, with no request', async () => {
    const { api, engine } = setup();
    const open = 'function f() {\n  ';
    const pending = engine.provide(doc(`${open}\n}`, { offset: open.length }));
    await flush();
    api.calls[0]!.resolve('<COMPLETION>return 1;\n}\n\nfunction g() {\n  return 2;\n}\n\nfunction h() {</COMPLETION>');
    assert.equal((await pending).items[0]!.insertText, 'return 1;', 'cut at the block end; the } below is the file\'s');
    const later = `${open}return 1;\n}\n\n`;
    const out = await engine.provide(doc(later, { triggerKind: 'automatic' }));
    assert.equal(api.calls.length, 1, 'no new request');
    // Cleaned as a new answer at this place would be (at the top level, no block ends it).
    assert.deepEqual(out.items, [{ insertText: 'function g() {\n  return 2;\n}\n\nfunction h() {', range: { start: later.length, end: later.length } }]);
  });

  it('reuses a request still streaming when the user types what it is sending', async () => {
    const { api, engine } = setup();
    const text = 'const total = ';
    const a = engine.provide(doc(text));
    await flush();
    api.calls[0]!.stream('<COMPLETION>price');
    const b = engine.provide(doc(`${text}pr`));
    await flush();
    assert.equal(api.calls.length, 1, 'a second request was made');
    assert.equal(api.calls[0]!.aborted(), false);
    api.calls[0]!.resolve(' * quantity</COMPLETION>');
    const [outA, outB] = await Promise.all([a, b]);
    assert.equal(outA.items[0]!.insertText, 'price * quantity');
    assert.equal(outB.stats.source, 'inflight');
    assert.equal(outB.items[0]!.insertText, 'ice * quantity');
  });

  it('aborts a request at once when the user moved somewhere it cannot serve', async () => {
    const { api, engine } = setup();
    const a = engine.provide(doc('const total = '));
    await flush();
    api.calls[0]!.stream('<COMPLETION>price');
    const b = engine.provide(doc('const total = x;\nconst other = '));
    await flush();
    assert.equal(api.calls[0]!.aborted(), true, 'the superseded HTTP request still runs');
    assert.equal(api.calls.length, 2);
    api.calls[1]!.resolve('<COMPLETION>2</COMPLETION>');
    assert.equal((await a).items.length, 0);
    assert.equal((await b).items[0]!.insertText, '2');
  });

  it('asks only once the user pauses, at every position, and a newer keystroke supersedes the wait', async () => {
    const { api, clock, engine } = setup();
    // Typing `const x = f(a, ` at 100 ms a key: spaces, brackets and commas cost nothing.
    const line = 'const x = f(a, ';
    const calls: Promise<unknown>[] = [];
    for (let i = 1; i <= line.length; i++) {
      calls.push(engine.provide(doc(line.slice(0, i), { triggerKind: 'automatic' })));
      await clock.advance(100);
      assert.equal(api.calls.length, 0, `asked while typing, after ${JSON.stringify(line.slice(0, i))}`);
    }
    // The pause: one request, for where the user stopped.
    await clock.advance(400);
    assert.equal(api.calls.length, 1);
    api.calls[0]!.resolve('<COMPLETION>b);</COMPLETION>');
    const outcomes = await Promise.all(calls);
    const last = outcomes.at(-1) as Awaited<ReturnType<typeof engine.provide>>;
    assert.equal(last.items[0]!.insertText, 'b);');
    assert.ok(last.stats.debounceMs > 0);
    assert.equal(outcomes.slice(0, -1).every((o) => (o as typeof last).stats.outcome === 'superseded'), true);
    // An explicit trigger does not wait.
    const asked = engine.provide(doc('if (ok) {\n  ', { uri: 'file:///w/b.ts' }));
    await flush();
    assert.equal(api.calls.length, 2);
    api.calls[1]!.resolve('<COMPLETION>run();</COMPLETION>');
    assert.equal((await asked).stats.debounceMs, 0);
  });

  for (const msPerKey of [60, 130, 200]) {
    it(`a fresh window: typing a function header at ${msPerKey} ms a key costs no request, the pause after Enter gets ghost text`, async () => {
      const { api, clock, engine } = setup();
      const header = 'export function lerp(a: number, b: number, t: number): number {';
      let text = '';
      const outs: Promise<Awaited<ReturnType<typeof engine.provide>>>[] = [];
      for (const ch of [...header, '\n  ']) {
        text += ch;
        outs.push(engine.provide(doc(text, { triggerKind: 'automatic', uri: 'file:///w/lerp.ts' })));
        await clock.advance(msPerKey);
        assert.equal(api.calls.length, 0, `asked while typing, after ${JSON.stringify(text.slice(-12))}`);
      }
      // The pause after Enter.
      for (let waited = 0; waited < 1000 && api.calls.length === 0; waited += 10) await clock.advance(10);
      assert.equal(api.calls.length, 1, 'no request at the pause');
      api.calls[0]!.resolve('<COMPLETION>return a + (b - a) * t;</COMPLETION>');
      const last = await outs.at(-1)!;
      assert.equal(last.items[0]?.insertText, 'return a + (b - a) * t;');
    });
  }

  it('one request per pause and place: asked again there after an empty answer, it does not ask twice', async () => {
    const { api, clock, engine } = setup();
    const first = engine.provide(doc('let total = ', { triggerKind: 'automatic' }));
    await clock.advance(600);
    api.calls[0]!.resolve('<COMPLETION></COMPLETION>');
    assert.equal((await first).stats.outcome, 'empty');
    const again = engine.provide(doc('let total = ', { triggerKind: 'automatic' }));
    await clock.advance(600);
    assert.equal((await again).stats.outcome, 'empty');
    assert.equal(api.calls.length, 1);
    // The user asks: that is a new request.
    const explicit = engine.provide(doc('let total = '));
    await flush();
    assert.equal(api.calls.length, 2);
    api.calls[1]!.resolve('<COMPLETION>0;</COMPLETION>');
    assert.equal((await explicit).items[0]!.insertText, '0;');
  });

  it('waits less where a suggestion is likely taken, more on a comment line when requests are scarce', async () => {
    const { api, clock, engine } = setup();
    // Twelve keys at 150 ms: the engine learns the rhythm (a burst makes no request).
    for (let i = 0; i < 12; i++) {
      void engine.provide(doc(`let a${'x'.repeat(i)}`, { triggerKind: 'automatic', uri: 'file:///w/rhythm.ts' }));
      await clock.advance(150);
    }
    await clock.advance(1000);
    const base = api.calls.length;
    const timeToAsk = async (text: string): Promise<number> => {
      const started = clock.t;
      const pending = engine.provide(doc(text, { triggerKind: 'automatic', uri: `file:///w/${started}.ts` }));
      for (let waited = 0; waited < 2000 && api.calls.length === base; waited += 10) await clock.advance(10);
      const at = clock.t - started;
      api.calls.at(-1)!.resolve('<COMPLETION>x</COMPLETION>');
      await pending;
      return at;
    };
    const high = await timeToAsk('function f() {\n  ');
    const before = api.calls.length;
    assert.equal(before, base + 1);
    const low = await (async () => {
      const started = clock.t;
      const pending = engine.provide(doc('  // the total of ', { triggerKind: 'automatic', uri: 'file:///w/c.ts' }));
      for (let waited = 0; waited < 2000 && api.calls.length === before; waited += 10) await clock.advance(10);
      api.calls.at(-1)!.resolve('<COMPLETION>x</COMPLETION>');
      await pending;
      return clock.t - started;
    })();
    assert.ok(high < low, `after an opener ${high} ms, on a comment line ${low} ms`);
  });

  it("the caller's cancellation stops waiting but keeps the paid-for answer", async () => {
    const { api, engine } = setup();
    const controller = new AbortController();
    const pending = engine.provide(doc('let x = '), controller.signal);
    await flush();
    controller.abort();
    assert.equal((await pending).stats.outcome, 'cancelled');
    assert.equal(api.calls[0]!.aborted(), false);
    api.calls[0]!.resolve('<COMPLETION>42;</COMPLETION>');
    await flush();
    const again = await engine.provide(doc('let x = '));
    assert.equal(again.stats.source, 'cache');
    assert.equal(again.items[0]!.insertText, '42;');
    assert.equal(api.calls.length, 1);
  });

  it('a 429 pauses completion for Retry-After, silently, and says so in its state', async () => {
    const { api, clock, engine, states } = setup();
    const pending = engine.provide(doc('let x = '));
    await flush();
    api.calls[0]!.reject(new SambaNovaError({ kind: 'rateLimited', userMessage: '429', status: 429, retryAfterMs: 10_000 }));
    const out = await pending;
    assert.equal(out.stats.outcome, 'rateLimited');
    const state = states[states.length - 1]!;
    assert.ok(state.kind === 'rateLimited' && !state.selfImposed && state.until === clock.t + 10_000, JSON.stringify(state));
    const blocked = await engine.provide(doc('let y = '));
    assert.equal(blocked.stats.outcome, 'rateLimited');
    assert.equal(api.calls.length, 1);
    await clock.advance(10_001);
    const later = engine.provide(doc('let z = '));
    await flush();
    assert.equal(api.calls.length, 2);
    api.calls[1]!.resolve('<COMPLETION>1;</COMPLETION>');
    assert.equal((await later).items[0]!.insertText, '1;');
  });

  it('after a rejected key it stops asking until settings change or a minute passes', async () => {
    const { api, clock, engine, states } = setup();
    const first = engine.provide(doc('a = '));
    await flush();
    api.calls[0]!.reject(new SambaNovaError({ kind: 'auth', userMessage: 'The API key was rejected.', status: 401 }));
    assert.equal((await first).stats.outcome, 'error');
    assert.deepEqual(states[states.length - 1], { kind: 'error', message: 'The API key was rejected.', model: MODEL });
    for (const t of ['b = ', 'c = ', 'd = ']) assert.equal((await engine.provide(doc(t))).stats.outcome, 'error');
    assert.equal(api.calls.length, 1, 'a request per keystroke with a rejected key');
    await clock.advance(60_001);
    void engine.provide(doc('e = '));
    await flush();
    assert.equal(api.calls.length, 2);
    api.calls[1]!.reject(new SambaNovaError({ kind: 'auth', userMessage: 'The API key was rejected.', status: 401 }));
    await flush();
    engine.settingsChanged();
    assert.deepEqual(states[states.length - 1], { kind: 'idle' }, 'the status bar kept the error after the key changed');
    void engine.provide(doc('f = '));
    await flush();
    assert.equal(api.calls.length, 3, 'a settings change (new key) did not end the pause');
  });

  it("keeps under the server's limit with headroom for the chat, and spreads its requests", async () => {
    const { api, clock, engine, states } = setup();
    let served = 0;
    for (let i = 0; i < 20; i++) {
      const pending = engine.provide(doc(`let v${i} = `, { uri: `file:///w/${i}.ts` }));
      await flush();
      if (api.calls.length === served) {
        assert.equal((await pending).stats.outcome, 'rateLimited');
        break;
      }
      // The server allows 8 a minute; it says how many are left.
      api.calls[served]!.resolve('<COMPLETION>0;</COMPLETION>', {
        'x-ratelimit-limit-requests': '8',
        'x-ratelimit-remaining-requests': String(8 - served - 1),
        'x-ratelimit-reset-requests': '60',
      });
      await pending;
      served++;
      await clock.advance(9_000);
    }
    assert.equal(served, 6, 'completion must leave 2 of 8 for the chat');
    const last = states[states.length - 1]!;
    assert.ok(last.kind === 'rateLimited' && last.selfImposed, JSON.stringify(states));
  });

  it('a completion model the chat does not use keeps no share back; the chat model does', async () => {
    const own = setup({ chatModel: 'DeepSeek-V3.1' });
    const shared = setup({ chatModel: MODEL });
    for (const [name, t, expected] of [['own', own, 20], ['shared', shared, 15]] as const) {
      let served = 0;
      for (let i = 0; i < 25; i++) {
        const pending = t.engine.provide(doc(`let v${i} = `, { uri: `file:///w/${i}.ts` }));
        await flush();
        if (t.api.calls.length === served) break;
        // The server allows 20 a minute on this model and says how many are left.
        t.api.calls[served]!.resolve('<COMPLETION>0;</COMPLETION>', {
          'x-ratelimit-limit-requests': '20',
          'x-ratelimit-remaining-requests': String(20 - served - 1),
          'x-ratelimit-reset-requests': '120',
        });
        await pending;
        served++;
        await t.clock.advance(4_000);
      }
      assert.equal(served, expected, name);
    }
  });

  it('snooze stops automatic requests; an explicit trigger still asks', async () => {
    const { api, engine } = setup({ snoozedUntil: 1_000_000 });
    const auto = await engine.provide(doc('x = ', { triggerKind: 'automatic' }));
    assert.equal(auto.stats.gateReason, 'snoozed');
    assert.equal(api.calls.length, 0);
    const asked = engine.provide(doc('x = '));
    await flush();
    assert.equal(api.calls.length, 1);
    api.calls[0]!.resolve('<COMPLETION>1</COMPLETION>');
    assert.equal((await asked).items[0]!.insertText, '1');
  });

  it('gated calls make no request', async () => {
    const { api, engine } = setup();
    const several = await engine.provide(doc('x = ', { cursorCount: 3 }));
    assert.equal(several.stats.gateReason, 'multipleCursors');
    const plain = await engine.provide(doc('Dear team,', { languageId: 'plaintext' }));
    assert.equal(plain.stats.gateReason, 'disabledLanguage');
    const output = await engine.provide(doc('x = ', { uri: 'output:tasks' }));
    assert.equal(output.stats.gateReason, 'notAFile');
    assert.equal(api.calls.length, 0);
  });

  it("continues the suggest widget's selected item instead of contradicting it", async () => {
    const { api, engine } = setup();
    // The user typed "con" and the suggest widget selected "console".
    const text = 'con';
    const pending = engine.provide(doc(text, { selectedCompletion: { start: 0, end: 3, text: 'console' } }));
    await flush();
    const query = String((api.calls[0]!.request as ChatRequest).messages.at(-1)!.content);
    assert.ok(query.includes('console{{FILL_HERE}}'), query);
    api.calls[0]!.resolve('<COMPLETION>.log(x);</COMPLETION>');
    const out = await pending;
    assert.deepEqual(out.items, [{ insertText: 'console.log(x);', range: { start: 0, end: 3 } }]);
  });

  it('picks a fast model from the live list when none is set, and uses FIM for FIM models', async () => {
    const { api, engine } = setup({ model: '' });
    api.models = [{ id: 'gpt-oss-120b' }, { id: 'DeepSeek-V3.1' }, { id: 'Meta-Llama-3.1-8B-Instruct', contextLength: 16384 }];
    const pending = engine.provide(doc('x = '));
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(api.calls[0]!.request.model, 'Meta-Llama-3.1-8B-Instruct');
    api.calls[0]!.resolve('<COMPLETION>1</COMPLETION>');
    await pending;
    assert.deepEqual(engine.model, { model: 'Meta-Llama-3.1-8B-Instruct', auto: true });

    const fim = setup({ model: 'qwen2.5-coder-7b' });
    const p = fim.engine.provide(doc('def f():\n    ', { languageId: 'python', uri: 'file:///w/a.py' }));
    await flush();
    const call = fim.api.calls[0]!;
    assert.equal(call.kind, 'completion');
    assert.ok((call.request as CompletionRequest).prompt.startsWith('<|fim_prefix|>'));
    call.resolve('return 1<|endoftext|>');
    assert.equal((await p).items[0]!.insertText, 'return 1');
  });
});
