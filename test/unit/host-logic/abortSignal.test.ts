// toAbortSignal (src/host/abortSignal.ts) imports only vscode's types, so it runs here against a
// minimal CancellationToken of our own: what matters is the signal follows the token and the
// listener goes away on dispose.
import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { toAbortSignal } from '../../../src/host/abortSignal';

function token(cancelled = false) {
  const listeners = new Set<() => void>();
  const t = {
    isCancellationRequested: cancelled,
    onCancellationRequested: (listener: () => void) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
  const cancel = () => {
    t.isCancellationRequested = true;
    for (const l of [...listeners]) l();
  };
  return { token: t as unknown as vscode.CancellationToken, cancel, listeners };
}

describe('toAbortSignal', () => {
  it('aborts when the token is cancelled, and not before', () => {
    const t = token();
    const abort = toAbortSignal(t.token);
    assert.equal(abort.signal.aborted, false);
    t.cancel();
    assert.equal(abort.signal.aborted, true);
    abort.dispose();
  });

  it('is already aborted for a token cancelled before the call', () => {
    const abort = toAbortSignal(token(true).token);
    assert.equal(abort.signal.aborted, true);
    abort.dispose();
  });

  it('removes its listener on dispose, so a later cancellation no longer reaches it', () => {
    const t = token();
    const abort = toAbortSignal(t.token);
    assert.equal(t.listeners.size, 1);
    abort.dispose();
    assert.equal(t.listeners.size, 0);
    t.cancel();
    assert.equal(abort.signal.aborted, false);
  });
});
