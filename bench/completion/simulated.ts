// node --import tsx bench/completion/simulated.ts [--rpm 20,240] [--wrong 0,20,40] [--seeds 3] [--chars 1200 --per-file 600] [--chat-model ID]
//
// bench:completion's replay (replay.ts: VS Code's editing rules, the typist, Tab where a person
// would take the suggestion) through our engine, in simulated time: setTimeout and performance.now
// are replaced by a clock that jumps from one timer to the next, and the stand-in's own answer
// logic (completionAnswer.ts, fallible mode included) and rate limiter (rateLimit.ts) answer
// in-process with its timing (120 ms to first token, 800 tok/s) instead of over HTTP. A run of
// every configuration takes seconds, not tens of minutes, needs no server and gives the same
// figures on every machine, so scheduling levers can be weighed quickly; bench:completion stays
// the real-time check (on the old replay both gave the same figures to the request: 71 requests,
// 95.8% of pauses shown, at 240/min, 1200 keys). Not a comparison with other providers.
import { parseArgs } from 'node:util';
import type { SambaNovaApi, StreamOptions } from '../../src/core/client/api';
import { SambaNovaError } from '../../src/core/client/errors';
import type { ChatRequest } from '../../src/core/client/types';
import { CompletionEngine } from '../../src/core/completion/engine';
import { answerCompletion } from '../../test/fake-sambanova/completionAnswer';
import { RateLimiter } from '../../test/fake-sambanova/rateLimit';
import { SourceIndex } from '../../test/fake-sambanova/sourceIndex';
import type { Provider } from './providers';
import { replay, type ReplayResult } from './replay';
import { summarize } from './summary';
import { buildTrace } from './trace';

/** Timers in simulated time: fire() runs the earliest one and moves the clock to it. */
class SimulatedTime {
  now = 0;
  private seq = 0;
  private timers: { at: number; seq: number; fn: () => void }[] = [];

  set(ms: number | undefined, fn: () => void): number {
    this.timers.push({ at: this.now + Math.max(0, Number(ms) || 0), seq: ++this.seq, fn });
    return this.seq;
  }

  cancel(id: number | undefined): void {
    this.timers = this.timers.filter((t) => t.seq !== id);
  }

  get pending(): number {
    return this.timers.length;
  }

  fire(): void {
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const timer = this.timers.shift()!;
    this.now = timer.at;
    timer.fn();
  }
}

const time = new SimulatedTime();
const realSetImmediate = setImmediate;
interface FakeHandle {
  id: number;
  unref(): FakeHandle;
  ref(): FakeHandle;
}
function fakeSetTimeout(fn: () => void, ms?: number): FakeHandle {
  const handle: FakeHandle = { id: time.set(ms, fn), unref: () => handle, ref: () => handle };
  return handle;
}
// The engine, the client's sleeps and the replay read these globals when they run, not when
// they load, so replacing them here puts all of them on simulated time.
Object.assign(globalThis, {
  setTimeout: fakeSetTimeout,
  clearTimeout: (handle: FakeHandle | undefined) => time.cancel(handle?.id),
});
const origin = performance.timeOrigin;
performance.now = () => time.now;

/** Lets promise chains settle, then fires the next timer, until `done`. */
async function drive(done: () => boolean): Promise<void> {
  for (;;) {
    for (let i = 0; i < 6; i++) await new Promise((resolve) => realSetImmediate(resolve));
    if (done()) return;
    if (time.pending === 0) throw new Error('simulated replay stalled: nothing to wait for');
    time.fire();
  }
}

const MODEL = 'Meta-Llama-3.3-70B-Instruct';

interface Logged {
  seq: number;
  path: string;
  model: string;
  status: number;
  outcome?: string;
  receivedAt: number;
  endedAt?: number;
}

async function runOnce(rpm: number, wrong: number, seed: number, chars: number, perFile: number, chatModel: string | undefined) {
  const trace = buildTrace(chars, seed, perFile);
  const index = new SourceIndex();
  for (const file of trace.files) index.add(file.path, file.source);
  const limiter = new RateLimiter(() => time.now);
  const log: Logged[] = [];
  const abortError = () => Object.assign(new Error('aborted'), { name: 'AbortError' });
  const client = {
    onDidActivity: () => ({ dispose() {} }),
    modelInfo: () => undefined,
    listModels: () => Promise.resolve([]),
    streamCompletion: () => Promise.reject(new Error('the simulated stand-in answers chat prompts only')),
    streamChat: (request: ChatRequest, options: StreamOptions = {}) =>
      new Promise((resolve, reject) => {
        const entry: Logged = { seq: log.length + 1, path: '/v1/chat/completions', model: MODEL, status: 200, receivedAt: origin + time.now };
        log.push(entry);
        const decision = limiter.take(MODEL, { rpm, rpd: 0, windowMs: 60_000 });
        const headers = { status: 200, header: (name: string) => decision?.headers[name] };
        if (decision && !decision.allowed) {
          entry.status = 429;
          setTimeout(() => {
            entry.endedAt = origin + time.now;
            options.onResponseHeaders?.({ ...headers, status: 429 });
            reject(new SambaNovaError({ kind: 'rateLimited', userMessage: '429', status: 429, retryAfterMs: Number(decision.headers['retry-after']) * 1000 }));
          }, 30);
          return;
        }
        const messages = request.messages.map((m) => ({ role: m.role, content: typeof m.content === 'string' ? m.content : '' }));
        const answer = answerCompletion(index, { route: 'chat', messages, stop: request.params?.stop ?? [] }, { lines: 3, artefacts: [], wrong, messy: 20, seed });
        const text = answer?.text ?? '';
        const ms = 120 + (text.length / 4 / 800) * 1000;
        const timer = setTimeout(() => {
          entry.endedAt = origin + time.now;
          entry.outcome = 'complete';
          options.onResponseHeaders?.(headers);
          options.onEvent?.({ type: 'text', text });
          resolve({ text, reasoning: '', toolCalls: [], model: MODEL, usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2, totalLatencySec: ms / 1000 } });
        }, ms);
        options.signal?.addEventListener('abort', () => {
          if (entry.endedAt !== undefined) return;
          clearTimeout(timer);
          entry.endedAt = origin + time.now;
          entry.outcome = 'aborted';
          reject(abortError());
        });
      }),
  };
  const engine = new CompletionEngine({
    client: client as unknown as SambaNovaApi,
    getSettings: () => ({ enabled: true, model: MODEL, disabledLanguages: [], chatModel }),
  });
  const provider: Provider = {
    name: 'ours',
    bucket: MODEL,
    async provide(doc, signal) {
      const input = { uri: `file:///bench/${doc.file.path}`, fileName: doc.file.path, languageId: doc.file.languageId, text: doc.text, offset: doc.offset };
      const { items, stats } = await engine.provide({ ...input, triggerKind: 'automatic', cursorCount: 1 }, signal);
      return {
        items: items.map((item) => ({ insertText: item.insertText, start: item.range.start, end: item.range.end })),
        stats,
        waitMs: stats.debounceMs,
        serverMs: stats.serverMs,
        cancelled: stats.outcome === 'cancelled' || stats.outcome === 'superseded',
      };
    },
    dispose: () => Promise.resolve(engine.dispose()),
  };
  let result: ReplayResult | undefined;
  void replay(provider, trace).then((r) => (result = r));
  await drive(() => result !== undefined);
  await provider.dispose();
  const figures = summarize(result!, log, 'tabby', trace.chars);
  // Requests the next key came in before their answer was out (VS Code cancelled the call; the
  // engine lets a request it can still use run on, so this is wider than `cancelled`).
  const overtaken = log.filter((r) => r.status !== 429 && result!.actions.some((a) => a.at > r.receivedAt && a.at < (r.endedAt ?? r.receivedAt))).length;
  return { figures, overtaken };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rpm: { type: 'string', default: '20,240' },
      wrong: { type: 'string', default: '0,20,40' },
      seeds: { type: 'string', default: '3' },
      chars: { type: 'string', default: '1200' },
      'per-file': { type: 'string', default: '600' },
      'chat-model': { type: 'string' },
    },
  });
  const pct = (values: number[]) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return `${mean.toFixed(0)}% (${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)})`;
  };
  for (const rpm of values.rpm!.split(',').map(Number)) {
    for (const wrong of values.wrong!.split(',').map(Number)) {
      const runs = [];
      for (let seed = 1; seed <= Number(values.seeds); seed++) {
        runs.push(await runOnce(rpm, wrong, seed, Number(values.chars), Number(values['per-file']), values['chat-model']));
      }
      const f = runs.map((r) => r.figures);
      const share = (a: (x: (typeof f)[number]) => number, b: (x: (typeof f)[number]) => number) => pct(f.map((x) => (100 * a(x)) / Math.max(1, b(x))));
      console.log(
        `${rpm}/min, ${wrong}% wrong: requests/key ${(f.reduce((s, x) => s + x.requestsPerKey, 0) / f.length).toFixed(3)}, 429s ${f.reduce((s, x) => s + x.rateLimited, 0)}, ` +
          `overtaken ${pct(runs.map((r) => (100 * r.overtaken) / Math.max(1, r.figures.requests)))}, aborted ${share((x) => x.cancelled, (x) => x.requests)}, ` +
          `line-end pauses shown ${share((x) => x.lineEndShown, (x) => x.lineEndPauses)} right ${share((x) => x.lineEndRight, (x) => x.lineEndPauses)} ` +
          `(n=${f.reduce((s, x) => s + x.lineEndPauses, 0)}), kept ${share((x) => x.keptChars, (x) => x.typedChars)} of typed chars`,
      );
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
