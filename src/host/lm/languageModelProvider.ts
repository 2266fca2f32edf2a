// SambaNova's models in VS Code's model picker and for every extension that calls
// vscode.lm.selectChatModels. Thin: the mapping lives in src/core/lm; requests go through the
// shared client, so the key, the status bar's live rate and the log work as for the chat panel.
import * as vscode from 'vscode';
import { isAbortError } from '../../core/client/errors';
import { lmErrorCode, lmErrorMessage, parseToolArguments } from '../../core/lm/lmErrors';
import { estimateMessageTokens, toChatMessages, toToolDefinitions } from '../../core/lm/messages';
import { templateFamily } from '../../core/lm/modelFamily';
import { toLmModelInfo, toLmModelInfos, type LmModelInfo } from '../../core/lm/modelInfo';
import { samplingFor } from '../../core/lm/requestOptions';
import { estimateTextTokens, templateOverhead } from '../../core/lm/tokenEstimate';
import type { ModelInfo } from '../../core/client/types';
import { toSambaNovaError } from '../errorUi';
import type { Services } from '../services';
import { toAbortSignal } from '../abortSignal';
import { toLmMessage } from './vscodeParts';

export const VENDOR = 'sambanova';

type Info = LmModelInfo & vscode.LanguageModelChatInformation;

export class SambaNovaChatProvider implements vscode.LanguageModelChatProvider<Info>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private baseUrl: string | undefined;
  /** The last list this base URL gave, answered when a later refresh fails (offline, 401, 429). */
  private lastKnown: { baseUrl: string; infos: Info[] } | undefined;

  constructor(private readonly services: Services) {
    // A new key or endpoint means another model list: ask VS Code to fetch it again.
    this.subscriptions.push(
      services.keys.onDidChange(() => this.changed.fire()),
      services.config.onDidChange((config) => {
        if (config.baseUrl === this.baseUrl) return;
        this.baseUrl = config.baseUrl;
        this.changed.fire();
      }),
    );
  }

  async provideLanguageModelChatInformation(options: vscode.PrepareLanguageModelChatModelOptions, token: vscode.CancellationToken): Promise<Info[]> {
    const { services } = this;
    this.baseUrl = services.config.get().baseUrl;
    // Without a key nothing is offered and nothing is sent. VS Code asks silently whenever an
    // extension lists models; only an explicit request (silent: false) may ask the user.
    if (!(await services.keys.get())) {
      if (options.silent || token.isCancellationRequested) return [];
      await vscode.commands.executeCommand('sambanova.setApiKey');
      if (!(await services.keys.get())) return [];
    }
    const abort = toAbortSignal(token);
    try {
      const models = await services.client.listModels({ signal: abort.signal, interactive: !options.silent });
      const infos = (models.length > 0 ? toLmModelInfos(models) : configuredModelOnly(services.config.get().model)) as Info[];
      services.log.info(`Offering ${infos.length} SambaNova models to VS Code's chat (silent=${options.silent}).`);
      this.lastKnown = { baseUrl: this.baseUrl, infos };
      return infos;
    } catch (error) {
      if (isAbortError(error)) return [];
      const err = toSambaNovaError(error);
      // Keep offering what this endpoint offered before: a request then fails with the same
      // sentence and fix the chat panel shows, instead of the models silently vanishing.
      const known = this.lastKnown?.baseUrl === this.baseUrl ? this.lastKnown.infos : [];
      services.log.warn(`Could not list models for VS Code's chat (${known.length} known kept): ${err.userMessage}`);
      if (!options.silent) void vscode.window.showErrorMessage(lmErrorMessage(err));
      return known;
    } finally {
      abort.dispose();
    }
  }

  async provideLanguageModelChatResponse(
    model: Info,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const { services } = this;
    // Newer VS Code names the extension that asked ("core" for its own chat view).
    const initiator = (options as { requestInitiator?: unknown }).requestInitiator;
    const tools = toToolDefinitions(options.tools);
    services.log.info(
      `Language model request for ${model.id} from ${typeof initiator === 'string' && initiator ? initiator : 'an extension VS Code did not name'}: ` +
        `${messages.length} messages, ${tools?.length ?? 0} tools.`,
    );
    const abort = toAbortSignal(token);
    try {
      await services.client.streamChat(
        {
          model: model.id,
          messages: toChatMessages(messages.map(toLmMessage), { imageInput: model.capabilities.imageInput === true }),
          params: samplingFor(services.config.get().params, options.modelOptions),
          tools,
          toolChoice: tools ? (options.toolMode === vscode.LanguageModelChatToolMode.Required ? 'required' : 'auto') : undefined,
          source: 'languageModel',
        },
        {
          signal: abort.signal,
          onEvent: (event) => {
            if (token.isCancellationRequested) return;
            if (event.type === 'text' && event.text) progress.report(new vscode.LanguageModelTextPart(event.text));
            else if (event.type === 'toolCall') progress.report(this.toolCallPart(event.call));
          },
        },
      );
    } catch (error) {
      // Cancellation is not an error: VS Code already knows.
      if (isAbortError(error) || token.isCancellationRequested) return;
      throw toLanguageModelError(error);
    } finally {
      abort.dispose();
    }
  }

  private toolCallPart(call: { id: string; name: string; arguments: string }): vscode.LanguageModelToolCallPart {
    const parsed = parseToolArguments(call.arguments);
    if (!parsed.ok) {
      this.services.log.warn(`The model called ${call.name} with arguments that are not a JSON object (${call.arguments.length} characters).`);
      throw new vscode.LanguageModelError(`The model called the tool "${call.name}" with arguments that are not valid JSON. Try again.`);
    }
    return new vscode.LanguageModelToolCallPart(call.id, call.name, parsed.value);
  }

  async provideTokenCount(model: Info, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    if (typeof text === 'string') return estimateTextTokens(text);
    return estimateMessageTokens(toLmMessage(text), templateOverhead(templateFamily(model.id)));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

/** SambaStudio endpoints have no model list: offer the configured model with safe limits. */
function configuredModelOnly(id: string): LmModelInfo[] {
  const info = toLmModelInfo({ id } satisfies ModelInfo);
  return info ? [info] : [];
}

/** The chat panel's sentence for the failure, as the error VS Code and other extensions expect. */
export function toLanguageModelError(error: unknown): vscode.LanguageModelError {
  const err = toSambaNovaError(error);
  const message = lmErrorMessage(err);
  switch (lmErrorCode(err)) {
    case 'NoPermissions':
      return vscode.LanguageModelError.NoPermissions(message);
    case 'Blocked':
      return vscode.LanguageModelError.Blocked(message);
    case 'NotFound':
      return vscode.LanguageModelError.NotFound(message);
    default:
      return new vscode.LanguageModelError(message);
  }
}
