// npm run bench:completion [-- --keys 2000 --free-keys 700 --only ours,naive --quick]
//
// Inline completion, ours vs tabby-agent vs a naive provider, on one typing trace (bench/completion/
// trace.ts: >= 2000 keystrokes over HumanEval solutions and files of this repository, a person's
// rhythm with pauses) against the local SambaNova stand-in (its own process; 120 ms to first
// token, 800 tok/s, true continuations of the files being typed). The three replay the trace at
// the same time, each with its own per-model request bucket at the stand-in.
//   Run 1: developer tier, 240 requests a minute (SambaNova's limit for Llama-3.3-70B): speed,
//          requests per keystroke, pauses with ghost text, typing along served without a request.
//   Run 2: free tier, 20 requests a minute, the real 60 s minute (no compressed clock), on the first
//          --free-keys keystrokes: how many 429s each provider provokes.
import { parseArgs } from 'node:util';
import { startServerProcess, type ServerProcess } from '../fakeServerProcess';
import { verdict } from '../stats';
import { naiveProvider, ourProvider, tabbyProvider, type Provider } from './providers';
import { replay, type ReplayResult } from './replay';
import { p, share, summarize, type Figures, type LoggedRequest } from './summary';
import { buildTrace, type Trace } from './trace';

const OUR_MODEL = 'Meta-Llama-3.3-70B-Instruct';
// Another model for the naive provider, so it has its own request bucket (the stand-in's answers
// do not depend on the model).
const NAIVE_MODEL = 'DeepSeek-V3.1';
const TABBY_MODEL = 'SambaNova-stand-in';

async function requestLog(server: ServerProcess): Promise<LoggedRequest[]> {
  const res = await fetch(`${server.url}/_control/requests`);
  return (await res.json()) as LoggedRequest[];
}

async function control(server: ServerProcess, path: string, method: string, body?: unknown): Promise<void> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
}

async function runAll(server: ServerProcess, trace: Trace, scenario: string, only: string[], keyLimit: number): Promise<Figures[]> {
  await control(server, '/_control/limits', 'DELETE');
  const base = server.scenarioUrl(scenario);
  const providers: Provider[] = [];
  if (only.includes('ours')) providers.push(ourProvider(base, OUR_MODEL));
  if (only.includes('tabby')) providers.push(await tabbyProvider(base.replace(/\/v1$/, '/tabby'), TABBY_MODEL));
  if (only.includes('naive')) providers.push(naiveProvider(base, NAIVE_MODEL));
  let results: ReplayResult[];
  try {
    results = await Promise.all(providers.map((provider) => replay(provider, trace, keyLimit)));
  } finally {
    for (const provider of providers) await provider.dispose();
  }
  const log = await requestLog(server);
  return results.map((run) => summarize(run, log, TABBY_MODEL));
}

function table(rows: Array<[string, ...string[]]>): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
}

function ratio(a: number, b: number): string {
  if (b === 0) return a === 0 ? '1.0x' : 'inf';
  return `${(a / b).toFixed(2)}x`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      keys: { type: 'string', default: '2000' },
      'free-keys': { type: 'string', default: '700' },
      only: { type: 'string', default: 'ours,tabby,naive' },
      quick: { type: 'boolean', default: false },
      lines: { type: 'string', default: '3' },
    },
  });
  const minKeys = values.quick ? 300 : Number(values.keys);
  const freeKeys = values.quick ? 150 : Number(values['free-keys']);
  const only = values.only!.split(',');
  const trace = buildTrace(minKeys);
  const typedMs = trace.keys.reduce((sum, k) => sum + k.delayMs, 0);
  console.log(
    `Trace: ${trace.keys.length} keystrokes over ${trace.files.length} files (${trace.files.filter((f) => f.languageId === 'python').length} HumanEval solutions, ` +
      `${trace.files.filter((f) => f.languageId !== 'python').length} functions of this repository), ${(typedMs / 1000).toFixed(0)} s of typing, ` +
      `${trace.keys.filter((k) => k.delayMs > 300).length} pauses over 300 ms.`,
  );
  const server = await startServerProcess('completion');
  try {
    await control(server, '/_control/sources', 'POST', { sources: trace.files.map((f) => ({ path: f.path, text: f.source })) });

    console.log(
      `\nRun 1: developer tier (240 requests/min per model), 120 ms to first token, 800 tok/s, answers of at most ${values.lines} lines ` +
        '(the true code: a perfect model, so requests per keystroke is a lower bound); providers in parallel.',
    );
    const dev = await runAll(server, trace, `completion,rpm=240,lines=${values.lines}`, only, trace.keys.length);
    const rows: Array<[string, ...string[]]> = [
      ['', ...dev.map((f) => f.provider)],
      ['keystrokes', ...dev.map((f) => String(f.keystrokes))],
      ['requests', ...dev.map((f) => String(f.requests))],
      ['requests per keystroke (goal <= 0.10)', ...dev.map((f) => f.requestsPerKeystroke.toFixed(3))],
      ['pauses > 300 ms showing ghost text (goal >= 90%)', ...dev.map((f) => share(f.pausesShown, f.pauses))],
      ['  ... and it was right (true code starts with it)', ...dev.map((f) => share(f.pausesCorrect, f.pauses))],
      ['last key to new ghost text at pauses p50 / p95 ms', ...dev.map((f) => `${p(f.timeToGhost, 50)} / ${p(f.timeToGhost, 95)}`)],
      ['keystrokes along shown ghost text', ...dev.map((f) => String(f.along))],
      ['  ... served with no request (goal >= 90%)', ...dev.map((f) => share(f.alongWithoutRequest, f.along))],
      ['overhead, answers from a request p50 / p95 ms (goal 5 / 10)', ...dev.map((f) => `${p(f.overheadRequest, 50)} / ${p(f.overheadRequest, 95)}`)],
      ['overhead, cache/forward hits p50 / p95 ms (goal <= 1)', ...dev.map((f) => `${p(f.overheadHit, 50)} / ${p(f.overheadHit, 95)}`)],
      ['429 responses', ...dev.map((f) => String(f.rateLimited))],
    ];
    table(rows);
    const ours = dev.find((f) => f.provider === 'ours');
    if (ours) {
      console.log(
        `ours: answers by source ${JSON.stringify(ours.sources)}; engine's own overheadMs p50/p95 ${p(ours.engineOverhead, 50)} / ${p(ours.engineOverhead, 95)} ms`,
      );
      console.log('Overhead = provider call to items, minus deliberate waits (our mid-word debounce, the naive 300 ms; tabby-agent\'s debounce is not visible and is included), minus the stand-in\'s time for the request(s) it overlapped.');
      for (const other of dev.filter((f) => f !== ours)) {
        console.log(
          `ratio ${other.provider}/ours: requests per keystroke ${ratio(other.requestsPerKeystroke, ours.requestsPerKeystroke)}, ` +
            `pauses with ghost text ${ratio(other.pausesShown / Math.max(1, other.pauses), ours.pausesShown / Math.max(1, ours.pauses))}, ` +
            `time to ghost text p50 ${ratio(Number(p(other.timeToGhost, 50)), Number(p(ours.timeToGhost, 50)))}, ` +
            `typing along without a request ${ratio(other.alongWithoutRequest / Math.max(1, other.along), ours.alongWithoutRequest / Math.max(1, ours.along))}`,
        );
      }
      console.log(
        `ours vs goals: requests/keystroke ${verdict(ours.requestsPerKeystroke <= 0.1)}, pauses ${verdict(ours.pausesShown >= 0.9 * ours.pauses)}, ` +
          `along ${verdict(ours.alongWithoutRequest >= 0.9 * ours.along)}, overhead p50 ${verdict(Number(p(ours.overheadRequest, 50)) <= 5)} p95 ${verdict(Number(p(ours.overheadRequest, 95)) <= 10)}, ` +
          `hits ${verdict(Number(p(ours.overheadHit, 95)) <= 1)}`,
      );
    }

    console.log(`\nRun 2: free tier (20 requests/min per model, real 60 s minute), the first ${freeKeys} keystrokes.`);
    const free = await runAll(server, trace, `completion,rpm=20,lines=${values.lines}`, only, freeKeys);
    table([
      ['', ...free.map((f) => f.provider)],
      ['keystrokes', ...free.map((f) => String(f.keystrokes))],
      ['requests sent', ...free.map((f) => String(f.requests))],
      ['429 responses (goal 0)', ...free.map((f) => String(f.rateLimited))],
      ['pauses > 300 ms showing ghost text', ...free.map((f) => share(f.pausesShown, f.pauses))],
      ['typing along served with no request', ...free.map((f) => share(f.alongWithoutRequest, f.along))],
    ]);
    const freeOurs = free.find((f) => f.provider === 'ours');
    if (freeOurs) {
      for (const other of free.filter((f) => f !== freeOurs)) {
        console.log(`ratio ${other.provider}/ours: 429s ${other.rateLimited} vs ${freeOurs.rateLimited}, requests ${ratio(other.requests, freeOurs.requests)}`);
      }
      console.log(`ours vs goal: 429s under 20/min ${verdict(freeOurs.rateLimited === 0)}`);
    }
  } finally {
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
