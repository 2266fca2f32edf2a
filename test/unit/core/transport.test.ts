// The client over a real socket to a server on 127.0.0.1, once through fetch and once through
// nodeTransport: both must give the same answers, errors, timeouts, cancellation, redirects,
// encodings and connection reuse. The fake-fetch tests cover the client's logic; these cover
// what only a real connection shows.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SambaNovaClient } from '../../../src/core/client/client';
import { SambaNovaError, isAbortError } from '../../../src/core/client/errors';
import { nodeTransport } from '../../../src/core/client/nodeTransport';
import { redirectedRequest } from '../../../src/core/client/transport';
import { chatRequest, chunk, collectEvents, fixtureRaw, sse, usageChunk } from './helpers';

const KEY = 'sn-transport-test-0123456789abcdef';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  socket: Socket;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

interface Local {
  url: string;
  seen: Seen[];
  sockets: Set<Socket>;
  connections: number;
  handle: Handler;
  close(): Promise<void>;
}

function listen(server: Server): Promise<Local> {
  const local: Local = {
    url: '',
    seen: [],
    sockets: new Set(),
    connections: 0,
    handle: (_req, res) => res.end(),
    close: () =>
      new Promise((resolve) => {
        for (const socket of local.sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket: Socket) => {
    local.connections++;
    local.sockets.add(socket);
    socket.on('close', () => local.sockets.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (part: string) => (body += part));
    req.on('end', () => {
      local.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, socket: req.socket });
      local.handle(req, res, body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      local.url = `${server instanceof Object && 'setSecureContext' in server ? 'https' : 'http'}://127.0.0.1:${port}`;
      resolve(local);
    }),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes the parts with a pause between them, so the client sees several reads. */
async function writeSlowly(res: ServerResponse, parts: string[], gapMs = 2): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req-local' });
  for (const part of parts) {
    res.write(part);
    await sleep(gapMs);
  }
  res.end();
}

const answerParts = [sse(chunk({ role: 'assistant', content: '' })), sse(chunk({ content: 'Hello' })), sse(chunk({ content: ', wörld ✓' })), sse(chunk({}, 'stop'), usageChunk(), '[DONE]')];

for (const transportName of ['fetch', 'node'] as const) {
  describe(`client over a real socket: ${transportName} transport`, function () {
    this.timeout(15_000);
    let local: Local;
    const settings = { connectTimeoutMs: 2_000, stallTimeoutMs: 2_000, maxRetries: 0 };

    function client(overrides: Partial<typeof settings> & { baseUrl?: string } = {}): SambaNovaClient {
      return new SambaNovaClient({
        fetch: globalThis.fetch,
        transport: transportName === 'node' ? nodeTransport() : undefined,
        getApiKey: async () => KEY,
        getSettings: () => ({ baseUrl: `${local.url}/v1`, ...settings, ...overrides }),
        sleep: async () => {},
      });
    }

    beforeEach(async () => {
      local = await listen(createServer({ keepAliveTimeout: 5_000 }));
    });
    afterEach(() => local.close());

    it('streams an answer read by read: text, usage, request id; sends the body and headers intact', async () => {
      local.handle = (_req, res) => void writeSlowly(res, answerParts);
      const { events, onEvent } = collectEvents();
      const result = await client().streamChat({ ...chatRequest, messages: [{ role: 'user', content: 'ünïcode body ✓' }] }, { onEvent });
      assert.equal(result.text, 'Hello, wörld ✓');
      assert.equal(result.finishReason, 'stop');
      assert.equal(result.usage?.completionTokens, 20);
      assert.equal(result.requestId, 'req-local');
      assert.ok(events.filter((e) => e.type === 'text').length >= 2, 'text arrived as it streamed');
      const seen = local.seen[0]!;
      assert.equal(seen.method, 'POST');
      assert.equal(seen.url, '/v1/chat/completions');
      assert.equal(seen.headers.authorization, `Bearer ${KEY}`);
      assert.equal(seen.headers['content-type'], 'application/json');
      assert.equal(seen.headers.accept, 'text/event-stream');
      assert.equal(seen.headers['accept-encoding'], 'identity');
      assert.equal(Number(seen.headers['content-length']), Buffer.byteLength(seen.body));
      const body = JSON.parse(seen.body) as { stream: boolean; messages: Array<{ content: string }> };
      assert.equal(body.stream, true);
      assert.equal(body.messages.at(-1)!.content, 'ünïcode body ✓');
    });

    it('replays the recorded SambaNova stream fixture byte for byte', async () => {
      const raw = fixtureRaw('from-docs/FROM-DOCS_chat-completions-stream_gpt-oss-120b_openapi-examples.sse');
      local.handle = (_req, res) => void writeSlowly(res, [raw.slice(0, 100), raw.slice(100, 101), raw.slice(101)]);
      const result = await client().streamChat({ ...chatRequest, model: 'gpt-oss-120b' });
      assert.ok(result.text.length > 0 || result.reasoning.length > 0);
      assert.ok(result.usage, 'usage chunk read');
    });

    it('reuses the keep-alive connection for the next request', async () => {
      local.handle = (_req, res) => void writeSlowly(res, answerParts, 0);
      const c = client();
      await c.streamChat(chatRequest);
      await c.streamChat(chatRequest);
      await c.chat(chatRequest).catch(() => undefined);
      assert.equal(local.seen.length, 3);
      // undici hands its socket back a moment after the body ends, so a request sent at once
      // may open a second connection; nodeTransport waits for the end before resolving.
      const most = transportName === 'node' ? 1 : 2;
      assert.ok(local.connections <= most, `${local.connections} connections for three requests (at most ${most})`);
    });

    it('maps an HTTP error with its headers (429 retry-after)', async () => {
      local.handle = (_req, res) => {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7', 'x-request-id': 'rl-1' });
        res.end(JSON.stringify({ error: { message: 'Rate limit exceeded', code: 'rate_limit_exceeded' } }));
      };
      const error = (await client().streamChat(chatRequest).catch((e: unknown) => e)) as SambaNovaError;
      assert.ok(error instanceof SambaNovaError);
      assert.equal(error.kind, 'rateLimited');
      assert.equal(error.retryAfterMs, 7_000);
      assert.equal(error.requestId, 'rl-1');
    });

    it('connection refused -> network error naming the cause', async () => {
      const closed = await listen(createServer());
      const url = closed.url;
      await closed.close();
      const error = (await client({ baseUrl: `${url}/v1` }).streamChat(chatRequest).catch((e: unknown) => e)) as SambaNovaError;
      assert.equal(error.kind, 'network');
      assert.equal(error.code, 'ECONNREFUSED');
      assert.match(error.userMessage, /connection was refused/);
    });

    it('unknown host -> network error (DNS), fix-it opens settings', async () => {
      const error = (await client({ baseUrl: 'http://no-such-host.invalid/v1' }).streamChat(chatRequest).catch((e: unknown) => e)) as SambaNovaError;
      assert.equal(error.kind, 'network');
      assert.ok(error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN', `code ${error.code}`);
      assert.match(error.userMessage, /could not be resolved/);
    });

    it('server closes the connection before answering (socket hang up) -> network error, retryable', async () => {
      local.handle = (req) => req.socket.destroy();
      const error = (await client().streamChat(chatRequest).catch((e: unknown) => e)) as SambaNovaError;
      assert.equal(error.kind, 'network');
      assert.equal(error.action, 'retry');
      assert.match(error.userMessage, /connection (was reset|closed unexpectedly)/);
    });

    it('connection reset mid-stream -> network error that keeps the partial text', async () => {
      local.handle = (req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(sse(chunk({ content: 'partial ' })));
        setTimeout(() => req.socket.destroy(), 20);
      };
      const { events, onEvent } = collectEvents();
      const error = (await client().streamChat(chatRequest, { onEvent }).catch((e: unknown) => e)) as SambaNovaError;
      assert.ok(error instanceof SambaNovaError, String(error));
      assert.equal(error.kind, 'network');
      assert.equal(error.partialText, 'partial ');
      assert.deepEqual(events, [{ type: 'text', text: 'partial ' }]);
    });

    it('connect timeout when headers never come', async () => {
      local.handle = () => {};
      const error = (await client({ connectTimeoutMs: 150 }).streamChat(chatRequest).catch((e: unknown) => e)) as SambaNovaError;
      assert.equal(error.kind, 'timeout');
    });

    it('stall timeout when bytes stop; what arrived is kept', async () => {
      local.handle = (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(sse(chunk({ content: 'so far' })));
      };
      const started = performance.now();
      const error = (await client({ stallTimeoutMs: 150 }).streamChat(chatRequest).catch((e: unknown) => e)) as SambaNovaError;
      assert.equal(error.kind, 'stalled');
      assert.equal(error.partialText, 'so far');
      assert.ok(performance.now() - started < 2_000);
    });

    it('abort mid-stream: AbortError, and the server sees the connection close (generation stops)', async () => {
      let serverSawClose!: Promise<void>;
      local.handle = (req, res) => {
        serverSawClose = new Promise((resolve) => res.on('close', () => resolve()));
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(sse(chunk({ content: 'first' })));
        void req;
      };
      const controller = new AbortController();
      const error = await client()
        .streamChat(chatRequest, { signal: controller.signal, onEvent: () => setTimeout(() => controller.abort(), 5) })
        .catch((e: unknown) => e);
      assert.ok(isAbortError(error), String(error));
      await serverSawClose;
    });

    it('follows a same-origin 307 redirect with method, body and key', async () => {
      local.handle = (req, res) => {
        if (req.url === '/v1/chat/completions') {
          res.writeHead(307, { location: '/moved/chat/completions' });
          res.end();
        } else void writeSlowly(res, answerParts, 0);
      };
      const result = await client().streamChat(chatRequest);
      assert.equal(result.text, 'Hello, wörld ✓');
      const moved = local.seen[1]!;
      assert.equal(moved.method, 'POST');
      assert.equal(moved.headers.authorization, `Bearer ${KEY}`);
      assert.equal(JSON.parse(moved.body).model, chatRequest.model);
    });

    it('a 307/308 to another origin is not followed with the body: the error says where it pointed', async () => {
      for (const status of [307, 308]) {
        const other = await listen(createServer());
        try {
          other.handle = (_req, res) => void writeSlowly(res, answerParts, 0);
          local.handle = (_req, res) => {
            res.writeHead(status, { location: `${other.url}/v1/chat/completions?token=abc` });
            res.end();
          };
          const error = await client()
            .streamChat({ ...chatRequest, messages: [{ role: 'user', content: 'my secret source file' }] })
            .then(
              () => assert.fail('the redirect was followed'),
              (e: unknown) => e,
            );
          assert.ok(error instanceof SambaNovaError, String(error));
          assert.equal(error.code, 'cross_origin_redirect');
          assert.equal(error.action, 'openSettings');
          assert.ok(error.userMessage.includes(`${other.url}/v1/chat/completions`), error.userMessage);
          assert.ok(!error.userMessage.includes('abc'), 'query values stay out of the message');
          assert.equal(other.seen.length, 0, `${status}: the other server got the conversation`);
        } finally {
          await other.close();
        }
      }
    });

    it('a redirect to another origin that drops the body (GET /models) goes there without the API key', async () => {
      const other = await listen(createServer());
      try {
        other.handle = (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ data: [{ id: 'moved-model' }] }));
        };
        local.handle = (_req, res) => {
          res.writeHead(302, { location: `${other.url}/v1/models` });
          res.end();
        };
        const models = await client().listModels();
        assert.deepEqual(
          models.map((m) => m.id),
          ['moved-model'],
        );
        assert.equal(other.seen[0]!.method, 'GET');
        assert.equal(other.seen[0]!.headers.authorization, undefined);
      } finally {
        await other.close();
      }
    });

    it('an endless error body is read only in part: the error arrives, the server is let go', async () => {
      let written = 0;
      local.handle = (_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        const block = `<p>${'bad gateway '.repeat(1000)}</p>`;
        const pump = (): void => {
          while (!res.destroyed && written < 512 * 1024 * 1024) {
            written += block.length;
            if (!res.write(block)) return void res.once('drain', pump);
          }
        };
        pump();
      };
      const started = Date.now();
      const error = await client({ stallTimeoutMs: 20_000, connectTimeoutMs: 20_000 })
        .streamChat(chatRequest)
        .then(
          () => assert.fail('no error'),
          (e: unknown) => e,
        );
      assert.ok(error instanceof SambaNovaError, String(error));
      assert.equal(error.kind, 'server');
      assert.match(error.serverMessage ?? '', /bad gateway/);
      assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
      assert.ok(written < 64 * 1024 * 1024, `the client read ${written} bytes of an error page`);
    });

    it('a compressed stream that unpacks past 64 MiB is refused, not read to its end', async () => {
      // 80 MiB of SSE comments (which a stream may carry) in ~80 KiB of gzip
      const bomb = gzipSync(Buffer.from(': keep-alive\n'.repeat(80 * 1024 * 1024 / 13)), { level: 9 });
      local.handle = (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' });
        res.end(bomb);
      };
      const error = await client()
        .streamChat(chatRequest)
        .then(
          () => assert.fail('no error'),
          (e: unknown) => e,
        );
      assert.ok(error instanceof SambaNovaError, String(error));
      assert.equal(error.code, 'body_too_large', error.userMessage);
      assert.match(error.userMessage, /64 MiB/);
    });

    it('a JSON answer past 32 MiB is refused, not buffered', async () => {
      const bomb = gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x20), { level: 9 });
      local.handle = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(bomb);
      };
      const error = await client()
        .chat(chatRequest)
        .then(
          () => assert.fail('no error'),
          (e: unknown) => e,
        );
      assert.ok(error instanceof SambaNovaError, String(error));
      assert.equal(error.code, 'body_too_large', error.userMessage);
      assert.match(error.userMessage, /32 MiB/);
    });

    it('decodes a gzip-encoded JSON answer', async () => {
      local.handle = (_req, res) => {
        const body = gzipSync(JSON.stringify({ id: 'x', model: chatRequest.model, choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'zipped ✓' } }] }));
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(body);
      };
      const result = await client().chat(chatRequest);
      assert.equal(result.text, 'zipped ✓');
    });

    it('lists models with GET and no body', async () => {
      local.handle = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: [{ id: 'Meta-Llama-3.3-70B-Instruct', context_length: 131072 }] }));
      };
      const models = await client().listModels();
      assert.deepEqual(
        models.map((m) => m.id),
        ['Meta-Llama-3.3-70B-Instruct'],
      );
      assert.equal(local.seen[0]!.method, 'GET');
      assert.equal(local.seen[0]!.body, '');
    });
  });
}

describe('TLS failures over a real socket', function () {
  this.timeout(15_000);
  let dir: string | undefined;
  let server: Local | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sn-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    } catch (error) {
      // Not a skip: a suite that cannot run must not look green. scripts/setup-tools.sh installs it.
      throw new Error(`the TLS tests need openssl to make their certificate (apt-get install openssl; npm test's tools step does): ${(error as Error).message}`);
    }
    const https = createHttpsServer({ key: readFileSync(join(dir!, 'key.pem')), cert: readFileSync(join(dir!, 'cert.pem')) });
    server = await listen(https as unknown as Server);
    server.url = server.url.replace(/^http:/, 'https:');
  });
  after(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const transportName of ['fetch', 'node'] as const) {
    it(`${transportName}: a self-signed certificate -> network error with the TLS code, fix-it opens settings`, async () => {
      const c = new SambaNovaClient({
        fetch: globalThis.fetch,
        transport: transportName === 'node' ? nodeTransport() : undefined,
        getApiKey: async () => KEY,
        getSettings: () => ({ baseUrl: `${server!.url}/v1`, connectTimeoutMs: 3_000, stallTimeoutMs: 3_000, maxRetries: 0 }),
      });
      const error = (await c.streamChat(chatRequest).catch((e: unknown) => e)) as SambaNovaError;
      assert.equal(error.kind, 'network');
      assert.equal(error.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
      assert.equal(error.action, 'openSettings');
      assert.match(error.userMessage, /self-signed/);
      assert.ok(!error.userMessage.includes(KEY));
    });
  }
});

describe('redirect rules (both transports)', () => {
  const post = { method: 'POST' as const, url: 'https://api.example/v1/chat/completions', headers: { Authorization: 'Bearer k', 'Content-Type': 'application/json' }, body: '{"messages":[]}', signal: new AbortController().signal };

  it('https to http on the same host is another origin: a body is not sent there', () => {
    assert.throws(() => redirectedRequest(post, 308, 'http://api.example/v1/chat/completions', 0), (e: unknown) => e instanceof SambaNovaError && e.code === 'cross_origin_redirect');
    assert.throws(() => redirectedRequest(post, 307, 'https://api.example:8443/v1/chat/completions', 0), /another server/);
  });

  it('same origin keeps method, body and key; 303 to another origin goes as a GET without body or key', () => {
    const same = redirectedRequest(post, 307, '/v2/chat/completions', 0);
    assert.equal(same.url, 'https://api.example/v2/chat/completions');
    assert.equal(same.body, post.body);
    assert.equal(same.headers.Authorization, 'Bearer k');
    const other = redirectedRequest(post, 303, 'https://elsewhere.example/done', 0);
    assert.equal(other.method, 'GET');
    assert.equal(other.body, undefined);
    assert.deepEqual(other.headers, {});
  });

  it('gives up after five redirects', () => {
    assert.throws(() => redirectedRequest(post, 307, '/again', 5), /redirect count exceeded/);
  });
});
