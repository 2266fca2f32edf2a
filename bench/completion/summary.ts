// Turns a replay and the stand-in's request log into the figures issue 10 asks for.
import { percentile } from '../stats';
import { PAUSE_MS, type ReplayResult } from './replay';

export interface LoggedRequest {
  seq: number;
  path: string;
  model?: string;
  status?: number;
  receivedAt: number;
  endedAt?: number;
}

export interface Figures {
  provider: string;
  keystrokes: number;
  requests: number;
  requestsPerKeystroke: number;
  rateLimited: number;
  pauses: number;
  pausesShown: number;
  /** Pauses whose ghost text was a correct start of the true rest of the code. */
  pausesCorrect: number;
  /** Last keystroke to ghost text, at pauses where none was on screen when the pause began (ms). */
  timeToGhost: number[];
  along: number;
  alongWithoutRequest: number;
  /** Provider call to items minus deliberate waits minus server time, for answers that came from a request (ms). */
  overheadRequest: number[];
  /** The same for answers served with no server involved (cache, forwarding) (ms). */
  overheadHit: number[];
  /** Our engine's own overhead figure (stats.overheadMs) for served calls. */
  engineOverhead: number[];
  sources: Record<string, number>;
}

export function bucketOf(request: LoggedRequest, tabbyModel: string): string | undefined {
  if (request.path.endsWith('/tabby/v1/completions') || request.path === '/tabby/v1/completions') return tabbyModel;
  if (request.path.endsWith('/chat/completions') || request.path.endsWith('/completions')) return request.model;
  return undefined;
}

function overlap(a0: number, a1: number, intervals: Array<[number, number]>): number {
  let total = 0;
  for (const [b0, b1] of intervals) total += Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
  return total;
}

function correct(ghost: string | undefined, truth: string): boolean {
  if (!ghost) return false;
  const g = ghost.trimEnd();
  return g.length > 0 && truth.startsWith(g);
}

export function summarize(run: ReplayResult, log: LoggedRequest[], tabbyModel: string): Figures {
  const mine = log.filter((r) => bucketOf(r, tabbyModel) === run.bucket && r.receivedAt >= run.startedAt && r.receivedAt <= run.endedAt);
  const served = mine.filter((r) => r.status !== 429);
  const intervals: Array<[number, number]> = served.map((r) => [r.receivedAt, r.endedAt ?? r.receivedAt]);
  const requestTimes = mine.map((r) => r.receivedAt).sort((a, b) => a - b);
  const requestBetween = (from: number, to: number) => requestTimes.some((t) => t >= from && t < to);

  const f: Figures = {
    provider: run.provider,
    keystrokes: run.keys.length,
    requests: mine.length,
    requestsPerKeystroke: mine.length / run.keys.length,
    rateLimited: mine.filter((r) => r.status === 429).length,
    pauses: 0,
    pausesShown: 0,
    pausesCorrect: 0,
    timeToGhost: [],
    along: 0,
    alongWithoutRequest: 0,
    overheadRequest: [],
    overheadHit: [],
    engineOverhead: [],
    sources: {},
  };
  run.keys.forEach((key, k) => {
    const next = run.keys[k + 1];
    const until = next ? next.at : run.endedAt;
    if (next && next.file === key.file && next.delayMs > PAUSE_MS) {
      f.pauses++;
      if (key.shownAt !== undefined && key.shownAt < until) {
        f.pausesShown++;
        if (!key.carried) f.timeToGhost.push(key.shownAt - key.at);
        if (correct(key.ghost, key.truth)) f.pausesCorrect++;
      }
    }
    if (key.along) {
      f.along++;
      if (key.ghost !== undefined && !requestBetween(key.at, until)) f.alongWithoutRequest++;
    }
  });
  for (const call of run.calls) {
    const { answer } = call;
    if (answer.cancelled || answer.items.length === 0 || call.endedAt === 0) continue;
    const total = call.endedAt - call.startedAt;
    const source = answer.stats?.source ?? (overlap(call.startedAt, call.endedAt, intervals) > 0 ? 'request' : 'no request');
    f.sources[source] = (f.sources[source] ?? 0) + 1;
    // The server's own figure when the answer carried one (usage.total_latency); else the stand-in's
    // request log (another process: its clock agrees with ours to well under a millisecond).
    const server = answer.serverMs ?? overlap(call.startedAt, call.endedAt, intervals);
    const own = Math.max(0, total - answer.waitMs - server);
    if (source === 'cache' || source === 'forward' || source === 'no request') f.overheadHit.push(own);
    else f.overheadRequest.push(own);
    if (answer.stats) f.engineOverhead.push(answer.stats.overheadMs);
  }
  return f;
}

export const p = (samples: number[], q: number): string => (samples.length ? percentile(samples, q).toFixed(samples.length && percentile(samples, q) < 10 ? 2 : 0) : '-');
export const share = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
