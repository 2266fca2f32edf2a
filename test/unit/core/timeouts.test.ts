// Small real timeouts (tens of ms): the client's timers are real, its waits between retries are injected.
import assert from 'node:assert/strict';
import { SambaNovaError, isAbortError } from '../../../src/core/client/errors';
import { chatRequest, chunk, collectEvents, makeClient, sse } from './helpers';

/** An AbortSignal that counts its listeners, to prove every one is removed. */
function countingSignal(controller: AbortController): { signal: AbortSignal; live: () => number } {
  const signal = controller.signal;
  let live = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  const listeners = new Set<unknown>();
  signal.addEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) => {
    if (!listeners.has(listener)) {
      listeners.add(listener);
      live++;
    }
    add(type, listener, options);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions) => {
    if (listeners.delete(listener)) live--;
    remove(type, listener, options);
  }) as typeof signal.removeEventListener;
  return { signal, live: () => live };
}

describe('timeouts and cancellation', () => {
  it('connect timeout: no headers in time -> timeout error, retried once', async () => {
    const { client, requests } = makeClient([{ hangHeaders: true }], { connectTimeoutMs: 30 });
    const error = (await client.streamChat(chatRequest).catch((e: unknown) => e)) as SambaNovaError;
    assert.ok(error instanceof SambaNovaError);
    assert.equal(error.kind, 'timeout');
    assert.equal(error.action, 'retry');
    assert.match(error.userMessage, /did not answer within 30 ms/);
    assert.equal(requests.length, 2);
  });

  it('stall: bytes stop mid-answer -> stalled error with the partial text kept', async () => {
    const { client, requests } = makeClient([{ body: sse(chunk({ content: 'partial ' }), chunk({ content: 'answer' })), hangAfterBody: true }], { stallTimeoutMs: 40 });
    const { events, onEvent } = collectEvents();
    const started = performance.now();
    const error = (await client.streamChat(chatRequest, { onEvent }).catch((e: unknown) => e)) as SambaNovaError;
    assert.equal(error.kind, 'stalled');
    assert.equal(error.partialText, 'partial answer');
    assert.match(error.userMessage, /stopped for 40 ms; what arrived is kept/);
    assert.equal(events.length, 2);
    assert.equal(requests.length, 1, 'no retry after text arrived');
    assert.ok(performance.now() - started < 1000);
  });

  it('a slow but steady stream does not stall', async () => {
    const parts: string[] = [];
    for (let i = 0; i < 6; i++) parts.push(sse(chunk({ content: `${i}` })));
    parts.push(sse(chunk({}, 'stop'), '[DONE]'));
    let n = 0;
    const { client } = makeClient(
      [
        {
          body: parts,
        },
      ],
      {
        stallTimeoutMs: 60,
        deps: {
          // Each read 25 ms apart: total 175 ms, well over the stall timeout, but never idle that long.
          fetch: (async () => {
            const stream = new ReadableStream<Uint8Array>({
              async pull(c) {
                await new Promise((r) => setTimeout(r, 25));
                if (n < parts.length) c.enqueue(new TextEncoder().encode(parts[n++]));
                else c.close();
              },
            });
            return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
          }) as typeof fetch,
        },
      },
    );
    const result = await client.streamChat(chatRequest);
    assert.equal(result.text, '012345');
  });

  it('abort mid-stream: AbortError, partial text delivered by events, cancelled activity, listeners removed', async () => {
    const controller = new AbortController();
    const { signal, live } = countingSignal(controller);
    const { client, activity } = makeClient([{ body: sse(chunk({ content: 'so far' })), hangAfterBody: true }]);
    const { events, onEvent } = collectEvents();
    const pending = client.streamChat(chatRequest, {
      signal,
      onEvent: (e) => {
        onEvent(e);
        setTimeout(() => controller.abort(), 5);
      },
    });
    const error = await pending.catch((e: unknown) => e);
    assert.ok(isAbortError(error), `expected AbortError, got ${String(error)}`);
    assert.deepEqual(events, [{ type: 'text', text: 'so far' }]);
    assert.equal(activity.at(-1)?.kind, 'cancelled');
    assert.equal(live(), 0, 'every listener added to the caller signal was removed');
  });

  it('abort while waiting to retry', async () => {
    const controller = new AbortController();
    const { client } = makeClient([{ status: 429, headers: { 'retry-after': '30' }, body: '' }], {
      deps: {
        sleep: (_ms, signal) =>
          new Promise((_, reject) => {
            controller.abort();
            signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })), { once: true });
            if (signal?.aborted) reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
          }),
      },
    });
    const error = await client.streamChat(chatRequest, { signal: controller.signal }).catch((e: unknown) => e);
    assert.ok(isAbortError(error));
  });

  it('already-aborted signal: no request at all', async () => {
    const { client, requests } = makeClient([{ body: '' }]);
    const error = await client.streamChat(chatRequest, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    assert.ok(isAbortError(error));
    assert.equal(requests.length, 0);
  });

  it('completed requests leave no listener on the caller signal', async () => {
    const controller = new AbortController();
    const { signal, live } = countingSignal(controller);
    const { client } = makeClient([{ body: sse(chunk({ content: 'x' }), chunk({}, 'stop'), '[DONE]') }]);
    await client.streamChat(chatRequest, { signal });
    await client.chat(chatRequest, { signal }).catch(() => {});
    assert.equal(live(), 0);
  });
});
