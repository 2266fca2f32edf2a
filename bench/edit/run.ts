// bench:edit — the editor commands' streaming preview. A 300-line function is refactored; the
// answer (prose + one fenced block, 2-space indent going into a 4-space file) streams at 2000
// tokens/s, 4 tokens a chunk, on the real clock. Ours: StreamingProposal (src/core/edit/proposal.ts)
// takes each chunk in O(chunk) and the preview text is rebuilt at most once per frame (the same
// rule as src/host/edit/previewDocuments.ts). Peer: on every chunk, re-extract the code from the
// whole answer, re-indent all of it, rebuild the document and re-diff it against the original
// (Myers over lines). Measured: time from a token's arrival to a preview that contains it, the
// cost of each update early vs late in the answer (flatness), the gaps between preview updates.
import { extractCode } from '../../src/core/edit/answer';
import { reindent, type ReindentOptions } from '../../src/core/edit/indent';
import { StreamingProposal } from '../../src/core/edit/proposal';
import { formatNumber, median, percentile, verdict } from '../stats';
import { myersDistance } from './myers';

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
const answerCode = makeFunction(300, '', '  ', 'total').map((l) => l.replace('offset', 'this.offset')).join('\n');
const answer = `Here is the refactored function:\n\n\`\`\`js\n${answerCode}\n\`\`\`\n\nIt reads the offset from the instance.`;
const indentOptions: ReindentOptions = { baseIndent: '    ', style: { insertSpaces: true, tabSize: 4 }, indentFirstLine: true, eol: '\n', trailingNewline: false };

const chunkChars = TOKENS_PER_CHUNK * CHARS_PER_TOKEN;
const chunks: string[] = [];
for (let i = 0; i < answer.length; i += chunkChars) chunks.push(answer.slice(i, i + chunkChars));
const chunkIntervalMs = (1000 * TOKENS_PER_CHUNK) / TPS;
/** The chunk holding the first character of code (right after the fence line). */
const firstCodeChunk = Math.floor((answer.indexOf('```js\n') + '```js\n'.length) / (TOKENS_PER_CHUNK * CHARS_PER_TOKEN));

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
  totalCpuMs: number;
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

async function runOurs(): Promise<RunResult> {
  const proposal = new StreamingProposal(before, after, indentOptions);
  const updates: Update[] = [];
  let newest = -1;
  let lastFired = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cpu = 0;
  const update = () => {
    timer = undefined;
    const t0 = performance.now();
    const text = proposal.previewText();
    const t1 = performance.now();
    if (text.length === 0) throw new Error('empty preview');
    lastFired = t1;
    cpu += t1 - t0;
    updates.push({ at: t1, chunk: newest, costMs: t1 - t0 });
  };
  const lagMs: number[] = [];
  const arrivals = await stream((i, scheduledAt) => {
    const t0 = performance.now();
    proposal.push(chunks[i]!);
    cpu += performance.now() - t0;
    newest = i;
    lagMs.push(performance.now() - scheduledAt);
    if (!proposal.hasCode) return;
    const since = performance.now() - lastFired;
    if (since >= FRAME_MS) {
      clearTimeout(timer);
      update();
    } else timer ??= setTimeout(update, FRAME_MS - since);
  });
  await new Promise((r) => setTimeout(r, FRAME_MS + 5));
  const done = proposal.finish();
  if (!done || proposal.previewText() !== before + reindent(extractCode(answer).code, indentOptions) + after) throw new Error('ours: wrong final text');
  return { updates, arrivals, lagMs, totalCpuMs: cpu };
}

async function runPeer(): Promise<RunResult> {
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
  return { updates, arrivals, lagMs, totalCpuMs: cpu };
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
  return { name, firstTokenMs, stalenessP50: median(staleness), stalenessP95: percentile(staleness, 95), stalenessMax: Math.max(...staleness), updates: r.updates.length, early, late, gapP95: percentile(gaps, 95), gapMax: Math.max(...gaps), cpu: r.totalCpuMs, lagMax: Math.max(...r.lagMs) };
}

async function main(): Promise<void> {
  console.log(`bench:edit — 300-line refactor, answer ${formatNumber(answer.length)} chars in ${chunks.length} chunks (${TOKENS_PER_CHUNK} tokens, every ${chunkIntervalMs} ms = ${TPS} tok/s), document ${originalDoc.split('\n').length} lines, ${ROUNDS} rounds`);
  const rows: ReturnType<typeof summarize>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    rows.push(summarize('ours', await runOurs()));
    rows.push(summarize('peer: re-extract + re-diff per chunk', await runPeer()));
  }
  const f = (x: number, d = 2) => formatNumber(x, d);
  console.log('\nround  variant                                  first-token->preview  staleness p50/p95/max ms  updates  cost/update early->late ms  gap p95/max ms  CPU ms');
  rows.forEach((r, i) =>
    console.log(
      `${String(Math.floor(i / 2) + 1).padEnd(6)} ${r.name.padEnd(40)} ${f(r.firstTokenMs).padStart(10)} ms          ${f(r.stalenessP50)}/${f(r.stalenessP95)}/${f(r.stalenessMax)}`.padEnd(110) +
        ` ${String(r.updates).padStart(6)}  ${f(r.early, 3)} -> ${f(r.late, 3)}`.padEnd(36) +
        ` ${f(r.gapP95, 1)}/${f(r.gapMax, 1)}`.padEnd(16) +
        ` ${f(r.cpu, 1)}`,
    ),
  );
  const ours = rows.filter((r) => r.name === 'ours');
  const peer = rows.filter((r) => r.name !== 'ours');
  const m = (xs: typeof rows, k: keyof (typeof rows)[number]) => median(xs.map((r) => r[k] as number));
  const oursFlat = m(ours, 'late') / m(ours, 'early');
  const peerFlat = m(peer, 'late') / m(peer, 'early');
  console.log(`\nmedians: ours first token -> preview ${f(m(ours, 'firstTokenMs'))} ms, peer ${f(m(peer, 'firstTokenMs'))} ms`);
  console.log(`         staleness p95: ours ${f(m(ours, 'stalenessP95'))} ms, peer ${f(m(peer, 'stalenessP95'))} ms (ratio ${f(m(peer, 'stalenessP95') / m(ours, 'stalenessP95'), 1)}x)`);
  console.log(`         per-update cost late/early: ours ${f(oursFlat, 2)}x, peer ${f(peerFlat, 2)}x; per update late: ours ${f(m(ours, 'late'), 3)} ms, peer ${f(m(peer, 'late'), 3)} ms`);
  console.log(`         CPU for the whole answer: ours ${f(m(ours, 'cpu'), 1)} ms, peer ${f(m(peer, 'cpu'), 1)} ms (ratio ${f(m(peer, 'cpu') / m(ours, 'cpu'), 1)}x)`);
  console.log(`         gaps between preview updates: ours p95 ${f(m(ours, 'gapP95'), 1)} ms, max ${f(m(ours, 'gapMax'), 1)} ms`);
  const everyFrame = m(ours, 'stalenessP95') <= FRAME_MS + 4;
  const flat = oursFlat <= 2.5;
  console.log(`\nsummary: preview at least every frame (staleness p95 <= ${FRAME_MS + 4} ms): ${verdict(everyFrame)}; per-update cost flat along the answer (late/early <= 2.5x): ${verdict(flat)}`);
}

void main();
