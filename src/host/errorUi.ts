// Errors are shown once, at the edge: one message, one fix-it action.
import * as vscode from 'vscode';
import { fixActionLabels, isAbortError, SambaNovaError, type FixAction } from '../core/errors';

export const BILLING_URL = 'https://cloud.sambanova.ai/plans/billing';

/** Runs a fix-it action. Retry is the caller's business, so it is not handled here. */
export async function runFixAction(action: FixAction): Promise<void> {
  switch (action) {
    case 'setApiKey':
      await vscode.commands.executeCommand('sambanova.setApiKey');
      break;
    case 'allowKeyHost':
      await vscode.commands.executeCommand('sambanova.allowKeyHost');
      break;
    case 'chooseModel':
      await vscode.commands.executeCommand('sambanova.selectModel');
      break;
    case 'openBilling':
      await vscode.env.openExternal(vscode.Uri.parse(BILLING_URL));
      break;
    case 'openSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'sambanova');
      break;
    case 'showLog':
      await vscode.commands.executeCommand('sambanova.showLog');
      break;
    case 'newChat':
      await vscode.commands.executeCommand('sambanova.newChat');
      break;
    case 'retry':
      break;
  }
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
