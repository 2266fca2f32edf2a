// SambaNova in VS Code's own chat: the language-model provider, its "Manage" command and the
// @sambanova participant. activate() calls registerLanguageModels once.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { testHooksEnabled } from '../testHooks';
import { SambaNovaChatProvider, VENDOR } from './languageModelProvider';
import { USE_AS_AGENT_COMMAND, useAsVSCodeAgent } from './agentSetupCommand';
import { MANAGE_COMMAND, manageLanguageModels } from './manageCommand';
import { answer, registerParticipant } from './participant';

export function registerLanguageModels(services: Services): vscode.Disposable {
  const disposables: vscode.Disposable[] = [
    vscode.commands.registerCommand(MANAGE_COMMAND, () => manageLanguageModels(services)),
    vscode.commands.registerCommand(USE_AS_AGENT_COMMAND, () => useAsVSCodeAgent(services)),
  ];
  // VS Code before 1.104 has no provider API; the rest of the extension works without it.
  if (typeof vscode.lm?.registerLanguageModelChatProvider === 'function') {
    const provider = new SambaNovaChatProvider(services);
    disposables.push(provider, vscode.lm.registerLanguageModelChatProvider(VENDOR, provider));
  }
  if (typeof vscode.chat?.createChatParticipant === 'function') disposables.push(registerParticipant(services));
  // Labelled so the production build drops the whole block (esbuild dropLabels, see src/host/testHooks.ts).
  TEST_HOOKS: if (testHooksEnabled()) {
    // Integration tests drive the participant's handler with the extension's own classes (a copy
    // bundled into the tests would not recognise the client's errors).
    const surface: ParticipantTestSurface = { answer: (request, context, stream, token) => answer(services, request, context, stream, token) };
    disposables.push(vscode.commands.registerCommand('sambanova.lm.testSurface', () => surface));
  }
  return vscode.Disposable.from(...disposables);
}

export interface ParticipantTestSurface {
  answer(request: vscode.ChatRequest, context: vscode.ChatContext, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult>;
}
