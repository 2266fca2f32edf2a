// Benchmark: our client's streaming pipeline (src/core/client/client.ts) against the `openai` npm client,
// on the same fake SambaNova stream, in the same process, runs interleaved after a warm-up.
//   npm run bench:client            (add -- --quick for a short run)
// 1. Throughput: a stream of 20k chunks (4 tokens each) sent as fast as possible; events/s per
//    client, by wall time and by this process's CPU time (the server runs in its own process).
// 2. Time to first token added over a raw socket read of the same stream: p50/p90.
// A benchmark, not a test: prints results and exits 0 unless something broke.
import { Agent, request } from 'node:http';
import OpenAI from 'openai';
import { SambaNovaClient } from '../src/core/client/client';
import { nodeTransport } from '../src/core/client/nodeTransport';
import type { StreamEvent } from '../src/core/client/types';
import { startServerProcess, type ServerProcess } from './fakeServerProcess';
import { measureStages, splitReads } from './pipelineStages';
import { formatNumber, percentile, verdict } from './stats';

const quick = process.argv.includes('--quick');
/** --ours-only: just our client on the flood stream, for `node --cpu-prof` (see bench/README.md). */
const oursOnly = process.argv.includes('--ours-only');
const MODEL = 'Meta-Llama-3.3-70B-Instruct';
const KEY = 'bench-key-0000000000000000';
const THROUGHPUT_ROUNDS = quick ? 3 : 9;
const TTFT_ROUNDS = quick ? 40 : 200;
const GOAL_RATIO = 4;
const GOAL_ADDED_TTFT_MS = 0.5;

interface Run {
  events: number;
  chars: number;
  wallMs: number;
  cpuMs: number;
}

const messages = [{ role: 'user' as const, content: 'Stream as much as you can.' }];

/** Collects the previous run's garbage outside the timing, so no run pays for another's (needs --expose-gc). */
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});

function measure(run: () => Promise<{ events: number; chars: number }>): Promise<Run> {
  collectGarbage();
  const cpu = process.cpuUsage();
  const start = performance.now();
  return run().then(({ events, chars }) => {
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { events, chars, wallMs, cpuMs: (used.user + used.system) / 1000 };
  });
}

/** Ours as the extension builds it (node:http transport), or on fetch like the openai client. */
function ourClient(baseUrl: string, transport: 'node' | 'fetch' = 'node'): SambaNovaClient {
  return new SambaNovaClient({
    fetch: globalThis.fetch,
    transport: transport === 'node' ? nodeTransport() : undefined,
    getApiKey: async () => KEY,
    getSettings: () => ({ baseUrl, connectTimeoutMs: 30_000, stallTimeoutMs: 60_000, maxRetries: 0 }),
  });
}

function openaiClient(baseUrl: string): OpenAI {
  return new OpenAI({ apiKey: KEY, baseURL: baseUrl, maxRetries: 0 });
}

async function runOurs(client: SambaNovaClient, onFirstText?: () => void): Promise<{ events: number; chars: number }> {
  let events = 0;
  let chars = 0;
  let first = true;
  await client.streamChat(
    { model: MODEL, messages, source: 'test' },
    {
      onEvent: (event: StreamEvent) => {
        if (event.type !== 'text') return;
        if (first) {
          first = false;
          onFirstText?.();
        }
        events++;
        chars += event.text.length;
      },
    },
  );
  return { events, chars };
}

async function runOpenAi(client: OpenAI, onFirstText?: () => void): Promise<{ events: number; chars: number }> {
  let events = 0;
  let chars = 0;
  let first = true;
  const stream = await client.chat.completions.create({ model: MODEL, messages, stream: true, stream_options: { include_usage: true } });
  for await (const chunk of stream) {
    const text = chunk.choices[0]?.delta?.content;
    if (!text) continue;
    if (first) {
      first = false;
      onFirstText?.();
    }
    events++;
    chars += text.length;
  }
  return { events, chars };
}

/** Raw HTTP read over a keep-alive agent: the floor every client adds to. */
const rawAgent = new Agent({ keepAlive: true, maxSockets: 1 });
function rawFirstContent(baseUrl: string): Promise<number> {
  const body = JSON.stringify({ model: MODEL, messages, stream: true });
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let firstAt: number | undefined;
    let seen = '';
    const req = request(
      `${baseUrl}/chat/completions`,
      { method: 'POST', agent: rawAgent, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' } },
      (res) => {
        res.on('data', (part: Buffer) => {
          if (firstAt !== undefined) return;
          // The role chunk has "content":"" - the first real content is a non-empty one.
          seen += part.toString('latin1');
          if (/"content":"[^"]/.test(seen)) firstAt = performance.now();
        });
        res.on('end', () => (firstAt === undefined ? reject(new Error('no content in raw stream')) : resolve(firstAt - start)));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Blank-line ends ("\n\n") in one read, including one whose first LF ended the previous read. */
function countEventEnds(read: Uint8Array, previousEndedWithLf: boolean): number {
  let ends = 0;
  for (let i = read.indexOf(10); i !== -1; i = read.indexOf(10, i + 1)) {
    if (i === 0 ? previousEndedWithLf : read[i - 1] === 10) ends++;
  }
  return ends;
}

/** Raw read of a whole stream, counting SSE events: how fast the server and socket alone go. */
function rawStream(baseUrl: string): Promise<{ events: number }> {
  const body = JSON.stringify({ model: MODEL, messages, stream: true });
  return new Promise((resolve, reject) => {
    let events = 0;
    const req = request(
      `${baseUrl}/chat/completions`,
      { method: 'POST', agent: rawAgent, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' } },
      (res) => {
        let lastWasLf = false;
        res.on('data', (part: Buffer) => {
          events += countEventEnds(part, lastWasLf);
          lastWasLf = part[part.length - 1] === 10;
        });
        res.on('end', () => resolve({ events }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Bare fetch reading a whole stream, counting SSE events: the transport's own cost. */
async function fetchStream(baseUrl: string): Promise<{ events: number; chars: number }> {
  const response = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: MODEL, messages, stream: true }),
  });
  const reader = response.body!.getReader();
  let bytes = 0;
  let events = 0;
  let lastWasLf = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    events += countEventEnds(value, lastWasLf);
    lastWasLf = value[value.length - 1] === 10;
  }
  return { events, chars: bytes };
}

/** The whole body of a stream, as bytes. */
async function rawBytes(baseUrl: string): Promise<Uint8Array> {
  const response = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: MODEL, messages, stream: true }),
  });
  return new Uint8Array(await response.arrayBuffer());
}

/** Bare fetch + reader to the first content bytes: what the transport alone costs before any parsing. */
async function fetchFirstContent(baseUrl: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: MODEL, messages, stream: true }),
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let seen = '';
  let firstAt: number | undefined;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (firstAt === undefined) {
      seen += decoder.decode(value, { stream: true });
      if (/"content":"[^"]/.test(seen)) firstAt = performance.now();
    }
  }
  if (firstAt === undefined) throw new Error('no content in fetched stream');
  return firstAt - start;
}

async function timeToFirst(run: (onFirst: () => void) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  let firstAt: number | undefined;
  await run(() => (firstAt ??= performance.now()));
  if (firstAt === undefined) throw new Error('no text arrived');
  return firstAt - start;
}

function line(label: string, value: string): void {
  console.log(`  ${label.padEnd(34)} ${value}`);
}

interface ThroughputRuns {
  ours: Run[];
  oursOnFetch: Run[];
  theirs: Run[];
  raw: Run[];
  fetched: Run[];
}

async function throughput(server: ServerProcess): Promise<ThroughputRuns> {
  const baseUrl = server.scenarioUrl('flood');
  const ours = ourClient(baseUrl);
  const oursOnFetch = ourClient(baseUrl, 'fetch');
  const theirs = openaiClient(baseUrl);
  console.log(`Throughput: scenario "flood" (20,000 chunks x 4 tokens, no rate limit), ${THROUGHPUT_ROUNDS} interleaved rounds after warm-up`);
  // Warm-up: JIT both pipelines and open the keep-alive connections.
  await runOurs(ours);
  await runOurs(oursOnFetch);
  await runOpenAi(theirs);
  const results: ThroughputRuns = { ours: [], oursOnFetch: [], theirs: [], raw: [], fetched: [] };
  if (oursOnly) {
    for (let round = 0; round < 10; round++) results.ours.push(await measure(() => runOurs(ours)));
    return results;
  }
  for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
    // Alternate who goes first, so neither always runs on a warmer machine.
    const order = round % 2 === 0 ? ['ours', 'theirs'] : ['theirs', 'ours'];
    for (const who of order) {
      if (who === 'ours') results.ours.push(await measure(() => runOurs(ours)));
      else results.theirs.push(await measure(() => runOpenAi(theirs)));
    }
    results.oursOnFetch.push(await measure(() => runOurs(oursOnFetch)));
    results.raw.push(await measure(async () => ({ ...(await rawStream(baseUrl)), chars: 0 })));
    results.fetched.push(await measure(() => fetchStream(baseUrl)));
  }
  const check = (runs: Run[], name: string) => {
    const events = new Set(runs.map((run) => run.events));
    const chars = new Set(runs.map((run) => run.chars));
    if (events.size !== 1 || chars.size !== 1) throw new Error(`${name}: runs disagree on what arrived`);
  };
  check(results.ours, 'ours');
  check(results.oursOnFetch, 'ours on fetch');
  check(results.theirs, 'openai');
  if (results.ours[0]!.chars !== results.theirs[0]!.chars) {
    throw new Error(`the clients received different text: ${results.ours[0]!.chars} vs ${results.theirs[0]!.chars} chars`);
  }
  return results;
}

async function main(): Promise<void> {
  const server = await startServerProcess('fast');
  try {
    console.log(`fake SambaNova at ${server.baseUrl} (own process); Node ${process.version}; ${quick ? 'quick run' : 'full run'}\n`);

    const { ours, oursOnFetch, theirs, raw: rawRuns, fetched: fetchRuns } = await throughput(server);
    if (oursOnly) {
      const perSecond = ours.map((run) => (run.events / run.wallMs) * 1000);
      line('ours: events/s (wall, median)', formatNumber(percentile(perSecond, 50)));
      return;
    }
    const rate = (runs: Run[], key: 'wallMs' | 'cpuMs') => percentile(runs.map((run) => (run.events / run[key]) * 1000), 50);
    const oursWall = rate(ours, 'wallMs');
    const theirsWall = rate(theirs, 'wallMs');
    const oursCpu = rate(ours, 'cpuMs');
    const theirsCpu = rate(theirs, 'cpuMs');
    // Each round's ratio compares runs made back to back, so load that comes and goes cancels
    // out better than in a ratio of medians; report the median round and the spread.
    const roundRatios = (key: 'wallMs' | 'cpuMs') => ours.map((run, i) => theirs[i]![key] / theirs[i]!.events / (run[key] / run.events));
    const wallRatios = roundRatios('wallMs');
    const cpuRatios = roundRatios('cpuMs');
    const wallRatio = percentile(wallRatios, 50);
    const cpuRatio = percentile(cpuRatios, 50);
    const spread = (ratios: number[]) => `rounds ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}x`;
    line('events per stream (ours / openai)', `${ours[0]!.events} / ${theirs[0]!.events} (${formatNumber(ours[0]!.chars)} chars each)`);
    line('raw socket: SSE events/s (median)', `${formatNumber(rate(rawRuns, 'wallMs'))}  (server + socket alone: the ceiling)`);
    line('ours: events/s (wall, median)', formatNumber(oursWall));
    line('ours on fetch: events/s (wall)', `${formatNumber(rate(oursOnFetch, 'wallMs'))}  (same client, global fetch instead of nodeTransport)`);
    line('openai: events/s (wall, median)', formatNumber(theirsWall));
    line('ours: events/s per CPU-second', formatNumber(oursCpu));
    line('openai: events/s per CPU-second', formatNumber(theirsCpu));
    line('ratio ours/openai (wall, median)', `${wallRatio.toFixed(2)}x   goal >= ${GOAL_RATIO}x  ${verdict(wallRatio >= GOAL_RATIO)}  (${spread(wallRatios)})`);
    line('ratio ours/openai (CPU, median)', `${cpuRatio.toFixed(2)}x   goal >= ${GOAL_RATIO}x  ${verdict(cpuRatio >= GOAL_RATIO)}  (${spread(cpuRatios)})`);
    const usPerEvent = (perSecond: number) => `${((1 / perSecond) * 1e6).toFixed(2)} us`;
    line('ours: per-event cost (CPU)', usPerEvent(oursCpu));
    line('ours on fetch: per-event (CPU)', usPerEvent(rate(oursOnFetch, 'cpuMs')));
    line('openai: per-event cost (CPU)', usPerEvent(theirsCpu));
    line('node:http read: per-event (CPU)', `${usPerEvent(rate(rawRuns, 'cpuMs'))}  (counting events only)`);
    line('bare fetch read: per-event (CPU)', `${usPerEvent(rate(fetchRuns, 'cpuMs'))}  (the transport openai uses)`);
    const sseEvents = rawRuns[0]!.events;
    if (![...rawRuns, ...fetchRuns].every((run) => run.events === sseEvents)) {
      throw new Error(`raw and fetch reads disagree on the number of SSE events: ${[...rawRuns, ...fetchRuns].map((run) => run.events).join(', ')}`);
    }

    // Where our per-event time goes: the flood's bytes through each stage, no network.
    const floodBytes = await rawBytes(server.scenarioUrl('flood'));
    console.log(`\nOur pipeline per event, synchronous stages on the same ${formatNumber(floodBytes.length / 1e6, 1)} MB (64 KiB reads):`);
    for (const { stage, usPerEvent } of measureStages(splitReads(floodBytes, 64 * 1024), sseEvents)) {
      line(stage, `${usPerEvent.toFixed(2)} us`);
    }

    // Time to first token: a short answer, no server delay, so any difference is client overhead.
    const ttftUrl = server.scenarioUrl('fast,tokens=40');
    const ttftOurs = ourClient(ttftUrl);
    const ttftTheirs = openaiClient(ttftUrl);
    console.log(`\nTime to first token: scenario "fast,tokens=40", ${TTFT_ROUNDS} interleaved rounds (raw, ours, openai) after warm-up`);
    for (let i = 0; i < 20; i++) {
      await rawFirstContent(ttftUrl);
      await timeToFirst((onFirst) => runOurs(ttftOurs, onFirst));
      await timeToFirst((onFirst) => runOpenAi(ttftTheirs, onFirst));
    }
    const raw: number[] = [];
    const fetched: number[] = [];
    const addedOurs: number[] = [];
    const addedTheirs: number[] = [];
    const absOurs: number[] = [];
    const absTheirs: number[] = [];
    for (let i = 0; i < TTFT_ROUNDS; i++) {
      const r = await rawFirstContent(ttftUrl);
      const o = await timeToFirst((onFirst) => runOurs(ttftOurs, onFirst));
      const t = await timeToFirst((onFirst) => runOpenAi(ttftTheirs, onFirst));
      fetched.push(await fetchFirstContent(ttftUrl));
      raw.push(r);
      absOurs.push(o);
      absTheirs.push(t);
      addedOurs.push(o - r);
      addedTheirs.push(t - r);
    }
    const ms = (value: number) => `${value.toFixed(3)} ms`;
    line('raw socket: first content p50/p90', `${ms(percentile(raw, 50))} / ${ms(percentile(raw, 90))}`);
    line('bare fetch: first content p50/p90', `${ms(percentile(fetched, 50))} / ${ms(percentile(fetched, 90))}  (transport only)`);
    line('ours: first text event p50/p90', `${ms(percentile(absOurs, 50))} / ${ms(percentile(absOurs, 90))}`);
    line('openai: first chunk p50/p90', `${ms(percentile(absTheirs, 50))} / ${ms(percentile(absTheirs, 90))}`);
    const oursAdded50 = percentile(addedOurs, 50);
    line(
      'ours: added over raw p50/p90',
      `${ms(oursAdded50)} / ${ms(percentile(addedOurs, 90))}   goal p50 <= ${GOAL_ADDED_TTFT_MS} ms  ${verdict(oursAdded50 <= GOAL_ADDED_TTFT_MS)}`,
    );
    line('openai: added over raw p50/p90', `${ms(percentile(addedTheirs, 50))} / ${ms(percentile(addedTheirs, 90))}`);
    line('ours: added over bare fetch p50', `${ms(percentile(absOurs, 50) - percentile(fetched, 50))}  (negative: our transport beats fetch)`);

    console.log(
      `\nSUMMARY client-stream: ours ${formatNumber(oursWall)} ev/s vs openai ${formatNumber(theirsWall)} ev/s = ${wallRatio.toFixed(2)}x wall (${cpuRatio.toFixed(2)}x CPU; goal >= ${GOAL_RATIO}x ${verdict(wallRatio >= GOAL_RATIO)}); added TTFT p50 ${oursAdded50.toFixed(3)} ms (openai ${percentile(addedTheirs, 50).toFixed(3)} ms; goal <= ${GOAL_ADDED_TTFT_MS} ms ${verdict(oursAdded50 <= GOAL_ADDED_TTFT_MS)})`,
    );
  } finally {
    rawAgent.destroy();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exitCode = 1;
});
