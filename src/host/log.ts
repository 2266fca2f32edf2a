// The one log host code writes to. Every line passes the redactor (src/core/client/redact.ts) with the
// keys this window has seen; the raw output channel stays inside this function, so nothing can
// write around the scrubbing.
import type * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { redactingLogger } from '../core/client/redact';

export interface HostLog extends Logger {
  /** Reveals the "SambaNova" output channel. */
  show(preserveFocus?: boolean): void;
}

export function hostLog(channel: vscode.LogOutputChannel, secrets: () => readonly string[]): HostLog {
  const log = redactingLogger(channel, secrets);
  return { ...log, show: (preserveFocus) => channel.show(preserveFocus) };
}
