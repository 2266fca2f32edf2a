// Turns a replay and the stand-in's request log into the bench's figures (issues 10 and 13).
import { percentile } from '../stats';
import { PAUSE_MS, type ReplayResult } from './replay';

export interface LoggedRequest {
  seq: number;
  path: string;
  model?: string;
  status?: number;
  /** 'complete', 'aborted' (the client closed it before the answer was out), ... */
  outcome?: string;
  receivedAt: number;
  endedAt?: number;
}

export interface Figures {
  provider: string;
  keys: number;
  requests: number;
  requestsPerKey: number;
  rateLimited: number;
  /** Requests the client gave up before the whole answer arrived. */
  cancelled: number;
  pauses: number;
  pausesShown: number;
  pausesRight: number;
  /** Pauses with the cursor at the end of its line (nothing but closers after it). */
  lineEndPauses: number;
  lineEndShown: number;
  lineEndRight: number;
  accepts: number;
  acceptedChars: number;
  keptChars: number;
  typedChars: number;
  filesIdentical: number;
  files: number;
  differences: string[];
  /** Last key to new ghost text at pauses where none was on screen when the pause began (ms). */
  timeToGhost: number[];
  along: number;
  alongWithoutRequest: number;
  /** Provider call to items minus deliberate waits minus server time, for answers that came from a request (ms). */
  overheadRequest: number[];
  /** The same for answers served with no server involved (cache, forwarding) (ms). */
  overheadHit: number[];
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

export function summarize(run: ReplayResult, log: LoggedRequest[], tabbyModel: string, typedChars: number): Figures {
  const mine = log.filter((r) => bucketOf(r, tabbyModel) === run.bucket && r.receivedAt >= run.startedAt && r.receivedAt <= run.endedAt);
  const served = mine.filter((r) => r.status !== 429);
  const intervals: Array<[number, number]> = served.map((r) => [r.receivedAt, r.endedAt ?? r.receivedAt]);
  const requestTimes = mine.map((r) => r.receivedAt).sort((a, b) => a - b);
  const requestBetween = (from: number, to: number) => requestTimes.some((t) => t >= from && t < to);

  const f: Figures = {
    provider: run.provider,
    keys: run.actions.reduce((sum, a) => sum + a.keys, 0),
    requests: mine.length,
    requestsPerKey: 0,
    rateLimited: mine.filter((r) => r.status === 429).length,
    cancelled: served.filter((r) => r.outcome === 'aborted').length,
    pauses: 0,
    pausesShown: 0,
    pausesRight: 0,
    lineEndPauses: 0,
    lineEndShown: 0,
    lineEndRight: 0,
    accepts: run.actions.filter((a) => a.kind === 'accept').length,
    acceptedChars: run.files.reduce((sum, file) => sum + file.acceptedChars, 0),
    keptChars: run.files.reduce((sum, file) => sum + file.keptChars, 0),
    typedChars,
    filesIdentical: run.files.filter((file) => file.identical).length,
    files: run.files.length,
    differences: run.files.filter((file) => !file.identical).map((file) => `${file.path}: ${file.difference}`),
    timeToGhost: [],
    along: 0,
    alongWithoutRequest: 0,
    overheadRequest: [],
    overheadHit: [],
    sources: {},
  };
  f.requestsPerKey = f.requests / Math.max(1, f.keys);
  run.actions.forEach((action, k) => {
    const next = run.actions[k + 1];
    const until = next ? next.at : run.endedAt;
    if (next && next.file === action.file && next.delayMs > PAUSE_MS) {
      const shown = action.shownAt !== undefined && action.shownAt < until;
      f.pauses++;
      if (shown) {
        f.pausesShown++;
        if (!action.carried) f.timeToGhost.push(action.shownAt! - action.at);
        if (action.right) f.pausesRight++;
      }
      if (action.lineEnd) {
        f.lineEndPauses++;
        if (shown) f.lineEndShown++;
        if (shown && action.right) f.lineEndRight++;
      }
    }
    if (action.along) {
      f.along++;
      if (action.ghost !== undefined && !requestBetween(action.at, until)) f.alongWithoutRequest++;
    }
  });
  for (const call of run.calls) {
    const { answer } = call;
    if (answer.cancelled || answer.items.length === 0 || call.endedAt === 0) continue;
    const total = call.endedAt - call.startedAt;
    const source = answer.stats?.source ?? (overlap(call.startedAt, call.endedAt, intervals) > 0 ? 'request' : 'no request');
    f.sources[source] = (f.sources[source] ?? 0) + 1;
    const server = answer.serverMs ?? overlap(call.startedAt, call.endedAt, intervals);
    const own = Math.max(0, total - answer.waitMs - server);
    if (source === 'cache' || source === 'forward' || source === 'no request') f.overheadHit.push(own);
    else f.overheadRequest.push(own);
  }
  return f;
}

export const p = (samples: number[], q: number): string => (samples.length ? percentile(samples, q).toFixed(percentile(samples, q) < 10 ? 2 : 0) : '-');
export const share = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
