// CancellationToken -> AbortSignal, in one place. Dispose when the request is over so the
// token's listener does not outlive it.
import type * as vscode from 'vscode';

export interface DisposableAbort {
  readonly signal: AbortSignal;
  dispose(): void;
}

export function toAbortSignal(token: vscode.CancellationToken): DisposableAbort {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const listener = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => listener.dispose() };
}
