// A scenario says how the fake server behaves for a request: timing, chunking, wire fragmentation,
// reasoning and tool-call style, answer length, and which fault to inject. Named presets below;
// any field can be overridden per request in the URL: /scenario/NAME,key=value,key=value/v1/...
import { artefactNames } from './completionAnswer';

export type Fragmentation = 'event' | 'bytes';
export type ReasoningStyle = 'auto' | 'none' | 'field' | 'think' | 'think-no-open';
export type ToolStyle = 'none' | 'incremental' | 'whole';
export type UsagePolicy = 'always' | 'requested' | 'never';
/**
 * 'auto': the true continuation when the prompt quotes a registered source file, else generated text.
 * 'follow': as 'auto' for completion prompts; other chat requests get an answer that follows them
 * (followAnswer.ts: an edit command's code back with one harmless change, an outline of the code asked about).
 */
export type AnswerSource = 'auto' | 'generated' | 'oracle' | 'rewrite' | 'follow' | 'agent';

export type FaultKind =
  | 'none'
  // Refused before any byte of an answer:
  | 'unauthorized' // 401 invalid_api_key
  | 'payment' // 402 PAYMENT_METHOD_REQUIRED
  | 'model-not-found' // 404 model_not_found
  | 'model-gone' // 410 with the real deprecation message
  | 'timeout' // 408 SimpleError
  | 'rate-limit' // 429; retryAfter / retryAfterMs headers; `times` then succeed
  | 'server-error' // 500 text/plain
  | 'unavailable' // 503 text/plain
  | 'unhandled' // {"error":"Unhandled error"} (status from `status`, default 400 as in the spec example)
  | 'context-length' // 400 context_length_exceeded regardless of the prompt
  // After `after` tokens of a streamed answer:
  | 'error-data' // data: {"error":{...}} then the stream ends
  | 'error-event' // event: error + data then the stream ends
  | 'truncated-json' // a data line with cut-off JSON, then the stream ends
  | 'malformed-chunk' // a data line with valid JSON of the wrong shape; the stream continues
  | 'drop' // socket destroyed
  | 'no-done' // everything incl. usage, but no data: [DONE]
  | 'stall'; // no bytes for stallMs, then the stream continues

export interface Scenario {
  name: string;
  /** Delay before the response's status line and headers (slow headers). */
  headerDelayMs: number;
  /** Delay from the headers to the first content chunk. */
  ttftMs: number;
  /** Output tokens per second after the first chunk; 0 streams as fast as the socket takes it. */
  tps: number;
  /** Tokens per content chunk (SambaNova sends several per chunk). */
  tokensPerChunk: number;
  /** Answer length in tokens (cut further by the request's max_tokens, with finish_reason "length"). */
  tokens: number;
  /** Exact answer text instead of the generated one. */
  reply?: string;
  /** 'event': each write holds whole SSE events; 'bytes': writes of `bytes` bytes, flushed one by one. */
  fragment: Fragmentation;
  bytes: number;
  reasoning: ReasoningStyle;
  reasoningTokens: number;
  /** Call the request's tools instead of answering (only when the request has tools). */
  tools: ToolStyle;
  /** How many tool calls to make (cycling through the request's tools). */
  toolCalls: number;
  /** 'object' sends function.arguments as a JSON object (old deployments did); implies 'whole'. */
  toolArgs: 'string' | 'object';
  /** When the usage chunk is sent. The real server sends it even unasked. */
  usage: UsagePolicy;
  fault: FaultKind;
  /** Mid-stream faults fire once this many answer tokens were sent. */
  after: number;
  stallMs: number;
  /** Status for 'unhandled'. */
  status: number;
  /** 429: `retry-after` seconds header (-1 = none). */
  retryAfter: number;
  /** 429: `retry-after-ms` header (-1 = none). */
  retryAfterMs: number;
  /** Pre-stream faults: fail this many times per scenario, then succeed (0 = always fail). */
  times: number;
  /** Completion prompts: answer from the registered sources (completionAnswer.ts) or generated text; see AnswerSource. */
  answer: AnswerSource;
  /** Oracle answers: at most this many lines of the hole (0 = all of it, up to max_tokens). */
  lines: number;
  /** Oracle answers: model artefacts joined by '+': fence, chatter, repeat, overlap, think ('none'). */
  artefacts: string;
  /** Oracle answers: percent that are plausible but wrong (fallible mode, completionAnswer.ts). */
  wrong: number;
  /** Oracle answers: percent that get one artefact drawn at random. */
  messy: number;
  /** Seed of the fallible mode's draws. */
  seed: number;
  /** Requests per window per model, 429 beyond (0 = no limit, no x-ratelimit headers). */
  rpm: number;
  /** Requests per day per model (0 = rpm * 1440). */
  rpd: number;
  /** Length of the rate-limit "minute" in ms (compress it for benchmarks). */
  windowMs: number;
}

export const defaultScenario: Scenario = {
  name: 'default',
  headerDelayMs: 0,
  ttftMs: 60,
  tps: 500,
  tokensPerChunk: 4,
  tokens: 300,
  fragment: 'event',
  bytes: 1,
  reasoning: 'auto',
  reasoningTokens: 40,
  tools: 'none',
  toolCalls: 1,
  toolArgs: 'string',
  usage: 'always',
  fault: 'none',
  after: 20,
  stallMs: 2000,
  status: 400,
  retryAfter: -1,
  retryAfterMs: -1,
  times: 0,
  answer: 'auto',
  lines: 0,
  artefacts: 'none',
  wrong: 0,
  messy: 0,
  seed: 0,
  rpm: 0,
  rpd: 0,
  windowMs: 60_000,
};

type Overrides = Partial<Omit<Scenario, 'name'>>;

/** Named presets: overrides of defaultScenario. */
export const presets: Record<string, Overrides & { description: string }> = {
  default: { description: 'Realistic: 60 ms to first token, 500 tok/s, 4 tokens per chunk, 300 tokens.' },
  demo: {
    description: 'npm start without a key: default timing, answers that follow each request (followAnswer.ts).',
    answer: 'follow',
  },
  fast: { description: 'No delays, unlimited speed (tests).', ttftMs: 0, tps: 0 },
  slow: { description: '400 ms to first token, 40 tok/s.', ttftMs: 400, tps: 40, tokensPerChunk: 2 },
  flood: { description: 'Bench: 20k chunks of 4 tokens, unlimited speed.', ttftMs: 0, tps: 0, tokens: 80000 },
  'split-bytes': { description: 'Writes of 7 bytes, each flushed.', ttftMs: 0, tps: 0, fragment: 'bytes', bytes: 7 },
  'single-bytes': {
    description: 'One byte per write (splits UTF-8 sequences), each flushed.',
    ttftMs: 0,
    tps: 0,
    tokens: 80,
    fragment: 'bytes',
    bytes: 1,
  },
  'reasoning-field': { description: 'gpt-oss style delta.reasoning, then the answer.', reasoning: 'field' },
  'reasoning-think': { description: '<think>...</think> in the content.', reasoning: 'think' },
  'reasoning-think-no-open': { description: 'Thinking ending in </think>, opening tag missing.', reasoning: 'think-no-open' },
  'tools-incremental': { description: 'Tool call with arguments streamed in pieces.', tools: 'incremental' },
  'tools-whole': { description: 'Whole tool call in one chunk (pre-July-2026 servers).', tools: 'whole' },
  'tools-object-args': { description: 'Whole tool call, arguments as a JSON object.', tools: 'whole', toolArgs: 'object' },
  'no-usage-unless-asked': { description: 'Usage chunk only with stream_options.include_usage.', usage: 'requested' },
  unauthorized: { description: '401 invalid_api_key.', fault: 'unauthorized' },
  payment: { description: '402 PAYMENT_METHOD_REQUIRED.', fault: 'payment' },
  'model-not-found': { description: '404 model_not_found.', fault: 'model-not-found' },
  'model-gone': { description: '410: model removed (real message).', fault: 'model-gone' },
  timeout: { description: '408 {"error":"..."}', fault: 'timeout' },
  'rate-limit': { description: '429 with retry-after: 1.', fault: 'rate-limit', retryAfter: 1 },
  'rate-limit-ms': { description: '429 with retry-after-ms: 200.', fault: 'rate-limit', retryAfterMs: 200 },
  'rate-limit-bare': { description: '429 without retry headers.', fault: 'rate-limit' },
  'rate-limit-twice': {
    description: '429 (retry-after-ms: 50) twice, then success.',
    fault: 'rate-limit',
    retryAfterMs: 50,
    times: 2,
  },
  'server-error': { description: '500 text/plain.', fault: 'server-error' },
  unavailable: { description: '503 text/plain "Service Temporarily Unavailable".', fault: 'unavailable' },
  unhandled: { description: '400 {"error":"Unhandled error"}.', fault: 'unhandled' },
  'context-length': { description: '400 context_length_exceeded.', fault: 'context-length' },
  'error-mid-stream': { description: 'data: {"error":...} after 20 tokens.', fault: 'error-data' },
  'error-event': { description: 'event: error after 20 tokens.', fault: 'error-event' },
  'truncated-json': { description: 'Cut-off JSON chunk after 20 tokens, then end.', fault: 'truncated-json' },
  'malformed-chunk': { description: 'JSON chunk of the wrong shape after 20 tokens.', fault: 'malformed-chunk' },
  drop: { description: 'Connection destroyed after 20 tokens.', fault: 'drop' },
  'no-done': { description: 'Stream ends without data: [DONE].', fault: 'no-done' },
  stall: { description: 'No bytes for 2 s after 20 tokens, then continue.', fault: 'stall' },
  'slow-headers': { description: 'Status line only after 3 s.', headerDelayMs: 3000 },
  completion: {
    description: 'Code completion: 120 ms to first token, 800 tok/s, true continuations of registered sources.',
    ttftMs: 120,
    tps: 800,
    answer: 'oracle',
  },
  'completion-free-tier': {
    description: 'As completion, limited to 20 requests a minute per model (429 + Retry-After beyond).',
    ttftMs: 120,
    tps: 800,
    answer: 'oracle',
    rpm: 20,
  },
  rewrite: {
    description: 'Editor commands: a deterministic rewrite of the last code block sent (rewrite.ts), in prose and a fence.',
    ttftMs: 60,
    tps: 500,
    answer: 'rewrite',
  },
  agent: {
    description: "VS Code's Agent mode: reads one file, then creates another from it, over the request's own tools (agentScenario.ts).",
    ttftMs: 60,
    tps: 500,
    tools: 'incremental',
    answer: 'agent',
  },
  'completion-artefacts': {
    description: 'As completion, answers wrapped in a fence with the current line repeated.',
    ttftMs: 120,
    tps: 800,
    answer: 'oracle',
    artefacts: 'fence+repeat',
  },
};

const numberKeys = [
  'headerDelayMs',
  'ttftMs',
  'tps',
  'tokensPerChunk',
  'tokens',
  'bytes',
  'reasoningTokens',
  'toolCalls',
  'after',
  'stallMs',
  'status',
  'retryAfter',
  'retryAfterMs',
  'times',
  'lines',
  'wrong',
  'messy',
  'seed',
  'rpm',
  'rpd',
  'windowMs',
] as const;

const enumKeys = {
  fragment: ['event', 'bytes'],
  reasoning: ['auto', 'none', 'field', 'think', 'think-no-open'],
  tools: ['none', 'incremental', 'whole'],
  toolArgs: ['string', 'object'],
  usage: ['always', 'requested', 'never'],
  answer: ['auto', 'generated', 'oracle', 'rewrite', 'follow', 'agent'],
  fault: [
    'none',
    'unauthorized',
    'payment',
    'model-not-found',
    'model-gone',
    'timeout',
    'rate-limit',
    'server-error',
    'unavailable',
    'unhandled',
    'context-length',
    'error-data',
    'error-event',
    'truncated-json',
    'malformed-chunk',
    'drop',
    'no-done',
    'stall',
  ],
} as const;

/** Short names accepted in URLs, next to the full field names. */
const aliases: Record<string, string> = {
  ttft: 'ttftMs',
  tpc: 'tokensPerChunk',
  headerDelay: 'headerDelayMs',
  stall: 'stallMs',
};

export class ScenarioError extends Error {}

/** Applies one key=value (from a URL or JSON) to a scenario, checking type and range. */
function applyField(scenario: Scenario, rawKey: string, value: unknown): void {
  const key = aliases[rawKey] ?? rawKey;
  if ((numberKeys as readonly string[]).includes(key)) {
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n)) throw new ScenarioError(`Scenario field "${rawKey}" needs a number, got ${JSON.stringify(value)}.`);
    (scenario as unknown as Record<string, number>)[key] = n;
  } else if (key in enumKeys) {
    const allowed = enumKeys[key as keyof typeof enumKeys] as readonly string[];
    if (typeof value !== 'string' || !allowed.includes(value)) {
      throw new ScenarioError(`Scenario field "${rawKey}" must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}.`);
    }
    (scenario as unknown as Record<string, string>)[key] = value;
  } else if (key === 'artefacts') {
    const names = typeof value === 'string' ? value.split('+').filter((name) => name !== '' && name !== 'none') : undefined;
    const bad = names?.find((name) => !(artefactNames as readonly string[]).includes(name));
    if (!names || bad !== undefined) {
      throw new ScenarioError(`Scenario field "artefacts" takes names joined by "+" from ${artefactNames.join(', ')}; got ${JSON.stringify(value)}.`);
    }
    scenario.artefacts = names.length > 0 ? names.join('+') : 'none';
  } else if (key === 'reply') {
    if (typeof value !== 'string') throw new ScenarioError('Scenario field "reply" needs a string.');
    scenario.reply = value;
  } else {
    throw new ScenarioError(`Unknown scenario field "${rawKey}".`);
  }
}

function checkRanges(s: Scenario): void {
  if (s.tokensPerChunk < 1) throw new ScenarioError('tokensPerChunk must be at least 1.');
  if (s.bytes < 1) throw new ScenarioError('bytes must be at least 1.');
  if (s.tps < 0 || s.ttftMs < 0 || s.headerDelayMs < 0 || s.stallMs < 0) {
    throw new ScenarioError('Times and speeds cannot be negative.');
  }
  if (s.tokens < 0 || s.toolCalls < 1) throw new ScenarioError('tokens must be >= 0 and toolCalls >= 1.');
  if (s.lines < 0 || s.rpm < 0 || s.rpd < 0 || s.windowMs < 1) throw new ScenarioError('lines, rpm and rpd must be >= 0 and windowMs >= 1.');
}

export function presetScenario(name: string): Scenario {
  const preset = presets[name];
  if (!preset) throw new ScenarioError(`Unknown scenario "${name}". Known: ${Object.keys(presets).join(', ')}.`);
  const overrides: Overrides & { description?: string } = { ...preset };
  delete overrides.description;
  return { ...defaultScenario, ...overrides, name };
}

/**
 * Builds a scenario from a preset name and/or fields: an object (JSON) such as
 * `{ "name": "fast", "tps": 2000 }`, or the URL form `fast,tps=2000,tpc=4` (values URL-decoded;
 * a leading item without "=" is the preset name, otherwise the preset is "default").
 */
export function resolveScenario(spec: string | Partial<Scenario> | undefined): Scenario {
  if (spec === undefined) return presetScenario('default');
  if (typeof spec === 'string') {
    const items = spec.split(',').filter((item) => item !== '');
    const first = items[0];
    const named = first !== undefined && !first.includes('=');
    const scenario = presetScenario(named ? decodeURIComponent(first) : 'default');
    for (const item of named ? items.slice(1) : items) {
      const eq = item.indexOf('=');
      if (eq <= 0) throw new ScenarioError(`Scenario item "${item}" is not key=value.`);
      applyField(scenario, decodeURIComponent(item.slice(0, eq)), decodeURIComponent(item.slice(eq + 1)));
    }
    // A bare preset keeps its name; anything with overrides is named by its whole spec.
    if (items.length > (named ? 1 : 0)) scenario.name = spec;
    checkRanges(scenario);
    return scenario;
  }
  const scenario = presetScenario(spec.name && presets[spec.name] ? spec.name : 'default');
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'name' || value === undefined) continue;
    applyField(scenario, key, value);
  }
  if (spec.name) scenario.name = spec.name;
  checkRanges(scenario);
  return scenario;
}
