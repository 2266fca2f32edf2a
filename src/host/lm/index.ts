// SambaNova in VS Code's own chat: the language-model provider, its "Manage" command and the
// @sambanova participant. activate() calls registerLanguageModels once.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { SambaNovaChatProvider, VENDOR } from './languageModelProvider';
import { MANAGE_COMMAND, manageLanguageModels } from './manageCommand';

export function registerLanguageModels(services: Services): vscode.Disposable {
  const disposables: vscode.Disposable[] = [vscode.commands.registerCommand(MANAGE_COMMAND, () => manageLanguageModels(services))];
  // VS Code before 1.104 has no provider API; the rest of the extension works without it.
  if (typeof vscode.lm?.registerLanguageModelChatProvider === 'function') {
    const provider = new SambaNovaChatProvider(services);
    disposables.push(provider, vscode.lm.registerLanguageModelChatProvider(VENDOR, provider));
  }
  return vscode.Disposable.from(...disposables);
}
