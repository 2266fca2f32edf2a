// A local stand-in for SambaNova's OpenAI-compatible API, for tests, benchmarks and manual runs.
// It speaks what the real service speaks (see /work/shared/sambanova: API-NOTES.md and fixtures/),
// with scenarios for timing, wire fragmentation and every fault the client must survive.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { planAnswer } from './answer';
import { errorReplies, type ErrorReply } from './errors';
import { defaultModels, modelEntry, type FakeModel } from './models';
import { presets, resolveScenario, ScenarioError, type Scenario } from './scenarios';
import { sleep, streamAnswer } from './stream';
import { validateRequest } from './validate';
import { buildUsage, completionBody, type ResponseIdentity } from './wire';
import { answerCompletion, type Artefact } from './completionAnswer';
import { RateLimiter } from './rateLimit';
import { rewriteAnswer } from './rewrite';
import { planAgentStep, type AgentRequestStats } from './agentScenario';
import { SourceIndex } from './sourceIndex';
import { handleTabby, matchTabbyRoute } from './tabby';

export type ScenarioSpec = string | Partial<Scenario>;

export interface FakeSambaNovaOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default scenario for requests without a /scenario/... prefix. */
  scenario?: ScenarioSpec;
  /** When given, only these keys are accepted (others get 401 invalid_api_key). */
  apiKeys?: string[];
  models?: FakeModel[];
  /** How /v1/models writes prices. */
  pricingAs?: 'string' | 'number';
  /** One line per finished request (the CLI prints them). */
  log?: (line: string) => void;
  /** Source files the fake model knows, so completion prompts get their true continuation. */
  sources?: Array<{ path: string; text: string }>;
}

export interface RecordedRequest {
  seq: number;
  requestId: string;
  method: string;
  /** Path without the /scenario/... prefix. */
  path: string;
  /** Scenario name or spec in effect. */
  scenario: string;
  /** Request headers without Authorization (or any other key header). */
  headers: Record<string, string | string[] | undefined>;
  auth: { present: boolean; last4?: string; sha256Prefix?: string };
  rawBody: string;
  /** Parsed JSON body, or undefined when it was not JSON. */
  body: unknown;
  receivedAt: number;
  status?: number;
  /** 'complete', 'aborted', 'fault:drop', 'error', ... once the response is over. */
  outcome?: string;
  /** Unix ms when the response ended (or the connection closed). */
  endedAt?: number;
  /** Completion prompts answered from a known source: where the cursor was found, and the answer. */
  completion?: { path: string; cursor: number; holeEnd: number; text: string };
  /** `agent` scenario: the sizes of the agent's request. */
  agent?: AgentRequestStats;
}

export interface FakeSambaNova {
  /** http://127.0.0.1:PORT */
  url: string;
  /** http://127.0.0.1:PORT/v1: what a client's base URL setting takes. */
  baseUrl: string;
  port: number;
  /** Base URL that selects a scenario per request, e.g. scenarioUrl('fast,tps=2000') -> .../scenario/fast,tps=2000/v1 */
  scenarioUrl(spec: string): string;
  setScenario(spec: ScenarioSpec): Scenario;
  readonly scenario: Scenario;
  requests: RecordedRequest[];
  /** Files the fake model knows (completion answers); also POST/DELETE /_control/sources. */
  sources: SourceIndex;
  /** Per-model request counts of the rpm/rpd scenarios; reset with DELETE /_control/limits. */
  rateLimiter: RateLimiter;
  /** Ends in-flight responses and stops the server. */
  close(): Promise<void>;
}

const keyHeaders = ['authorization', 'x-api-key', 'key'];
const maxBodyBytes = 32 * 1024 * 1024;

function sendReply(res: ServerResponse, reply: ErrorReply): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { 'content-type': reply.contentType, ...reply.headers };
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/** Ids like SambaNova's request ids (20 chars of base32hex, e.g. d79vdot7os633dverihg). */
function newRequestId(): string {
  const bytes = randomUUID().replace(/-/g, '');
  return BigInt(`0x${bytes}`).toString(32).slice(0, 20).padStart(20, '0');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (part: Buffer) => {
      size += part.length;
      if (size > maxBodyBytes) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      parts.push(part);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * What GET /_control/requests lists: enough for a test in another process (VS Code's extension
 * host) to see what reached the server and how each response ended ('aborted' = the client
 * disconnected mid-answer). No bodies, no key material.
 */
function requestSummary(r: RecordedRequest): Record<string, unknown> {
  const body = typeof r.body === 'object' && r.body !== null ? (r.body as Record<string, unknown>) : {};
  return {
    seq: r.seq,
    method: r.method,
    path: r.path,
    scenario: r.scenario,
    model: typeof body.model === 'string' ? body.model : undefined,
    stream: body.stream === true,
    messages: Array.isArray(body.messages) ? body.messages.length : undefined,
    tools: Array.isArray(body.tools) ? body.tools.length : undefined,
    status: r.status,
    outcome: r.outcome,
    receivedAt: r.receivedAt,
    endedAt: r.endedAt,
    completion: r.completion,
    agent: r.agent,
  };
}

function recordAuth(header: string | undefined): RecordedRequest['auth'] {
  const key = header?.replace(/^Bearer\s+/i, '').trim();
  if (!key) return { present: false };
  return {
    present: true,
    last4: key.length >= 12 ? key.slice(-4) : undefined,
    sha256Prefix: createHash('sha256').update(key).digest('hex').slice(0, 16),
  };
}

type Route =
  | { kind: 'chat' | 'completion' | 'models' }
  | { kind: 'model'; id: string }
  | { kind: 'control' }
  | { kind: 'requestLog' }
  | { kind: 'sources' | 'limits' }
  | { kind: 'unknown' };

function matchRoute(method: string, path: string): Route {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (p === '/_control/scenario') return { kind: 'control' };
  if (method === 'GET' && p === '/_control/requests') return { kind: 'requestLog' };
  if (p === '/_control/sources') return { kind: 'sources' };
  if (p === '/_control/limits') return { kind: 'limits' };
  if (method === 'GET' && p === '/v1/models') return { kind: 'models' };
  const model = /^\/v1\/models\/([^/]+)$/.exec(p);
  if (method === 'GET' && model) return { kind: 'model', id: decodeURIComponent(model[1]!) };
  if (method !== 'POST') return { kind: 'unknown' };
  if (p === '/v1/chat/completions') return { kind: 'chat' };
  if (p === '/v1/completions') return { kind: 'completion' };
  // SambaStudio: /openai/v1/PROJECT/ENDPOINT/chat/completions (newer docs drop /openai).
  if (/^(\/openai)?\/v1\/[^/]+\/[^/]+\/chat\/completions$/.test(p)) return { kind: 'chat' };
  return { kind: 'unknown' };
}

/** Faults that refuse a request before any answer. `undefined` means: answer normally. */
function preStreamFault(scenario: Scenario, requestId: string, model: string): ErrorReply | undefined {
  switch (scenario.fault) {
    case 'unauthorized':
      return errorReplies.invalidKey(requestId);
    case 'payment':
      return errorReplies.paymentRequired(requestId);
    case 'model-not-found':
      return errorReplies.modelNotFound(requestId, model);
    case 'model-gone':
      return errorReplies.modelGone(requestId, model);
    case 'timeout':
      return errorReplies.requestTimeout();
    case 'rate-limit': {
      const reply = errorReplies.rateLimited(requestId);
      reply.headers = {};
      if (scenario.retryAfter >= 0) reply.headers['retry-after'] = String(scenario.retryAfter);
      if (scenario.retryAfterMs >= 0) reply.headers['retry-after-ms'] = String(scenario.retryAfterMs);
      return reply;
    }
    case 'server-error':
      return errorReplies.serverError();
    case 'unavailable':
      return errorReplies.unavailable();
    case 'unhandled':
      return errorReplies.unhandled(scenario.status);
    default:
      return undefined;
  }
}

export async function startFakeSambaNova(options: FakeSambaNovaOptions = {}): Promise<FakeSambaNova> {
  const models = options.models ?? defaultModels;
  const pricingAs = options.pricingAs ?? 'string';
  let current = resolveScenario(options.scenario);
  /** How often each scenario's pre-stream fault fired, for "N times then succeed". */
  const faultCounts = new Map<string, number>();
  const inFlight = new Set<{ res: ServerResponse; controller: AbortController }>();
  const requests: RecordedRequest[] = [];
  let seq = 0;
  const sources = new SourceIndex();
  for (const source of options.sources ?? []) sources.add(source.path, source.text);
  const limiter = new RateLimiter();

  const findModel = (id: string) => models.find((model) => model.id === id);

  async function handle(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const startedAt = performance.now();
    // Microsecond fraction, like the real `created` (1746852567.742961).
    const startedAtUnixMs = performance.timeOrigin + startedAt;
    const requestId = newRequestId();
    const url = new URL(req.url ?? '/', 'http://fake');
    let path = url.pathname;
    let scenario = current;
    const prefix = /^\/scenario\/([^/]+)(\/.*)?$/.exec(path);
    if (prefix) {
      try {
        scenario = resolveScenario(prefix[1]!);
      } catch (error) {
        return sendReply(res, { status: 400, contentType: 'text/plain', body: (error as Error).message });
      }
      path = prefix[2] ?? '/';
    }

    const rawBody = await readBody(req);
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = undefined;
    }
    const headers = { ...req.headers };
    for (const name of keyHeaders) delete headers[name];
    const record: RecordedRequest = {
      seq: ++seq,
      requestId,
      method: req.method ?? 'GET',
      path,
      scenario: scenario.name,
      headers,
      auth: recordAuth(req.headers.authorization),
      rawBody,
      body,
      receivedAt: startedAtUnixMs,
    };
    const route = matchRoute(record.method, path);
    const isControl = ['control', 'requestLog', 'sources', 'limits'].includes(route.kind);
    if (!isControl) requests.push(record);
    res.on('finish', () => (record.status ??= res.statusCode));
    res.on('close', () => (record.endedAt = performance.timeOrigin + performance.now()));

    if (route.kind === 'control') return handleControl(req, res, body);
    if (route.kind === 'requestLog') return sendJson(res, 200, requests.map(requestSummary));
    if (route.kind === 'sources') return handleSources(req, res, body);
    if (route.kind === 'limits') {
      if (req.method === 'DELETE') limiter.reset();
      return sendJson(res, 200, { refused: Object.fromEntries(limiter.refused) });
    }
    const tabbyRoute = matchTabbyRoute(record.method, path);
    if (tabbyRoute) {
      record.outcome = await handleTabby(tabbyRoute, {
        res,
        body,
        scenario,
        sources,
        limiter,
        signal,
        onAnswer: (answer) => (record.completion = answer),
      });
      return;
    }
    if (route.kind === 'unknown') return sendReply(res, errorReplies.routeNotFound());

    await sleep(scenario.headerDelayMs, signal);
    if (signal.aborted) return;

    // Auth comes first, as on the real service; the message never repeats the key.
    const header = req.headers.authorization;
    const key = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    if (!key) return sendReply(res, errorReplies.missingKey(requestId));
    if (key.includes('invalid') || (options.apiKeys && !options.apiKeys.includes(key))) {
      return sendReply(res, errorReplies.invalidKey(requestId));
    }

    const requestedModel =
      typeof body === 'object' && body !== null && typeof (body as { model?: unknown }).model === 'string'
        ? (body as { model: string }).model
        : route.kind === 'model'
          ? route.id
          : 'unknown';
    const faultKey = `${scenario.name}|${scenario.fault}`;
    const fired = faultCounts.get(faultKey) ?? 0;
    const fault = scenario.times > 0 && fired >= scenario.times ? undefined : preStreamFault(scenario, requestId, requestedModel);
    const modelOnlyFault = ['model-not-found', 'model-gone'].includes(scenario.fault);
    if (fault && !(modelOnlyFault && (route.kind === 'models' || route.kind === 'model'))) {
      faultCounts.set(faultKey, fired + 1);
      record.outcome = `fault:${scenario.fault}`;
      return sendReply(res, fault);
    }

    if (route.kind === 'models') {
      return sendJson(res, 200, { object: 'list', data: models.filter((m) => !m.retired).map((m) => modelEntry(m, pricingAs)) });
    }
    if (route.kind === 'model') {
      const model = findModel(route.id);
      if (!model || model.retired) return sendReply(res, errorReplies.routeNotFound());
      return sendJson(res, 200, modelEntry(model, pricingAs));
    }

    const validation = validateRequest(route.kind, rawBody, findModel, requestId);
    if (!validation.ok) {
      record.outcome = 'rejected';
      return sendReply(res, validation.reply);
    }
    let request = validation.request;
    const limit = limiter.take(request.model.id, scenario);
    if (limit) {
      // SambaNova reports the request budget on every answer, refused or not.
      for (const [name, value] of Object.entries(limit.headers)) res.setHeader(name, value);
      if (!limit.allowed) {
        record.outcome = 'rate-limited';
        return sendReply(res, errorReplies.rateLimited(requestId));
      }
    }
    if (scenario.answer === 'agent') {
      const step = typeof body === 'object' && body !== null ? planAgentStep(body as Record<string, unknown>, rawBody) : undefined;
      if (step) {
        record.agent = step.stats;
        request = step.calls ? { ...request, scriptedCalls: step.calls } : { ...request, echo: step.text, tools: [] };
      }
    } else if (scenario.answer === 'rewrite') {
      request = { ...request, echo: rewriteAnswer(request.seed) };
    } else if (scenario.answer !== 'generated' && typeof body === 'object' && body !== null) {
      const computeStart = performance.now();
      const completion = completionFor(route.kind, body as Record<string, unknown>, scenario);
      if (completion) {
        record.completion = completion;
        request = { ...request, echo: completion.text };
      } else if (scenario.answer === 'oracle') {
        request = { ...request, echo: '' };
      }
      // Finding the file takes a few ms; the time to first token stays what the scenario says.
      scenario = { ...scenario, ttftMs: Math.max(0, scenario.ttftMs - (performance.now() - computeStart)) };
    }
    if (scenario.fault === 'context-length') {
      const needed = request.model.contextLength + request.promptTokens;
      return sendReply(res, errorReplies.contextLength(requestId, request.model.id, request.model.contextLength, needed));
    }

    const plan = planAnswer(scenario, request);
    const identity: ResponseIdentity = {
      id: randomUUID(),
      created: startedAtUnixMs / 1000,
      model: request.model.id,
      route: route.kind,
    };
    if (request.stream) {
      record.outcome = await streamAnswer({
        res,
        scenario,
        plan,
        request,
        identity,
        requestId,
        promptTokens: request.promptTokens,
        sendUsage: scenario.usage === 'always' || (scenario.usage === 'requested' && request.includeUsage),
        startedAt,
        startedAtUnixMs,
        signal,
      });
      return;
    }

    // Not streamed: the answer arrives after the whole generation time.
    await sleep(scenario.ttftMs, signal);
    const firstTokenAt = performance.now();
    if (scenario.tps > 0) await sleep((plan.completionTokens / scenario.tps) * 1000, signal);
    if (scenario.fault === 'stall') await sleep(scenario.stallMs, signal);
    if (signal.aborted) return;
    if (scenario.fault === 'drop') {
      record.outcome = 'fault:drop';
      res.destroy();
      return;
    }
    const endedAt = performance.now();
    const eleventhTokenAt = firstTokenAt + ((endedAt - firstTokenAt) * 10) / Math.max(plan.completionTokens, 10);
    const usage = buildUsage(request.promptTokens, plan.completionTokens, plan.finishReason, {
      startedAt,
      startedAtUnixMs,
      firstTokenAt,
      eleventhTokenAt,
      endedAt,
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(completionBody(identity, plan, usage));
    record.outcome = 'complete';
  }

  function completionFor(kind: 'chat' | 'completion', body: Record<string, unknown>, scenario: Scenario): RecordedRequest['completion'] {
    if (sources.size === 0) return undefined;
    const messages =
      kind === 'chat'
        ? (Array.isArray(body.messages) ? (body.messages as Array<Record<string, unknown>>) : []).map((m) => ({
            role: String(m.role),
            content: typeof m.content === 'string' ? m.content : '',
          }))
        : [{ role: 'user', content: typeof body.prompt === 'string' ? body.prompt : '' }];
    const stop = typeof body.stop === 'string' ? [body.stop] : Array.isArray(body.stop) ? body.stop.filter((s): s is string => typeof s === 'string') : [];
    const artefacts = scenario.artefacts === 'none' ? [] : (scenario.artefacts.split('+') as Artefact[]);
    const answer = answerCompletion(sources, { route: kind, messages, stop }, { lines: scenario.lines, artefacts, wrong: scenario.wrong, messy: scenario.messy, seed: scenario.seed });
    if (!answer) return undefined;
    return { path: answer.located.path, cursor: answer.located.cursor, holeEnd: answer.located.holeEnd, text: answer.text };
  }

  function handleSources(req: IncomingMessage, res: ServerResponse, body: unknown): void {
    if (req.method === 'DELETE') {
      sources.clear();
      return sendJson(res, 200, { sources: [] });
    }
    if (req.method === 'POST') {
      const record = (typeof body === 'object' && body !== null ? body : {}) as { path?: unknown; text?: unknown; sources?: unknown };
      const list = Array.isArray(record.sources) ? (record.sources as Array<{ path?: unknown; text?: unknown }>) : [record];
      if (!list.every((s) => typeof s.path === 'string' && typeof s.text === 'string')) {
        return sendJson(res, 400, { error: 'Send {"path": "...", "text": "..."} or {"sources": [{path, text}, ...]}.' });
      }
      for (const s of list) sources.add(s.path as string, s.text as string);
    }
    return sendJson(res, 200, { sources: sources.paths() });
  }

  function handleControl(req: IncomingMessage, res: ServerResponse, body: unknown): void {
    if (req.method === 'GET') return sendJson(res, 200, { scenario: current, presets: Object.keys(presets) });
    try {
      if (typeof body !== 'string' && (typeof body !== 'object' || body === null)) {
        throw new ScenarioError('Send a JSON object of scenario fields or a JSON string such as "fast,tps=2000".');
      }
      return sendJson(res, 200, { scenario: setScenario(body as ScenarioSpec) });
    } catch (error) {
      return sendJson(res, 400, { error: (error as Error).message });
    }
  }

  function setScenario(spec: ScenarioSpec): Scenario {
    current = resolveScenario(spec);
    faultCounts.clear();
    return current;
  }

  const server: Server = createServer((req, res) => {
    const controller = new AbortController();
    const entry = { res, controller };
    inFlight.add(entry);
    const startedAt = performance.now();
    res.on('close', () => {
      controller.abort();
      inFlight.delete(entry);
      if (options.log) {
        const ms = (performance.now() - startedAt).toFixed(0);
        options.log(`${req.method} ${req.url} -> ${res.statusCode}${res.writableFinished ? '' : ' (closed early)'} ${ms} ms`);
      }
    });
    handle(req, res, controller.signal).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) sendReply(res, { status: 500, contentType: 'text/plain', body: String(error) });
      else res.destroy();
    });
  });
  // Longer than clients keep idle sockets, so a client never reuses one the server is closing.
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    baseUrl: `${url}/v1`,
    port,
    scenarioUrl: (spec) => `${url}/scenario/${spec}/v1`,
    setScenario,
    get scenario() {
      return current;
    },
    requests,
    sources,
    rateLimiter: limiter,
    close: async () => {
      for (const { res, controller } of inFlight) {
        controller.abort();
        res.destroy();
      }
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
