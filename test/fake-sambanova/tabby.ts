// A Tabby-compatible face of the same fake model, so tabby-agent (Tabby's own client) can be
// benchmarked against exactly the server our client faces: same knowledge of the files being
// typed, same time to first token and speed, same per-model request limit. Shapes as tabby-agent
// 1.5 sends and reads them (its bundled OpenAPI types): GET|POST /v1/health -> HealthState,
// POST /v1/completions {language, segments: {prefix, suffix, filepath?}} -> {id, choices: [{index,
// text}]} (not streamed), POST /v1/events (accepted, ignored), GET /v1beta/server_setting.
// Served under /tabby so it does not clash with SambaNova's own /v1/completions.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { answerCompletion, type Artefact } from './completionAnswer';
import { tokenize } from './content';
import type { RateLimiter } from './rateLimit';
import type { Scenario } from './scenarios';
import type { SourceIndex } from './sourceIndex';
import { sleep } from './stream';

/** The "model" Tabby's health check reports, and the rate-limit bucket of Tabby requests. */
export const TABBY_MODEL = 'SambaNova-stand-in';
/** Most tokens one Tabby answer has (a Tabby server also caps its decoding; ours, not Tabby's, figure). */
export const TABBY_MAX_TOKENS = 64;

export type TabbyRoute = 'health' | 'completions' | 'events' | 'serverSetting';

export function matchTabbyRoute(method: string, path: string): TabbyRoute | undefined {
  const p = path.replace(/\/+$/, '');
  if (!p.startsWith('/tabby/')) return undefined;
  const rest = p.slice('/tabby'.length);
  if (rest === '/v1/health' && (method === 'GET' || method === 'POST')) return 'health';
  if (rest === '/v1/completions' && method === 'POST') return 'completions';
  if (rest === '/v1/events' && method === 'POST') return 'events';
  if (rest === '/v1beta/server_setting' && method === 'GET') return 'serverSetting';
  return undefined;
}

export interface TabbyContext {
  res: ServerResponse;
  body: unknown;
  scenario: Scenario;
  sources: SourceIndex;
  limiter: RateLimiter;
  signal: AbortSignal;
  /** Notes what the answer was, for the request log. */
  onAnswer?: (info: { path: string; cursor: number; holeEnd: number; text: string } | undefined) => void;
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

const healthState = {
  model: TABBY_MODEL,
  chat_model: null,
  device: 'cpu',
  arch: process.arch,
  cpu_info: 'fake-sambanova',
  cpu_count: 1,
  cuda_devices: [],
  // tabby-agent fetches /v1beta/server_setting only from 0.9.0 on.
  version: { build_date: '2026-01-01', build_timestamp: '2026-01-01T00:00:00Z', git_sha: 'fake', git_describe: 'v0.9.0' },
};

export async function handleTabby(route: TabbyRoute, ctx: TabbyContext): Promise<string> {
  const { res, scenario } = ctx;
  switch (route) {
    case 'health':
      json(res, 200, healthState);
      return 'complete';
    case 'serverSetting':
      json(res, 200, { disable_client_side_telemetry: true });
      return 'complete';
    case 'events':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('');
      return 'complete';
    case 'completions':
      break;
  }
  const startedAt = performance.now();
  const body = (typeof ctx.body === 'object' && ctx.body !== null ? ctx.body : {}) as Record<string, unknown>;
  const segments = (typeof body.segments === 'object' && body.segments !== null ? body.segments : undefined) as
    | { prefix?: unknown; suffix?: unknown }
    | undefined;
  if (!segments || typeof segments.prefix !== 'string') {
    json(res, 422, { error: 'segments.prefix is required' });
    return 'rejected';
  }
  const decision = ctx.limiter.take(TABBY_MODEL, scenario);
  if (decision && !decision.allowed) {
    json(res, 429, { error: 'Rate limit exceeded' }, decision.headers);
    return 'rate-limited';
  }
  const suffix = typeof segments.suffix === 'string' ? segments.suffix : '';
  const artefacts = scenario.artefacts === 'none' ? [] : (scenario.artefacts.split('+') as Artefact[]);
  const answer =
    scenario.answer === 'generated'
      ? undefined
      : answerCompletion(
          ctx.sources,
          // NUL never occurs in a source, so the prefix and suffix windows match separately.
          { route: 'tabby', messages: [{ role: 'user', content: `${segments.prefix}\u0000${suffix}` }], stop: [] },
          { lines: scenario.lines, artefacts, wrong: scenario.wrong, messy: scenario.messy, seed: scenario.seed },
        );
  ctx.onAnswer?.(answer && { path: answer.located.path, cursor: answer.located.cursor, holeEnd: answer.located.holeEnd, text: answer.text });
  const tokens = tokenize(answer?.text ?? '').slice(0, TABBY_MAX_TOKENS);
  // Same timing as the streamed answers: time to first token, then the rest at tps (not streamed).
  const generateMs = scenario.ttftMs + (scenario.tps > 0 ? (Math.max(0, tokens.length - 1) / scenario.tps) * 1000 : 0);
  await sleep(generateMs - (performance.now() - startedAt), ctx.signal);
  if (ctx.signal.aborted) return 'aborted';
  json(res, 200, { id: `cmpl-${randomUUID()}`, choices: [{ index: 0, text: tokens.join('') }] }, decision?.headers);
  return 'complete';
}
