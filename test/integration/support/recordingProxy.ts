// A pass-through HTTP proxy that remembers which requests reached it (method, path, model), so a
// test can prove where the extension sent its next request. It never keeps the Authorization
// header's value, only whether one was sent and its SHA-256 (so a test can tell which key came).
import { createHash } from 'node:crypto';
import * as http from 'node:http';

export interface RecordedRequest {
  method: string;
  path: string;
  model?: string;
  stream?: boolean;
  hadAuthorization: boolean;
  /** SHA-256 (hex) of the Authorization header, when there was one. */
  authorizationSha256?: string;
}

/** What authorizationSha256 is for a request carrying `key`. */
export function bearerSha256(key: string): string {
  return createHash('sha256').update(`Bearer ${key}`).digest('hex');
}

export interface RecordingProxy {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let parsed: { model?: unknown; stream?: unknown } = {};
      try {
        parsed = body.length ? (JSON.parse(body.toString('utf8')) as typeof parsed) : {};
      } catch {
        // Not JSON: record the path only.
      }
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        model: typeof parsed.model === 'string' ? parsed.model : undefined,
        stream: typeof parsed.stream === 'boolean' ? parsed.stream : undefined,
        hadAuthorization: typeof req.headers.authorization === 'string',
        authorizationSha256:
          typeof req.headers.authorization === 'string' ? createHash('sha256').update(req.headers.authorization).digest('hex') : undefined,
      });
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', (err) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: ${err.message}`);
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
