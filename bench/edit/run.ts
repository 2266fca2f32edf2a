// bench:edit — the editor commands' streaming preview. A 300-line function is refactored; the
// answer (prose + one fenced block, 2-space indent going into a 4-space file) streams at 2000
// tokens/s, 4 tokens a chunk, on the real clock. Three ways to keep the preview text current:
// - ours: StreamingProposal (src/core/edit/proposal.ts) takes each chunk in O(chunk); the
//   preview text is rebuilt at most once per frame (the rule of src/host/edit/previewDocuments.ts).
// - peer, same rate (the like-for-like comparison): the obvious implementation refreshed on the
//   same frame rule: append the chunk, and on each refresh re-extract the code from the whole
//   answer, re-indent all of it and rebuild the document.
// - peer, every chunk (for reference only: it refreshes 7x as often as ours): the same work plus a
//   re-diff against the original (Myers over lines) on every chunk.
// Both frame-limited variants leave the diff to VS Code, which re-diffs the preview after a
// refresh; that cost is charged to them afterwards, per refresh, with VS Code's own diff
// (bench/edit/vscodeDiff.ts), run once the stream is over so it does not slow the stream here.
// Per refresh is an upper bound if VS Code skips refreshes that arrive while it is diffing.
// Measured: time from a token's arrival to a preview that contains it, the cost of each update
// early vs late in the answer (flatness), the gaps between preview updates, CPU for the answer.
import { extractCode } from '../../src/core/edit/answer';
import { reindent, type ReindentOptions } from '../../src/core/edit/indent';
import { StreamingProposal } from '../../src/core/edit/proposal';
import { formatNumber, median, percentile, verdict } from '../stats';
import { myersDistance } from './myers';
import { loadLineDiff, type LineDiff } from './vscodeDiff';

const TPS = 2000;
const TOKENS_PER_CHUNK = 4;
const CHARS_PER_TOKEN = 4;
const FRAME_MS = 16;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function makeFunction(lines: number, indent: string, unit: string, name: string): string[] {
  const out = [`${indent}${name}(items, options) {`];
  for (let i = 0; out.length < lines - 1; i++) {
    if (i % 5 === 0) out.push(`${indent}${unit}if (items[${i}] !== undefined && options.check) {`);
    else if (i % 5 === 4) out.push(`${indent}${unit}}`);
    else out.push(`${indent}${unit}${unit}total += compute(items[${i}], options.factor * ${i}) - offset;`);
  }
  out.push(`${indent}}`);
  return out;
}

const before = ['class Report {', ...makeFunction(50, '    ', '    ', 'header'), ''].join('\n') + '\n';
const originalRange = makeFunction(300, '    ', '    ', 'total').join('\n');
const after = '\n\n' + [...makeFunction(50, '    ', '    ', 'footer'), '}', ''].join('\n');
const originalDoc = before + originalRange + after;
const answerCode = makeFunction(300, '', '  ', 'total')
  .map((l) => l.replace('offset', 'this.offset'))
  .join('\n');
const answer = `Here is the refactored function:\n\n\`\`\`js\n${answerCode}\n\`\`\`\n\nIt reads the offset from the instance.`;
const indentOptions: ReindentOptions = {
  baseIndent: '    ',
  style: { insertSpaces: true, tabSize: 4 },
  indentFirstLine: true,
  eol: '\n',
  trailingNewline: false,
};

const chunkChars = TOKENS_PER_CHUNK * CHARS_PER_TOKEN;
const chunks: string[] = [];
for (let i = 0; i < answer.length; i += chunkChars) chunks.push(answer.slice(i, i + chunkChars));
const chunkIntervalMs = (1000 * TOKENS_PER_CHUNK) / TPS;
/** The chunk holding the first character of code (right after the fence line). */
const firstCodeChunk = Math.floor(
  (answer.indexOf('```js\n') + '```js\n'.length) / (TOKENS_PER_CHUNK * CHARS_PER_TOKEN),
);

interface Update {
  /** When the preview text was ready, and the newest chunk it contains. */
  at: number;
  chunk: number;
  costMs: number;
}

interface RunResult {
  updates: Update[];
  arrivals: number[];
  lagMs: number[];
  /** Our side's CPU (extension host) for the whole answer. */
  totalCpuMs: number;
  /** The re-diff of each refresh, VS Code's side (0 where totalCpuMs already holds it). */
  diffCpuMs: number;
}

/** Streams the chunks on the real clock; `onChunk` runs on each arrival and may schedule updates. */
async function stream(onChunk: (index: number, scheduledAt: number) => void): Promise<number[]> {
  const start = performance.now();
  const arrivals: number[] = [];
  await new Promise<void>((resolve) => {
    let i = 0;
    const tick = () => {
      // Chunks due by now are delivered together, as a socket read would.
      const now = performance.now();
      while (i < chunks.length && start + i * chunkIntervalMs <= now) {
        arrivals.push(start + i * chunkIntervalMs);
        onChunk(i, start + i * chunkIntervalMs);
        i++;
      }
      if (i >= chunks.length) resolve();
      else setTimeout(tick, Math.max(0, start + i * chunkIntervalMs - performance.now()));
    };
    setTimeout(tick, 0);
  });
  return arrivals;
}

/**
 * Calls `refresh` at most once a frame, at once when a frame has passed since the last one
 * (the first code shows without waiting), else at the next frame.
 */
function frameLimited(refresh: () => void): { request(): void; flush(): Promise<void> } {
  let lastFired = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    timer = undefined;
    refresh();
    lastFired = performance.now();
  };
  return {
    request() {
      const since = performance.now() - lastFired;
      if (since >= FRAME_MS) {
        clearTimeout(timer);
        fire();
      } else timer ??= setTimeout(fire, FRAME_MS - since);
    },
    flush: () => new Promise((r) => setTimeout(r, FRAME_MS + 5)),
  };
}

/** A frame-limited variant: `take` is the work per chunk, `preview` the work per refresh. */
async function runFrameLimited(
  take: (chunk: string) => void,
  ready: () => boolean,
  preview: () => string,
): Promise<RunResult> {
  const updates: Update[] = [];
  const previews: string[] = [];
  let newest = -1;
  let cpu = 0;
  const limiter = frameLimited(() => {
    const t0 = performance.now();
    const text = preview();
    const t1 = performance.now();
    if (text.length === 0) throw new Error('empty preview');
    cpu += t1 - t0;
    updates.push({ at: t1, chunk: newest, costMs: t1 - t0 });
    previews.push(text);
  });
  const lagMs: number[] = [];
  const arrivals = await stream((i, scheduledAt) => {
    const t0 = performance.now();
    take(chunks[i]!);
    cpu += performance.now() - t0;
    newest = i;
    lagMs.push(performance.now() - scheduledAt);
    if (ready()) limiter.request();
  });
  await limiter.flush();
  return { updates, arrivals, lagMs, totalCpuMs: cpu, diffCpuMs: diffCost(previews) };
}

/** What re-diffing each refreshed preview against the original costs (VS Code's part, per refresh). */
function diffCost(previews: readonly string[]): number {
  const t0 = performance.now();
  for (const text of previews) lineDiff.diff(originalDoc, text);
  return performance.now() - t0;
}

let lineDiff: LineDiff;

const expectedFinal = before + reindent(extractCode(answer).code, indentOptions) + after;

async function runOurs(): Promise<RunResult> {
  const proposal = new StreamingProposal(before, after, indentOptions);
  const result = await runFrameLimited(
    (chunk) => proposal.push(chunk),
    () => proposal.hasCode,
    () => proposal.previewText(),
  );
  if (!proposal.finish() || proposal.previewText() !== expectedFinal)
    throw new Error('ours: wrong final text');
  return result;
}

async function runPeerPerFrame(): Promise<RunResult> {
  let text = '';
  let last = '';
  let fenceSeen = false;
  const result = await runFrameLimited(
    (chunk) => {
      text += chunk;
      // O(chunk), like ours: the whole-answer work is kept for the refresh.
      fenceSeen ||= text.slice(-(chunk.length + 6)).includes('```');
    },
    () => fenceSeen,
    () => {
      const { code, fenced } = extractCode(text);
      last = before + (fenced ? reindent(code, indentOptions) : '') + after;
      return last;
    },
  );
  if (last !== expectedFinal) throw new Error('peer per frame: wrong final text');
  return result;
}

async function runPeerPerChunk(): Promise<RunResult> {
  const originalLines = originalDoc.split('\n');
  const updates: Update[] = [];
  const lagMs: number[] = [];
  let text = '';
  let cpu = 0;
  const arrivals = await stream((i, scheduledAt) => {
    const t0 = performance.now();
    text += chunks[i];
    const { code, fenced } = extractCode(text);
    const preview = before + (fenced ? reindent(code, indentOptions) : '') + after;
    myersDistance(originalLines, preview.split('\n'));
    const t1 = performance.now();
    cpu += t1 - t0;
    if (fenced) updates.push({ at: t1, chunk: i, costMs: t1 - t0 });
    lagMs.push(t1 - scheduledAt);
  });
  // Its own CPU already holds a diff per refresh.
  return { updates, arrivals, lagMs, totalCpuMs: cpu, diffCpuMs: 0 };
}

function summarize(name: string, r: RunResult) {
  // Time from the first code token's arrival to the first preview that holds it.
  const firstArrival = r.arrivals[firstCodeChunk]!;
  const firstShown = r.updates.find((u) => u.chunk >= firstCodeChunk);
  const firstTokenMs = firstShown ? firstShown.at - firstArrival : Number.NaN;
  // Staleness: for every chunk, how long until a preview contained it.
  const staleness: number[] = [];
  let u = 0;
  for (let c = firstCodeChunk; c < r.arrivals.length; c++) {
    while (u < r.updates.length && r.updates[u]!.chunk < c) u++;
    if (u < r.updates.length) staleness.push(r.updates[u]!.at - r.arrivals[c]!);
  }
  const costs = r.updates.map((x) => x.costMs);
  const tenth = Math.max(1, Math.floor(costs.length / 10));
  const early = median(costs.slice(0, tenth));
  const late = median(costs.slice(-tenth));
  const gaps = r.updates.slice(1).map((x, i) => x.at - r.updates[i]!.at);
  return {
    name,
    firstTokenMs,
    stalenessP50: median(staleness),
    stalenessP95: percentile(staleness, 95),
    stalenessMax: Math.max(...staleness),
    updates: r.updates.length,
    early,
    late,
    gapP95: percentile(gaps, 95),
    gapMax: Math.max(...gaps),
    cpu: r.totalCpuMs,
    diffCpu: r.diffCpuMs,
    withDiff: r.totalCpuMs + r.diffCpuMs,
    lagMax: Math.max(...r.lagMs),
  };
}

const OURS = 'ours';
const PEER_FRAME = 'peer, same rate: re-extract per frame';
const PEER_CHUNK = 'peer, every chunk: + re-diff (reference)';

async function main(): Promise<void> {
  lineDiff = await loadLineDiff();
  lineDiff.diff(originalDoc, expectedFinal); // compiled before anything is timed
  console.log(
    `bench:edit — 300-line refactor, answer ${formatNumber(answer.length)} chars in ${chunks.length} chunks (${TOKENS_PER_CHUNK} tokens, every ${chunkIntervalMs} ms = ${TPS} tok/s), document ${originalDoc.split('\n').length} lines, ${ROUNDS} rounds`,
  );
  const rows: ReturnType<typeof summarize>[] = [];
  const variants: Array<[string, () => Promise<RunResult>]> = [
    [OURS, runOurs],
    [PEER_FRAME, runPeerPerFrame],
    [PEER_CHUNK, runPeerPerChunk],
  ];
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, run] of variants) rows.push(summarize(name, await run()));
  const f = (x: number, d = 2) => formatNumber(x, d);
  console.log(
    '\nround  variant                                   first-token->preview  staleness p50/p95/max ms  updates  cost/update early->late ms  gap p95/max ms  CPU ms  + diff per refresh ms',
  );
  rows.forEach((r, i) =>
    console.log(
      `${String(Math.floor(i / variants.length) + 1).padEnd(6)} ${r.name.padEnd(41)} ${f(r.firstTokenMs).padStart(10)} ms          ${f(r.stalenessP50)}/${f(r.stalenessP95)}/${f(r.stalenessMax)}`.padEnd(
        111,
      ) +
        ` ${String(r.updates).padStart(6)}  ${f(r.early, 3)} -> ${f(r.late, 3)}`.padEnd(36) +
        ` ${f(r.gapP95, 1)}/${f(r.gapMax, 1)}`.padEnd(16) +
        ` ${f(r.cpu, 1)}`.padEnd(8) +
        ` ${r.name === PEER_CHUNK ? '(included)' : f(r.diffCpu, 1)}`,
    ),
  );
  const of = (name: string) => rows.filter((r) => r.name === name);
  const ours = of(OURS);
  const peer = of(PEER_FRAME);
  const perChunk = of(PEER_CHUNK);
  const m = (xs: typeof rows, k: keyof (typeof rows)[number]) => median(xs.map((r) => r[k] as number));
  const oursFlat = m(ours, 'late') / m(ours, 'early');
  const peerFlat = m(peer, 'late') / m(peer, 'early');
  console.log(`\nmedians, ours vs the peer at the same rate (like for like):`);
  console.log(`  refreshes: ours ${f(m(ours, 'updates'), 0)}, peer ${f(m(peer, 'updates'), 0)}`);
  console.log(
    `  first token -> preview: ours ${f(m(ours, 'firstTokenMs'))} ms, peer ${f(m(peer, 'firstTokenMs'))} ms`,
  );
  console.log(
    `  staleness p95: ours ${f(m(ours, 'stalenessP95'))} ms, peer ${f(m(peer, 'stalenessP95'))} ms`,
  );
  console.log(
    `  cost of one refresh, late in the answer: ours ${f(m(ours, 'late'), 3)} ms, peer ${f(m(peer, 'late'), 3)} ms (late/early: ours ${f(oursFlat, 2)}x, peer ${f(peerFlat, 2)}x)`,
  );
  console.log(
    `  CPU for the whole answer, extension side: ours ${f(m(ours, 'cpu'), 1)} ms, peer ${f(m(peer, 'cpu'), 1)} ms (ratio ${f(m(peer, 'cpu') / m(ours, 'cpu'), 1)}x)`,
  );
  console.log(
    `  with the re-diff of each refresh (${lineDiff.name}): ours ${f(m(ours, 'withDiff'), 1)} ms, peer ${f(m(peer, 'withDiff'), 1)} ms (ratio ${f(m(peer, 'withDiff') / m(ours, 'withDiff'), 2)}x)`,
  );
  console.log(
    `  gaps between preview updates: ours p95 ${f(m(ours, 'gapP95'), 1)} ms, max ${f(m(ours, 'gapMax'), 1)} ms`,
  );
  console.log(
    `reference, the peer refreshing and re-diffing on every chunk: ${f(m(perChunk, 'updates'), 0)} refreshes, ${f(m(perChunk, 'cpu'), 1)} ms CPU, staleness p95 ${f(m(perChunk, 'stalenessP95'))} ms (not like for like: 7x the refreshes)`,
  );
  const everyFrame = m(ours, 'stalenessP95') <= FRAME_MS + 4;
  const flat = oursFlat <= 2.5;
  console.log(
    `\nsummary: preview at least every frame (staleness p95 <= ${FRAME_MS + 4} ms): ${verdict(everyFrame)}; per-update cost flat along the answer (late/early <= 2.5x): ${verdict(flat)}; CPU with the diff, peer at the same rate / ours: ${f(m(peer, 'withDiff') / m(ours, 'withDiff'), 2)}x`,
  );
}

void main();
