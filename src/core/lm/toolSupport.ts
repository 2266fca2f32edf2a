// Which SambaNova models VS Code may hand tools to (its Agent mode lists only models that declare
// `toolCalling`). The table says, per model family, whether its tool calls hold up on SambaNova
// and why; the user's `sambanova.languageModels.toolCalling` setting overrides it per model id.
// The reason is shown in the model's tooltip, so nobody has to guess why a model is missing.

export interface ToolSupport {
  toolCalling: boolean;
  reason: string;
}

/** First match wins. */
const table: ReadonlyArray<readonly [RegExp, boolean, string]> = [
  [/deepseek-r1|qwq/i, false, 'R1-style reasoning model: it answers tool requests in prose instead of calling the tool'],
  [/llama-3\.2-(1|3)b/i, false, 'too small to choose among tools reliably'],
  [/gpt-oss/i, true, 'function calling documented by SambaNova; sent with reasoning_effort "high", as SambaNova advises for tool calls'],
  [/minimax/i, true, 'function calling documented by SambaNova; built for coding agents'],
  [/deepseek-v3/i, true, 'function calling documented by SambaNova for DeepSeek V3.x'],
  [/llama-?4|llama-3\.[13]/i, true, 'function calling documented by SambaNova for Llama 3.x and 4'],
  [/qwen3/i, true, 'function calling documented by SambaNova for Qwen3'],
  [/gemma-4/i, true, 'function calling documented by SambaNova (Responses API model list)'],
];

export const TOOL_CALLING_SETTING = 'sambanova.languageModels.toolCalling';

/** Per model id: true/false from the user's setting; anything else is ignored. */
export type ToolCallingOverrides = Readonly<Record<string, unknown>>;

export function toolSupport(id: string, overrides: ToolCallingOverrides = {}): ToolSupport {
  const forced = overrides[id];
  if (typeof forced === 'boolean') return { toolCalling: forced, reason: `set in ${TOOL_CALLING_SETTING}` };
  for (const [pattern, toolCalling, reason] of table) if (pattern.test(id)) return { toolCalling, reason };
  return { toolCalling: true, reason: `not in our table of tested models; offered (turn it off in ${TOOL_CALLING_SETTING})` };
}
