// VS Code's CancellationToken -> the AbortSignal our client takes, for every host adapter
// (inline completion, the language-model provider, the @sambanova participant). Dispose when the
// request is over so the token's listener does not outlive it.
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
