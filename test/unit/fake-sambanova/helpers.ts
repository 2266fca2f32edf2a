// Raw HTTP helpers for the fake server's tests: they read the wire directly (no client library),
// so what the tests see is exactly what the server sent.
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Each body read as it arrived. */
  reads: Buffer[];
  body: string;
  /** performance.now() at the headers, at each read, and at the end. */
  headersAt: number;
  readTimes: number[];
  endedAt: number;
  startedAt: number;
  /** Set when the connection broke before the body ended. */
  error?: string;
}

export const testKey = 'sn-test-key-0123456789abcdef';

export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send('POST', url, typeof body === 'string' ? body : JSON.stringify(body), {
    authorization: `Bearer ${testKey}`,
    'content-type': 'application/json',
    ...headers,
  });
}

export function get(url: string, headers: Record<string, string> = { authorization: `Bearer ${testKey}` }): Promise<RawResponse> {
  return send('GET', url, undefined, headers);
}

export function send(method: string, url: string, body: string | undefined, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const req = request(url, { method, headers, agent: false }, (res) => {
      const result: RawResponse = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        reads: [],
        body: '',
        headersAt: performance.now(),
        readTimes: [],
        endedAt: 0,
        startedAt,
      };
      const finish = (error?: string) => {
        result.endedAt = performance.now();
        result.body = Buffer.concat(result.reads).toString('utf8');
        if (error) result.error = error;
        resolve(result);
      };
      res.on('data', (part: Buffer) => {
        result.reads.push(part);
        result.readTimes.push(performance.now());
      });
      res.on('end', () => finish());
      res.on('error', (error) => finish(error.message));
      res.on('aborted', () => finish('aborted'));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export interface SseEvent {
  event?: string;
  data: string;
}

/** Splits an SSE body into events (blank-line separated; `data:` lines joined by \n). */
export function parseSse(body: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of body.split('\n\n')) {
    if (block.trim() === '') continue;
    const event: SseEvent = { data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      if (line.startsWith('data: ')) data.push(line.slice(6));
      else if (line.startsWith('event: ')) event.event = line.slice(7);
    }
    event.data = data.join('\n');
    events.push(event);
  }
  return events;
}

type Chunk = {
  choices: Array<{ delta?: Record<string, unknown>; text?: string; finish_reason: string | null }>;
  usage?: Record<string, unknown>;
  [key: string]: unknown;
};

/** The JSON chunks of a complete stream, checking it ends in [DONE]. */
export function chunksOf(body: string): Chunk[] {
  const events = parseSse(body);
  if (events.at(-1)?.data !== '[DONE]') throw new Error(`stream does not end with [DONE]: ${body.slice(-200)}`);
  return events.slice(0, -1).map((event) => JSON.parse(event.data) as Chunk);
}

export function contentOf(chunks: Chunk[]): string {
  return chunks.map((chunk) => (chunk.choices[0]?.delta?.content as string | undefined) ?? chunk.choices[0]?.text ?? '').join('');
}

export function chatBody(content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'Meta-Llama-3.3-70B-Instruct', messages: [{ role: 'user', content }], stream: true, ...extra };
}

/** Reads a fixture, dropping its first (provenance) line. */
export function fixtureText(text: string): string {
  return text.slice(text.indexOf('\n') + 1);
}
