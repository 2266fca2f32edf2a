// /v1/models entries as VS Code's language-model picker wants them (LanguageModelChatInformation,
// as plain data). Limits: the server counts prompt + answer against `context_length`, so the
// input limit is what is left after the longest answer and the template's own tokens.
import { countText } from '../countText';
import type { ModelInfo } from '../client/types';
import { acceptsImages, familyName, isChatModel, templateFamily } from './modelFamily';
import { toolSupport, type ToolCallingOverrides } from './toolSupport';
import { templateOverhead } from './tokenEstimate';

/** When /v1/models gives no figures (SambaStudio endpoints, other servers): small and safe. */
export const FALLBACK_CONTEXT_LENGTH = 16_384;
export const FALLBACK_MAX_OUTPUT = 4_096;
/** SambaNova accepts up to 128 function tools per request (API-NOTES §2). */
export const MAX_TOOLS = 128;

export interface LmModelInfo {
  id: string;
  name: string;
  family: string;
  version: string;
  tooltip: string;
  detail?: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  capabilities: { toolCalling?: number; imageInput?: boolean };
}

export function toLmModelInfo(model: ModelInfo, toolOverrides: ToolCallingOverrides = {}): LmModelInfo | undefined {
  if (!isChatModel(model.id)) return undefined;
  const context = positive(model.contextLength) ?? FALLBACK_CONTEXT_LENGTH;
  const maxOutput = Math.min(positive(model.maxCompletionTokens) ?? FALLBACK_MAX_OUTPUT, Math.floor(context / 2));
  const overhead = templateOverhead(templateFamily(model.id)).perRequest;
  const imageInput = acceptsImages(model.id);
  const maxInputTokens = Math.max(1, context - maxOutput - overhead);
  const tools = toolSupport(model.id, toolOverrides, maxInputTokens);
  const toolCalling = tools.toolCalling ? MAX_TOOLS : undefined;
  const info: LmModelInfo = {
    id: model.id,
    name: model.id,
    family: familyName(model.id),
    version: model.id,
    tooltip: `${tooltip(model, context, maxOutput)}\n${tools.toolCalling ? 'Tools (Agent mode): offered' : 'Tools (Agent mode): not offered'}: ${tools.reason}`,
    maxInputTokens,
    maxOutputTokens: maxOutput,
    capabilities: {},
  };
  const detail = priceDetail(model);
  if (detail) info.detail = detail;
  if (toolCalling) info.capabilities.toolCalling = toolCalling;
  if (imageInput) info.capabilities.imageInput = true;
  return info;
}

export function toLmModelInfos(models: readonly ModelInfo[], toolOverrides: ToolCallingOverrides = {}): LmModelInfo[] {
  const out: LmModelInfo[] = [];
  for (const model of models) {
    const info = toLmModelInfo(model, toolOverrides);
    if (info) out.push(info);
  }
  return out;
}

function positive(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : undefined;
}

function tooltip(model: ModelInfo, context: number, maxOutput: number): string {
  const known = positive(model.contextLength) !== undefined;
  const lines = [
    `SambaNova ${model.id}`,
    known ? `Context: ${countText(context)} tokens, answers up to ${countText(maxOutput)}` : 'Context length not reported by the server',
  ];
  const price = perMillion(model);
  if (price) lines.push(`Price per million tokens: ${price}`);
  return lines.join('\n');
}

function priceDetail(model: ModelInfo): string | undefined {
  const price = perMillion(model);
  return price ? `${price} /M` : undefined;
}

function perMillion(model: ModelInfo): string | undefined {
  const p = model.pricing?.prompt;
  const c = model.pricing?.completion;
  if (p === undefined || c === undefined) return undefined;
  return `$${round(p * 1e6)} in · $${round(c * 1e6)} out`;
}

function round(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
