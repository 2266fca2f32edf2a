// Errors are shown once, at the edge: one message, one fix-it action.
import * as vscode from 'vscode';
import { fixActionLabels, isAbortError, SambaNovaError, type FixAction } from '../core/client/errors';

export const BILLING_URL = 'https://cloud.sambanova.ai/plans/billing';

/**
 * The command a fix-it action runs, for anything clickable (a notification button, the status
 * bar). Retry has none: only the caller knows what to repeat.
 */
export function fixActionCommand(action: FixAction): vscode.Command | undefined {
  const title = fixActionLabels[action];
  switch (action) {
    case 'setApiKey':
      return { title, command: 'sambanova.setApiKey' };
    case 'allowKeyHost':
      return { title, command: 'sambanova.allowKeyHost' };
    case 'chooseModel':
      return { title, command: 'sambanova.selectModel' };
    case 'openBilling':
      // vscode.open hands http(s) links to the browser.
      return { title, command: 'vscode.open', arguments: [vscode.Uri.parse(BILLING_URL)] };
    case 'openSettings':
      return { title, command: 'workbench.action.openSettings', arguments: ['sambanova'] };
    case 'showLog':
      return { title, command: 'sambanova.showLog' };
    case 'newChat':
      return { title, command: 'sambanova.newChat' };
    case 'retry':
      return undefined;
  }
}

/** Runs a fix-it action. Retry is the caller's business, so it is not handled here. */
export async function runFixAction(action: FixAction): Promise<void> {
  const command = fixActionCommand(action);
  if (command) await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

export function toSambaNovaError(error: unknown): SambaNovaError {
  if (error instanceof SambaNovaError) return error;
  return new SambaNovaError({
    kind: 'protocol',
    userMessage: `Something unexpected went wrong: ${error instanceof Error ? error.message : String(error)}`,
    action: 'showLog',
    cause: error,
  });
}

/**
 * Shows an error with its fix-it action. Returns true when the user chose Retry, so the caller
 * can repeat what failed. Cancellation is not an error and shows nothing.
 */
export async function showError(error: unknown, prefix?: string): Promise<boolean> {
  if (isAbortError(error)) return false;
  const e = toSambaNovaError(error);
  const action = e.action;
  const buttons = action ? [fixActionLabels[action]] : [];
  const text = prefix ? `${prefix}: ${e.userMessage}` : e.userMessage;
  const choice = await vscode.window.showErrorMessage(text, ...buttons);
  if (!action || choice !== fixActionLabels[action]) return false;
  if (action === 'retry') return true;
  await runFixAction(action);
  return false;
}
