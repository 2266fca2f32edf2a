// Every fault yields the right typed error: kind, action, and a sentence that says what happened.
import assert from 'node:assert/strict';
import type { ErrorKind, FixAction } from '../../../src/core/client/errors';
import { SambaNovaError } from '../../../src/core/client/errors';
import { parseErrorBody, parseRetryAfter } from '../../../src/core/client/httpErrors';
import { chatRequest, chunk, collectEvents, fixture, makeClient, sse, usageChunk, type FakeReply } from './helpers';

const docs = JSON.parse(fixture('from-docs/FROM-DOCS_error-responses_chat-completions_openapi.json'));
const json = (body: unknown) => JSON.stringify(body);
const JSON_HEADERS = { 'content-type': 'application/json' };

interface Case {
  name: string;
  reply: FakeReply;
  kind: ErrorKind;
  action: FixAction;
  says: RegExp;
  status?: number;
  requestId?: string;
  code?: string;
}

const contextText = fixture('captured/litellm-repr_context-length-error-and-responses_Llama-3.1-405B_2024-11.txt')
  .split('\n')
  .find((l) => l.includes('maximum context length'))!
  .replace(/^.*SambanovaException - /, '');

const cases: Case[] = [
  {
    name: '400 context_length_exceeded (real message)',
    reply: { status: 400, headers: JSON_HEADERS, body: json({ error: { message: contextText, type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' }, request_id: 'abc123' }) },
    kind: 'contextTooLong',
    action: 'newChat',
    says: /too long for "Meta-Llama-3.3-70B-Instruct" \(.*8,192 tokens\)/,
    requestId: 'abc123',
    code: 'context_length_exceeded',
  },
  {
    name: '400 documented empty_messages',
    reply: { status: 400, headers: JSON_HEADERS, body: json(docs['400'].examples['application/json'].empty_messages) },
    kind: 'badRequest',
    action: 'openSettings',
    says: /rejected the request \(400\)\. The server said: "Invalid 'messages': empty array/,
    requestId: 'd79vdot7os633dverihg',
    code: 'empty_array',
  },
  {
    name: '400 simple {"error": "text"}',
    reply: { status: 400, headers: JSON_HEADERS, body: json(docs['400'].examples['application/json'].simple) },
    kind: 'badRequest',
    action: 'openSettings',
    says: /"Unhandled error"/,
  },
  {
    name: '400 text/plain body',
    reply: { status: 400, headers: { 'content-type': 'text/plain' }, body: docs['400'].schema_example['text/plain'] },
    kind: 'badRequest',
    action: 'openSettings',
    says: /Invalid request body: {2}- missing property 'model'/,
  },
  { name: '422 text/plain', reply: { status: 422, headers: { 'content-type': 'text/plain' }, body: 'Unprocessable Entity' }, kind: 'badRequest', action: 'openSettings', says: /422.*Unprocessable Entity/ },
  {
    name: '401 invalid key (documented)',
    reply: { status: 401, headers: { ...JSON_HEADERS, 'x-request-id': 'hdr-1' }, body: json(docs['401'].examples['application/json'].invalid_api_key) },
    kind: 'auth',
    action: 'setApiKey',
    says: /^api\.sambanova\.ai rejected the API key \(401\)/,
    requestId: 'd79vcq57os633dverhi0',
  },
  { name: '401 empty body, request id from header', reply: { status: 401, headers: { 'x-request-id': 'hdr-2' }, body: '' }, kind: 'auth', action: 'setApiKey', says: /rejected the API key/, requestId: 'hdr-2' },
  { name: '403', reply: { status: 403, body: '' }, kind: 'auth', action: 'setApiKey', says: /refused access.*\(403\)/ },
  {
    name: '402 payment required',
    reply: { status: 402, headers: JSON_HEADERS, body: json({ error: { message: 'A payment method is required. Add one at https://cloud.sambanova.ai/plans/billing to continue.', code: 'PAYMENT_METHOD_REQUIRED' } }) },
    kind: 'billing',
    action: 'openBilling',
    says: /payment method/,
  },
  {
    name: '404 model_not_found (documented)',
    reply: { status: 404, headers: JSON_HEADERS, body: json(docs['404'].examples['application/json'].model_not_found) },
    kind: 'modelNotFound',
    action: 'chooseModel',
    says: /"Meta-Llama-3.3-70B-Instruct" does not exist on api\.sambanova\.ai/,
  },
  { name: '404 wrong endpoint {"error":"Not found"}', reply: { status: 404, headers: JSON_HEADERS, body: json({ error: 'Not found' }) }, kind: 'badRequest', action: 'openSettings', says: /no such endpoint.*base URL/ },
  {
    name: '410 deprecated model',
    reply: { status: 410, headers: JSON_HEADERS, body: json({ error: { message: 'The requested model (DeepSeek-R1-Distill-Llama-70B) is not available on SambaNova Cloud.', code: 'model_deprecated' } }) },
    kind: 'modelNotFound',
    action: 'chooseModel',
    says: /no longer available/,
  },
  { name: '408', reply: { status: 408, body: '' }, kind: 'timeout', action: 'retry', says: /timed out.*408/ },
  { name: '429 retry-after seconds', reply: { status: 429, headers: { 'retry-after': '3' }, body: json({ error: { message: 'Rate limit exceeded', code: 'rate_limit_exceeded' } }) }, kind: 'rateLimited', action: 'retry', says: /rate limit.*wait 3 s/ },
  { name: '500 text/plain', reply: { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' }, kind: 'server', action: 'retry', says: /server error \(500\).*Internal Server Error/ },
  { name: '503 documented', reply: { status: 503, headers: { 'content-type': 'text/plain' }, body: docs['503'].schema_example['text/plain'] }, kind: 'server', action: 'retry', says: /503.*Service Temporarily Unavailable/ },
  { name: '502 HTML from a proxy', reply: { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><head><style>x{}</style></head><body><h1>502 Bad Gateway</h1></body></html>' }, kind: 'server', action: 'retry', says: /said: "502 Bad Gateway"/ },
  {
    name: 'connection refused',
    reply: { reject: Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }) }) },
    kind: 'network',
    action: 'retry',
    says: /connection to api\.sambanova\.ai failed: the connection was refused.*base URL.*proxy/,
  },
  {
    name: 'DNS failure',
    reply: { reject: Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.sambanova.ai'), { code: 'ENOTFOUND' }) }) },
    kind: 'network',
    action: 'openSettings',
    says: /could not be resolved \(DNS\)/,
  },
  {
    name: 'TLS failure',
    reply: { reject: Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }) }) },
    kind: 'network',
    action: 'openSettings',
    says: /TLS certificate chain is self-signed/,
  },
  {
    name: 'fetch failure without a system code: the innermost message',
    reply: { reject: Object.assign(new TypeError('fetch failed'), { cause: new Error('bad port') }) },
    kind: 'network',
    action: 'retry',
    says: /failed: bad port\./,
  },
  {
    name: 'reset mid-stream before any token',
    reply: { body: ': hello\n\n', failAfterBody: Object.assign(new TypeError('terminated'), { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }) },
    kind: 'network',
    action: 'retry',
    says: /connection was reset/,
  },
  { name: 'truncated JSON at the end', reply: { body: 'data: {"choices":[{"delta":{"content":"Hel' }, kind: 'protocol', action: 'retry', says: /malformed chunk/ },
  { name: 'stream ends without [DONE] or finish', reply: { body: sse(chunk({ content: 'Hel' })) }, kind: 'protocol', action: 'retry', says: /ended before it was complete/ },
  { name: 'chunk of the wrong shape', reply: { body: sse({ choices: 'nope' }) }, kind: 'protocol', action: 'retry', says: /unexpected shape/ },
  { name: 'event: error', reply: { body: 'event: error\ndata: {"error":{"message":"model crashed","type":"server_error"}}\n\n' }, kind: 'protocol', action: 'retry', says: /middle of the answer.*model crashed/ },
  { name: 'event: error_event with text data', reply: { body: 'event: error_event\ndata: queue overloaded\n\n' }, kind: 'protocol', action: 'retry', says: /queue overloaded/ },
  { name: 'data: {"error": {...}} mid-stream', reply: { body: sse(chunk({ content: 'Hi' }), { error: { message: 'boom', type: 'server_error' } }) }, kind: 'protocol', action: 'retry', says: /boom/ },
  { name: 'data: {"error": "text"} mid-stream', reply: { body: sse(chunk({ content: 'Hi' }), { error: 'string error' }) }, kind: 'protocol', action: 'retry', says: /string error/ },
  { name: 'mid-stream context error', reply: { body: sse({ error: { message: 'too long', code: 'context_length_exceeded' } }) }, kind: 'contextTooLong', action: 'newChat', says: /too long/ },
];

describe('error mapping', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const { client } = makeClient([c.reply], { maxRetries: 0 });
      const error = await client.streamChat(chatRequest).then(
        () => assert.fail('should reject'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof SambaNovaError, `not a SambaNovaError: ${String(error)}`);
      assert.equal(error.kind, c.kind);
      assert.equal(error.action, c.action);
      assert.match(error.userMessage, c.says);
      if (c.requestId) assert.equal(error.requestId, c.requestId);
      if (c.code) assert.equal(error.code, c.code);
    });
  }

  it('keeps what streamed before a mid-stream error', async () => {
    const { client } = makeClient([{ body: sse(chunk({ content: 'Hello ' }), chunk({ content: 'wor' }), { error: { message: 'boom' } }) }]);
    const { events, onEvent } = collectEvents();
    const error = (await client.streamChat(chatRequest, { onEvent }).catch((e: unknown) => e)) as SambaNovaError;
    assert.equal(error.partialText, 'Hello wor');
    assert.deepEqual(events, [
      { type: 'text', text: 'Hello ' },
      { type: 'text', text: 'wor' },
    ]);
  });

  it('a stream without [DONE] is complete when finish and usage arrived (logged as a warning)', async () => {
    const { client, log } = makeClient([{ body: sse(chunk({ content: 'ok' }), chunk({}, 'stop'), usageChunk()) }]);
    const result = await client.streamChat(chatRequest);
    assert.equal(result.text, 'ok');
    assert.ok(log.lines.some((l) => l.startsWith('warn') && l.includes('without [DONE]')));
  });

  it('no key: an auth error without any request', async () => {
    const { client, requests } = makeClient([{ body: '' }], { key: undefined });
    const error = (await client.streamChat(chatRequest).catch((e: unknown) => e)) as SambaNovaError;
    assert.equal(error.kind, 'auth');
    assert.equal(error.action, 'setApiKey');
    assert.match(error.userMessage, /No SambaNova API key is set/);
    assert.equal(requests.length, 0);
  });

  it('bad settings: a config error without any request', async () => {
    const { client, requests, activity } = makeClient([{ body: '' }], { baseUrl: 'ftp://x' });
    const error = (await client.streamChat(chatRequest).catch((e: unknown) => e)) as SambaNovaError;
    assert.equal(error.kind, 'config');
    assert.equal(requests.length, 0);
    assert.equal(activity.at(-1)?.kind, 'error');
  });

  it('parseErrorBody handles every shape', () => {
    assert.deepEqual(parseErrorBody(''), {});
    assert.deepEqual(parseErrorBody('{"error":"x"}'), { message: 'x', requestId: undefined });
    assert.deepEqual(parseErrorBody('{"error":{"message":"m","type":"t","param":null,"code":null},"request_id":"r"}'), {
      message: 'm',
      type: 't',
      code: undefined,
      param: undefined,
      requestId: 'r',
    });
    assert.deepEqual(parseErrorBody('{not json'), { message: '{not json' });
    assert.equal(parseErrorBody('x'.repeat(2000)).message!.length, 503);
  });

  it('parseRetryAfter reads ms, seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), now), 1500);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': '2' }), now), 2000);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now), 5000);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now), undefined);
    assert.equal(parseRetryAfter(new Headers({}), now), undefined);
  });
});
