// What a caller of vscode.lm may pass in `modelOptions`, validated like our own settings: the
// sampling fields SambaNova knows, by their wire names (OpenAI style) or ours. Everything else is
// ignored rather than forwarded, so a caller cannot send the key's host unexpected fields.
import type { SamplingParams } from '../client/types';

const numberFields: Array<[keyof SamplingParams, string[]]> = [
  ['temperature', ['temperature']],
  ['topP', ['top_p', 'topP']],
  ['topK', ['top_k', 'topK']],
  ['maxTokens', ['max_tokens', 'maxTokens', 'max_completion_tokens']],
  ['seed', ['seed']],
];

/** The user's settings, overridden field by field by the caller's modelOptions. */
export function samplingFor(settings: SamplingParams, modelOptions: Readonly<Record<string, unknown>> | undefined): SamplingParams {
  const params: SamplingParams = { ...settings };
  if (!modelOptions) return params;
  for (const [field, names] of numberFields) {
    for (const name of names) {
      const value = modelOptions[name];
      if (typeof value === 'number') (params[field] as number | undefined) = value;
    }
  }
  const stop = modelOptions.stop;
  if (typeof stop === 'string') params.stop = [stop];
  else if (Array.isArray(stop) && stop.every((s) => typeof s === 'string')) params.stop = stop as string[];
  const effort = modelOptions.reasoning_effort ?? modelOptions.reasoningEffort;
  if (effort === 'low' || effort === 'medium' || effort === 'high') params.reasoningEffort = effort;
  return params;
}

/**
 * gpt-oss calls tools more reliably with reasoning_effort "high", as SambaNova's documentation
 * advises (API-NOTES §1, Responses API). Applied when tools go along and nobody chose an effort.
 */
export function agentParams(params: SamplingParams, modelId: string, hasTools: boolean): SamplingParams {
  if (!hasTools || params.reasoningEffort || !/gpt-oss/i.test(modelId)) return params;
  return { ...params, reasoningEffort: 'high' };
}
