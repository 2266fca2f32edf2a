// Puts a planned answer on the wire as SSE, with the scenario's timing, fragmentation and faults.
import type { ServerResponse } from 'node:http';
import type { AnswerPlan } from './answer';
import type { AnswerRequest } from './validate';
import { errorReplies } from './errors';
import { canReplay, renderPieces } from './replayCache';
import type { Scenario } from './scenarios';
import { buildUsage, finishChunk, pieceChunk, roleChunk, usageChunk, type GenerationTimes, type ResponseIdentity } from './wire';

/** Writes bigger than this are cut, so a flood stream keeps the socket busy without huge buffers. */
const batchBytes = 16 * 1024;

export interface StreamContext {
  res: ServerResponse;
  scenario: Scenario;
  plan: AnswerPlan;
  request: AnswerRequest;
  identity: ResponseIdentity;
  requestId: string;
  promptTokens: number;
  sendUsage: boolean;
  /** performance.now() when the request arrived, and the matching Unix ms. */
  startedAt: number;
  startedAtUnixMs: number;
  signal: AbortSignal;
}

export type StreamOutcome = 'complete' | 'aborted' | `fault:${string}`;

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Writes one buffer, honouring back-pressure; resolves false if the response is gone. */
function writeWhole(res: ServerResponse, data: string | Buffer): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return Promise.resolve(false);
  if (res.write(data)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onDrain = () => finish(true);
    const onClose = () => finish(false);
    function finish(ok: boolean) {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    }
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

/** Writes `bytesPerWrite` bytes at a time, waiting for each to leave before the next (no Nagle). */
async function writeFragmented(res: ServerResponse, data: string, bytesPerWrite: number, signal: AbortSignal): Promise<boolean> {
  const buffer = Buffer.from(data, 'utf8');
  for (let offset = 0; offset < buffer.length; offset += bytesPerWrite) {
    if (signal.aborted || res.destroyed) return false;
    const slice = buffer.subarray(offset, offset + bytesPerWrite);
    const ok = await new Promise<boolean>((resolve) => res.write(slice, (error) => resolve(!error)));
    if (!ok) return false;
    // Let the event loop turn so each write leaves as its own TCP segment and read.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}

/** Collects SSE text and sends it according to the scenario's fragmentation. */
class WireWriter {
  private pending = '';

  constructor(private readonly ctx: StreamContext) {}

  add(text: string): void {
    this.pending += text;
  }

  get size(): number {
    return this.pending.length;
  }

  async flush(): Promise<boolean> {
    if (this.pending === '') return !this.ctx.res.destroyed;
    const data = this.pending;
    this.pending = '';
    const { scenario, res, signal } = this.ctx;
    if (scenario.fragment === 'bytes') return writeFragmented(res, data, scenario.bytes, signal);
    return writeWhole(res, data);
  }
}

const event = (json: string) => `data: ${json}\n\n`;

/**
 * Streams the plan. Chunk k is due at ttft + (tokens before it, after the first chunk) / tps, all
 * relative to one start time, so timer jitter does not add up; chunks already due go out together
 * in one write (whole events), so high rates need no timer per token.
 */
export async function streamAnswer(ctx: StreamContext): Promise<StreamOutcome> {
  const { res, scenario, plan, identity, signal } = ctx;
  res.socket?.setNoDelay(true);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  const headersAt = performance.now();
  const wire = new WireWriter(ctx);
  if (identity.route === 'chat') wire.add(event(roleChunk(identity)));

  const midStreamFault = ['error-data', 'error-event', 'truncated-json', 'malformed-chunk', 'drop', 'stall'].includes(scenario.fault);
  let faultPending = midStreamFault;
  let shiftMs = 0;
  let sent = 0;
  let tokensAfterFirst = 0;
  const times: GenerationTimes = {
    startedAtUnixMs: ctx.startedAtUnixMs,
    startedAt: ctx.startedAt,
    firstTokenAt: 0,
    endedAt: 0,
  };

  const replayed = !midStreamFault && canReplay(scenario, plan);
  if (replayed) {
    // Full speed, no faults: the pre-rendered bytes, in big writes.
    if (!(await wire.flush())) return 'aborted';
    const bytes = renderPieces(scenario, ctx.request, plan, identity);
    times.firstTokenAt = times.eleventhTokenAt = performance.now();
    for (let offset = 0; offset < bytes.length; offset += 4 * batchBytes) {
      if (signal.aborted || !(await writeWhole(res, bytes.subarray(offset, offset + 4 * batchBytes)))) return 'aborted';
    }
  }
  for (const [index, piece] of (replayed ? [] : plan.pieces).entries()) {
    if (signal.aborted || res.destroyed) return 'aborted';
    // Chunk k leaves once its own tokens are "generated": after the first chunk, at tps.
    if (index > 0) tokensAfterFirst += piece.tokens;
    const due = headersAt + shiftMs + scenario.ttftMs + (scenario.tps > 0 ? (tokensAfterFirst / scenario.tps) * 1000 : 0);
    const wait = due - performance.now();
    if (wait > 0.5 || wire.size >= batchBytes) {
      if (!(await wire.flush())) return 'aborted';
      await sleep(due - performance.now(), signal);
      if (signal.aborted) return 'aborted';
    }
    wire.add(event(pieceChunk(identity, piece)));
    const now = performance.now();
    if (index === 0) times.firstTokenAt = now;
    sent += piece.tokens;
    if (times.eleventhTokenAt === undefined && sent >= 11) times.eleventhTokenAt = now;

    if (faultPending && sent >= scenario.after) {
      faultPending = false;
      const outcome = await injectFault(ctx, wire);
      if (outcome === 'continue') {
        shiftMs += performance.now() - now;
        continue;
      }
      return outcome;
    }
  }
  if (plan.pieces.length === 0) times.firstTokenAt = performance.now();
  if (faultPending) {
    // The answer was shorter than `after`: fire the fault at the end instead of never.
    const outcome = await injectFault(ctx, wire);
    if (outcome !== 'continue') return outcome;
  }

  wire.add(event(finishChunk(identity, plan.finishReason)));
  times.endedAt = performance.now();
  if (ctx.sendUsage) {
    const usage = buildUsage(ctx.promptTokens, plan.completionTokens, plan.finishReason, times);
    wire.add(event(usageChunk(identity, usage)));
  }
  if (scenario.fault !== 'no-done') wire.add('data: [DONE]\n\n');
  if (!(await wire.flush())) return 'aborted';
  res.end();
  return scenario.fault === 'no-done' ? 'fault:no-done' : 'complete';
}

async function injectFault(ctx: StreamContext, wire: WireWriter): Promise<StreamOutcome | 'continue'> {
  const { res, scenario, requestId, signal } = ctx;
  switch (scenario.fault) {
    case 'error-data':
      wire.add(event(errorReplies.midStream(requestId)));
      break;
    case 'error-event':
      wire.add(`event: error\n${event(errorReplies.midStream(requestId))}`);
      break;
    case 'truncated-json': {
      const whole = pieceChunk(ctx.identity, { kind: 'content', text: ' and then', tokens: 2 });
      wire.add(event(whole.slice(0, Math.floor(whole.length / 2))));
      break;
    }
    case 'malformed-chunk':
      wire.add(event(`{"choices":"not-a-list","id":"${ctx.identity.id}","object":"chat.completion.chunk"}`));
      return 'continue';
    case 'stall':
      if (!(await wire.flush())) return 'aborted';
      await sleep(scenario.stallMs, signal);
      return signal.aborted ? 'aborted' : 'continue';
    case 'drop':
      await wire.flush();
      res.destroy();
      return 'fault:drop';
  }
  if (!(await wire.flush())) return 'aborted';
  res.end();
  return `fault:${scenario.fault}`;
}
