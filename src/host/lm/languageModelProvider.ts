// SambaNova's models in VS Code's model picker and for every extension that calls
// vscode.lm.selectChatModels. Thin: the mapping lives in src/core/lm; requests go through the
// shared client, so the key, the status bar's live rate and the log work as for the chat panel.
import * as vscode from 'vscode';
import { isAbortError } from '../../core/client/errors';
import { checkContextFit } from '../../core/lm/contextFit';
import { lmErrorCode, lmErrorMessage, parseToolArguments, printsErrorStacks, type LmErrorCode } from '../../core/lm/lmErrors';
import { estimateMessageTokens, toChatMessages, toToolDefinitions } from '../../core/lm/messages';
import { templateFamily } from '../../core/lm/modelFamily';
import { toLmModelInfo, toLmModelInfos, type LmModelInfo } from '../../core/lm/modelInfo';
import { agentParams, samplingFor } from '../../core/lm/requestOptions';
import { TOOL_CALLING_SETTING, type ToolCallingOverrides } from '../../core/lm/toolSupport';
import { estimateTextTokens, templateOverhead } from '../../core/lm/tokenEstimate';
import type { ModelInfo, Usage } from '../../core/client/types';
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
  /** Logged once per change, not on every silent refresh. */
  private lastNotInAgentMode: string | undefined;

  constructor(private readonly services: Services) {
    // A new key or endpoint means another model list: ask VS Code to fetch it again.
    this.subscriptions.push(
      services.keys.onDidChange(() => this.changed.fire()),
      services.config.onDidChange((config) => {
        if (config.baseUrl === this.baseUrl) return;
        this.baseUrl = config.baseUrl;
        this.changed.fire();
      }),
      // Which models offer tools (and so appear in Agent mode) follows the user's override.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(TOOL_CALLING_SETTING)) this.changed.fire();
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
      const overrides = toolCallingOverrides();
      const infos = (models.length > 0 ? toLmModelInfos(models, overrides) : configuredModelOnly(services.config.get().model, overrides)) as Info[];
      services.log.info(`Offering ${infos.length} SambaNova models to VS Code's chat (silent=${options.silent}).`);
      // VS Code 1.139 shows a model's tooltip in none of the places a model without tools is
      // listed, so the reason a model is missing from Agent mode is said here too.
      const withoutTools = infos.filter((info) => info.capabilities.toolCalling === undefined).map((info) => `${info.id} (${info.tooltip.split('\n').pop()?.replace(/^Tools \(Agent mode\): (not offered: )?/, '')})`);
      const notInAgentMode = withoutTools.length ? `Not in Agent mode: ${withoutTools.join('; ')}.` : undefined;
      if (notInAgentMode && notInAgentMode !== this.lastNotInAgentMode) services.log.info(notInAgentMode);
      this.lastNotInAgentMode = notInAgentMode;
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
    const rawInitiator = (options as { requestInitiator?: unknown }).requestInitiator;
    const initiator = typeof rawInitiator === 'string' && rawInitiator ? rawInitiator : undefined;
    const tools = toToolDefinitions(options.tools);
    const lmMessages = messages.map(toLmMessage);
    const params = agentParams(samplingFor(services.config.get().params, options.modelOptions), model.id, tools !== undefined);
    // Too big for the model even at the smallest size the estimate allows: send nothing.
    const fit = checkContextFit({
      model: { id: model.id, contextLength: services.client.modelInfo(model.id)?.contextLength, maxInputTokens: model.maxInputTokens },
      messages: lmMessages,
      tools,
      maxTokens: params.maxTokens,
      candidates: this.candidates(),
    });
    services.log.info(
      `Language model request for ${model.id} from ${initiator ?? 'an extension VS Code did not name'}: ` +
        `${messages.length} messages, ${tools?.length ?? 0} tools, at least ${fit.promptTokens} prompt tokens ` +
        `(tools ${fit.toolTokens}, instructions ${fit.instructionTokens}).`,
    );
    if (!fit.fits) {
      services.log.warn(`Not sent: ${fit.message}`);
      throw chatError(fit.message, 'Unknown', initiator);
    }
    const abort = toAbortSignal(token);
    try {
      const result = await services.client.streamChat(
        {
          model: model.id,
          messages: toChatMessages(lmMessages, { imageInput: model.capabilities.imageInput === true }),
          params,
          tools,
          toolChoice: tools ? (options.toolMode === vscode.LanguageModelChatToolMode.Required ? 'required' : 'auto') : undefined,
          source: 'languageModel',
        },
        {
          signal: abort.signal,
          onEvent: (event) => {
            if (token.isCancellationRequested) return;
            if (event.type === 'text' && event.text) progress.report(new vscode.LanguageModelTextPart(event.text));
            else if (event.type === 'toolCall') progress.report(this.toolCallPart(event.call, initiator));
          },
        },
      );
      const usage = result.usage && usagePart(result.usage, initiator);
      if (usage && !token.isCancellationRequested) progress.report(usage);
    } catch (error) {
      // Cancellation is not an error: VS Code already knows.
      if (isAbortError(error) || token.isCancellationRequested) return;
      throw toLanguageModelError(error, initiator);
    } finally {
      abort.dispose();
    }
  }

  /** The endpoint's models with their context, to name one that would hold a request. */
  private candidates(): Array<{ id: string; contextLength?: number; toolCalling: boolean }> {
    const known = this.lastKnown;
    const infos = known && known.baseUrl === this.baseUrl ? known.infos : [];
    return infos.map((info) => ({
      id: info.id,
      contextLength: this.services.client.modelInfo(info.id)?.contextLength,
      toolCalling: info.capabilities.toolCalling !== undefined,
    }));
  }

  private toolCallPart(call: { id: string; name: string; arguments: string }, initiator: string | undefined): vscode.LanguageModelToolCallPart {
    const parsed = parseToolArguments(call.arguments);
    if (!parsed.ok) {
      this.services.log.warn(`The model called ${call.name} with arguments that are not a JSON object (${call.arguments.length} characters).`);
      throw chatError(`The model called the tool "${call.name}" with arguments that are not valid JSON. Try again.`, 'Unknown', initiator);
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
function configuredModelOnly(id: string, overrides: ToolCallingOverrides): LmModelInfo[] {
  const info = toLmModelInfo({ id } satisfies ModelInfo, overrides);
  return info ? [info] : [];
}

/** From the user's settings only: a cloned workspace must not decide which models run tools. */
function toolCallingOverrides(): ToolCallingOverrides {
  const value: unknown = vscode.workspace.getConfiguration().inspect(TOOL_CALLING_SETTING)?.globalValue;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as ToolCallingOverrides) : {};
}

/** The chat panel's sentence for the failure, as the error VS Code and other extensions expect. */
export function toLanguageModelError(error: unknown, initiator?: string): Error {
  const err = toSambaNovaError(error);
  return chatError(lmErrorMessage(err), lmErrorCode(err), initiator);
}

/**
 * A LanguageModelError for callers that branch on it. VS Code rebuilds a LanguageModelError in
 * the caller's process with a fresh stack, and Copilot Chat (VS Code's agent) shows an error's
 * stack after its message; so for Copilot the error is a plain one without a stack, carrying the
 * same message and code, and its chat shows our sentence alone.
 */
function chatError(message: string, code: LmErrorCode, initiator: string | undefined): Error {
  if (printsErrorStacks(initiator)) {
    const plain = new Error(message);
    plain.name = 'SambaNovaError';
    plain.stack = '';
    (plain as Error & { code?: string }).code = code;
    return plain;
  }
  switch (code) {
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

/**
 * The answer's token counts for Copilot Chat, which reads a data part of MIME type "usage" and
 * shows how much of the context the conversation uses. Other callers get no extra part.
 */
function usagePart(usage: Usage, initiator: string | undefined): vscode.LanguageModelResponsePart | undefined {
  const DataPart = (vscode as unknown as { LanguageModelDataPart?: new (data: Uint8Array, mimeType: string) => vscode.LanguageModelResponsePart })
    .LanguageModelDataPart;
  if (!DataPart || !printsErrorStacks(initiator)) return undefined;
  const body = {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.totalTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedPromptTokens ?? 0 },
  };
  return new DataPart(new TextEncoder().encode(JSON.stringify(body)), 'usage');
}
