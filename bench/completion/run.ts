// npm run bench:completion [-- --quick] [-- --seeds 3 --chars 1200 --per-file 600 --rates 0,20,40 --limits 240,20 --only ours,tabby,naive --before DIR]
//
// Inline completion, ours vs tabby-agent vs a naive provider, on one typing trace
// (bench/completion/trace.ts) replayed the way VS Code 1.139 edits (editorModel.ts: auto-closing
// pairs and quotes, typing over them, auto-indent, trimAutoWhitespace) by a person (typist.ts) who
// accepts a suggestion with Tab when it is what they were about to type and types past a wrong
// one, against the local SambaNova stand-in (its own process; 120 ms to first token, 800 tok/s,
// the true continuation of the file, at most 3 lines; in fallible mode a seeded share of answers
// is plausible but wrong, and 20% carry an artefact: fence, chatter, repeated line, the suffix
// again, <think>).
//
// For every request limit (240/min: developer tier; 20/min: free tier, with the real 60 s minute),
// fallible rate and seed, the three providers replay the same trace at the same time, each in its
// own process with its own per-model request bucket at the stand-in. Figures per provider: the
// mean over seeds and the spread (min-max).
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startServerProcess, type ServerProcess } from '../fakeServerProcess';
import { naiveProvider, ourProvider, tabbyProvider, type Provider } from './providers';
import { replay } from './replay';
import { p, summarize, type Figures, type LoggedRequest } from './summary';
import { buildTrace } from './trace';

const OUR_MODEL = 'Meta-Llama-3.3-70B-Instruct';
// Another model for the naive provider, so it has its own request bucket (the stand-in's answers
// do not depend on the model).
const NAIVE_MODEL = 'DeepSeek-V3.1';
const TABBY_MODEL = 'SambaNova-stand-in';
/** Share of answers with one random artefact, at every fallible rate. */
const MESSY = 20;

interface TraceOptions {
  chars: number;
  perFile: number;
  seed: number;
}

async function control(url: string, path: string, method: string, body?: unknown): Promise<void> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
}

// ---- one provider, one process ----

async function child(name: string, url: string, scenario: string, options: TraceOptions, model = OUR_MODEL, label?: string): Promise<void> {
  const base = `${url}/scenario/${scenario}/v1`;
  const trace = buildTrace(options.chars, options.seed, options.perFile);
  let provider: Provider;
  if (name === 'ours') provider = ourProvider(base, model);
  else if (name === 'tabby') provider = await tabbyProvider(base.replace(/\/v1$/, '/tabby'), TABBY_MODEL);
  else provider = naiveProvider(base, NAIVE_MODEL);
  const result = await replay(provider, trace);
  await provider.dispose();
  const log = (await (await fetch(`${url}/_control/requests`)).json()) as LoggedRequest[];
  const figures = summarize(result, log, TABBY_MODEL, trace.chars);
  if (label) figures.provider = label;
  process.stdout.write(`FIGURES=${JSON.stringify(figures)}\n`);
}

/** Another checkout to compare ours with (`--before DIR`): its engine, this bench, its own bucket. */
interface Other {
  dir: string;
  label: string;
}
const OTHER_MODEL = 'DeepSeek-V3.2';

function runChild(name: string, server: ServerProcess, scenario: string, options: TraceOptions, other?: Other): Promise<Figures> {
  const script = other ? `${other.dir}/bench/completion/run.ts` : __filename;
  const args = ['--import', 'tsx', script, '--child', name, '--url', server.url, '--scenario', scenario];
  if (other) args.push('--model', OTHER_MODEL, '--label', other.label);
  args.push('--chars', String(options.chars), '--per-file', String(options.perFile), '--seed', String(options.seed));
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('FIGURES='));
      if (code !== 0 || !line) return reject(new Error(`${name}: exited ${code}\n${out}`));
      resolve(JSON.parse(line.slice('FIGURES='.length)) as Figures);
    });
  });
}

// ---- the parent: configurations, tables ----

type Row = [string, ...string[]];

function table(rows: Row[]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
}

/** Mean over seeds with the spread: "0.052 (0.048-0.057)". */
function spread(values: number[], format: (n: number) => string): string {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length === 1) return format(mean);
  return `${format(mean)} (${format(Math.min(...values))}-${format(Math.max(...values))})`;
}

const pct = (n: number) => `${(100 * n).toFixed(0)}%`;
const ratioOf = (a: number, b: number) => (b === 0 ? 0 : a / b);

function printConfig(title: string, runs: Figures[][]): void {
  // runs[seed][provider]
  const providers = runs[0]!.map((f) => f.provider);
  const col = (i: number) => runs.map((seedRuns) => seedRuns[i]!);
  const rows: Row[] = [[title, ...providers]];
  const add = (label: string, value: (f: Figures) => number, format: (n: number) => string) =>
    rows.push([label, ...providers.map((_, i) => spread(col(i).map(value), format))]);
  add('keys pressed', (f) => f.keys, (n) => n.toFixed(0));
  add('requests per key (goal <= 0.10)', (f) => f.requestsPerKey, (n) => n.toFixed(3));
  add('429 responses (goal 0)', (f) => f.rateLimited, (n) => n.toFixed(0));
  add('requests cancelled before the answer (goal < 10%)', (f) => ratioOf(f.cancelled, f.requests), pct);
  add('line-end pauses showing a suggestion', (f) => ratioOf(f.lineEndShown, f.lineEndPauses), pct);
  add('line-end pauses showing a right one (goal 70%/95%)', (f) => ratioOf(f.lineEndRight, f.lineEndPauses), pct);
  add('shown suggestions that were right (all pauses)', (f) => ratioOf(f.pausesRight, f.pausesShown), pct);
  add('accepted with Tab', (f) => f.accepts, (n) => n.toFixed(0));
  add('characters accepted / typed text', (f) => ratioOf(f.acceptedChars, f.typedChars), pct);
  add('characters accepted and kept', (f) => ratioOf(f.keptChars, f.typedChars), pct);
  add('files identical to the intended text', (f) => ratioOf(f.filesIdentical, f.files), pct);
  add('last key to new ghost text at pauses, p50 ms', (f) => Number(p(f.timeToGhost, 50)) || 0, (n) => n.toFixed(0));
  add('overhead, answers from a request, p50 ms', (f) => Number(p(f.overheadRequest, 50)) || 0, (n) => n.toFixed(1));
  table(rows);
  for (const seedRuns of runs) {
    for (const f of seedRuns) for (const d of f.differences.slice(0, 3)) console.log(`  ${f.provider}: file differs: ${d}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      url: { type: 'string' },
      scenario: { type: 'string' },
      quick: { type: 'boolean', default: false },
      seeds: { type: 'string' },
      seed: { type: 'string', default: '1' },
      chars: { type: 'string' },
      'per-file': { type: 'string' },
      rates: { type: 'string' },
      limits: { type: 'string' },
      only: { type: 'string', default: 'ours,tabby,naive' },
      before: { type: 'string' },
      model: { type: 'string' },
      label: { type: 'string' },
      lines: { type: 'string', default: '3' },
    },
  });
  if (values.child) {
    const options = { chars: Number(values.chars), perFile: Number(values['per-file']), seed: Number(values.seed) };
    return child(values.child, values.url!, values.scenario!, options, values.model, values.label);
  }
  const quick = values.quick;
  const seeds = Number(values.seeds ?? (quick ? 1 : 3));
  const chars = Number(values.chars ?? (quick ? 300 : 1200));
  const perFile = Number(values['per-file'] ?? (quick ? 150 : 600));
  const rates = (values.rates ?? '0,20,40').split(',').map(Number);
  const limits = (values.limits ?? (quick ? '240' : '240,20')).split(',').map(Number);
  const only = values.only!.split(',');
  const sample = buildTrace(chars, 1, perFile);
  const typedMs = sample.files.reduce((sum, f) => sum + f.delays.reduce((a, b) => a + b, 0), 0);
  console.log(
    `Trace: ${sample.chars} characters over ${sample.files.length} files (${sample.files.map((f) => f.path).join(', ')}), ` +
      `about ${(typedMs / 1000).toFixed(0)} s of typing per run; ${seeds} seed(s) x fallible rates ${rates.join('/')}% x limits ${limits.join('/')} per minute.`,
  );
  const server = await startServerProcess('completion');
  try {
    for (const limit of limits) {
      for (const rate of rates) {
        const runs: Figures[][] = [];
        for (let seed = 1; seed <= seeds; seed++) {
          const trace = buildTrace(chars, seed, perFile);
          await control(server.url, '/_control/limits', 'DELETE');
          await control(server.url, '/_control/sources', 'POST', { sources: trace.files.map((f) => ({ path: f.path, text: f.source })) });
          const scenario = `completion,rpm=${limit},lines=${values.lines},wrong=${rate},messy=${rate === 0 ? 0 : MESSY},seed=${seed}`;
          const children = only.map((name) => runChild(name, server, scenario, { chars, perFile, seed }));
          if (values.before) children.push(runChild('ours', server, scenario, { chars, perFile, seed }, { dir: values.before, label: 'ours before' }));
          runs.push(await Promise.all(children));
        }
        console.log('');
        printConfig(`${limit}/min, ${rate}% wrong answers${rate ? `, ${MESSY}% with an artefact` : ''}`, runs);
      }
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
