// Test doubles for the client: a fake fetch that replays recorded bodies with any read
// boundaries, a capturing logger, and fixture loading. No network, no VS Code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientDeps, ClientSettings } from '../../../src/core/client/api';
import { SambaNovaClient } from '../../../src/core/client/client';
import type { Logger } from '../../../src/core/logger';
import type { ActivityEvent, StreamEvent } from '../../../src/core/client/types';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'sambanova');

/** A fixture file without its provenance first line. */
export function fixture(relative: string): string {
  const text = readFileSync(join(FIXTURES, relative), 'utf8');
  return text.slice(text.indexOf('\n') + 1);
}

/** Raw fixture bytes (SSE fixtures keep their leading comment: it is valid SSE). */
export function fixtureRaw(relative: string): string {
  return readFileSync(join(FIXTURES, relative), 'utf8');
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** Body as the reads the client will see. A string is one read. */
  body?: string | Uint8Array | Array<string | Uint8Array>;
  /** fetch() rejects with this (a network failure). */
  reject?: unknown;
  /** Never send headers (until aborted). */
  hangHeaders?: boolean;
  /** After the listed parts, keep the body open without bytes (until aborted). */
  hangAfterBody?: boolean;
  /** After the listed parts, fail the body read with this error. */
  failAfterBody?: unknown;
}

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | undefined;
  signal: AbortSignal | undefined;
}

const encoder = new TextEncoder();

function domAbort(): Error {
  return new DOMException('This operation was aborted', 'AbortError');
}

/** Replies are used in order; the last one repeats. */
export function fakeFetch(...replies: Array<FakeReply | ((req: RecordedRequest) => FakeReply)>) {
  const requests: RecordedRequest[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const req: RecordedRequest = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined,
      signal: init?.signal ?? undefined,
    };
    requests.push(req);
    const spec = replies[Math.min(requests.length - 1, replies.length - 1)]!;
    const reply = typeof spec === 'function' ? spec(req) : spec;
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) throw domAbort();
    if (reply.reject !== undefined) throw reply.reject;
    if (reply.hangHeaders) {
      await new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(domAbort()), { once: true }));
    }
    const parts = reply.body === undefined ? [] : Array.isArray(reply.body) ? reply.body : [reply.body];
    let i = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (signal?.aborted) {
          controller.error(domAbort());
          return;
        }
        if (i < parts.length) {
          const part = parts[i++]!;
          controller.enqueue(typeof part === 'string' ? encoder.encode(part) : part);
          return;
        }
        if (reply.failAfterBody !== undefined) {
          controller.error(reply.failAfterBody);
          return;
        }
        if (reply.hangAfterBody) {
          return new Promise<void>((resolve) =>
            signal?.addEventListener(
              'abort',
              () => {
                controller.error(domAbort());
                resolve();
              },
              { once: true },
            ),
          );
        }
        controller.close();
      },
    });
    return new Response(stream, { status: reply.status ?? 200, headers: reply.headers ?? { 'content-type': 'text/event-stream' } });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

/** Splits bytes into reads: at one boundary, or one byte per read. */
export function splitAt(bytes: Uint8Array, at: number): Uint8Array[] {
  return [bytes.slice(0, at), bytes.slice(at)].filter((b) => b.length > 0);
}

export function bytewise(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i++) out.push(bytes.slice(i, i + 1));
  return out;
}

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export interface CapturedLog {
  logger: Logger;
  lines: string[];
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const at =
    (level: string) =>
    (message: string | Error, ...args: unknown[]): void => {
      lines.push(`${level} ${message instanceof Error ? `${message.message}\n${message.stack}` : message} ${args.map((a) => (a instanceof Error ? a.stack : JSON.stringify(a))).join(' ')}`);
    };
  return { logger: { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

export const TEST_KEY = 'sn-test-9f8e7d6c5b4a3210fedcba9876543210';

export interface Harness {
  client: SambaNovaClient;
  requests: RecordedRequest[];
  log: CapturedLog;
  activity: ActivityEvent[];
  sleeps: number[];
  settings: ClientSettings;
}

export function makeClient(
  replies: Array<FakeReply | ((req: RecordedRequest) => FakeReply)>,
  overrides: Partial<ClientSettings> & { key?: string | undefined; deps?: Partial<ClientDeps> } = {},
): Harness {
  const { fetch, requests } = fakeFetch(...replies);
  const log = captureLog();
  const sleeps: number[] = [];
  const settings: ClientSettings = {
    baseUrl: overrides.baseUrl ?? 'https://api.sambanova.ai/v1',
    connectTimeoutMs: overrides.connectTimeoutMs ?? 5_000,
    stallTimeoutMs: overrides.stallTimeoutMs ?? 5_000,
    maxRetries: overrides.maxRetries ?? 2,
  };
  const key = 'key' in overrides ? overrides.key : TEST_KEY;
  const client = new SambaNovaClient({
    fetch,
    getApiKey: async () => key,
    getSettings: () => settings,
    logger: log.logger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides.deps,
  });
  const activity: ActivityEvent[] = [];
  client.onDidActivity((e) => activity.push(e));
  return { client, requests, log, activity, sleeps, settings };
}

export function collectEvents(): { events: StreamEvent[]; onEvent: (e: StreamEvent) => void } {
  const events: StreamEvent[] = [];
  return { events, onEvent: (e) => events.push(e) };
}

/** Merges adjacent text/reasoning events: how many reads a stream took must not change what it says. */
export function normalize(events: StreamEvent[]): StreamEvent[] {
  const out: StreamEvent[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (last && (e.type === 'text' || e.type === 'reasoning') && last.type === e.type) {
      out[out.length - 1] = { type: e.type, text: last.text + e.text };
    } else out.push(e);
  }
  return out;
}

export function sse(...chunks: Array<object | string>): string {
  return chunks.map((c) => `data: ${typeof c === 'string' ? c : JSON.stringify(c)}\n\n`).join('');
}

export function chunk(delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) {
  return {
    id: '15fcaba4-1c4a-48fc-bc6e-05b55ddfb30b',
    object: 'chat.completion.chunk',
    created: 1737642515.6076705,
    model: 'Meta-Llama-3.3-70B-Instruct',
    system_fingerprint: 'fastcoe',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    ...extra,
  };
}

export function usageChunk(usage: Record<string, unknown> = { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30, completion_tokens_after_first_per_sec: 500, time_to_first_token: 0.05 }) {
  return { id: '15fcaba4', object: 'chat.completion.chunk', created: 1737642515.6, model: 'Meta-Llama-3.3-70B-Instruct', choices: [], usage };
}

export const chatRequest = { model: 'Meta-Llama-3.3-70B-Instruct', messages: [{ role: 'user' as const, content: 'hi' }] };
