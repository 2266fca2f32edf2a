// How a failed request reads in VS Code's chat (and to extensions using vscode.lm): the same
// sentence the chat panel shows, plus the fix as words, because a LanguageModelError carries no
// button. The code follows LanguageModelError's own names so callers can branch on it.
import type { SambaNovaError } from '../client/errors';

export type LmErrorCode = 'NoPermissions' | 'Blocked' | 'NotFound' | 'Unknown';

const fixes: Partial<Record<NonNullable<SambaNovaError['action']>, string>> = {
  setApiKey: 'Run "SambaNova: Set API Key" (or Manage in the model picker) to fix it.',
  allowKeyHost: 'Allow the key for this host from the SambaNova chat panel or "SambaNova: Set API Key".',
  openSettings: 'Check the "sambanova.*" settings.',
  openBilling: 'Add a payment method at https://cloud.sambanova.ai/plans/billing.',
  chooseModel: 'Pick another SambaNova model.',
  showLog: 'Details are in "SambaNova: Show Log".',
};

export function lmErrorMessage(error: SambaNovaError): string {
  const fix = error.action ? fixes[error.action] : undefined;
  // The sentence may already name the command (the missing-key message does).
  if (!fix || (error.action === 'setApiKey' && error.userMessage.includes('Set API Key'))) return error.userMessage;
  return `${error.userMessage} ${fix}`;
}

export function lmErrorCode(error: SambaNovaError): LmErrorCode {
  switch (error.kind) {
    case 'auth':
      return 'NoPermissions';
    case 'billing':
    case 'rateLimited':
      return 'Blocked';
    case 'modelNotFound':
      return 'NotFound';
    default:
      return 'Unknown';
  }
}

/** Tool arguments are model output: JSON that must be an object, or the call is refused. */
export function parseToolArguments(text: string): { ok: true; value: Record<string, unknown> } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
  } catch {
    // Falls through.
  }
  return { ok: false };
}

/**
 * Whether the extension that asked (VS Code's `requestInitiator`) prints an error's stack after
 * its message. GitHub Copilot Chat, which runs VS Code's Agent and Ask modes, does: its chat
 * showed our sentence followed by a JavaScript stack trace (issue 16).
 */
export function printsErrorStacks(initiator: string | undefined): boolean {
  return initiator !== undefined && initiator.toLowerCase() === 'github.copilot-chat';
}
