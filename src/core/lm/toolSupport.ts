// Which SambaNova models VS Code may hand tools to (its Agent mode lists only models that declare
// `toolCalling`). The table says, per model family, whether its tool calls hold up on SambaNova
// and why; the user's `sambanova.languageModels.toolCalling` setting overrides it per model id.
// The reason is shown in the model's tooltip, so nobody has to guess why a model is missing.
import { countText } from '../countText';

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

/**
 * What VS Code's agent (Copilot Chat 0.67 in VS Code 1.139) sends before the user's words, in
 * every request: 39-40 tools and its instructions, 21,283 tokens counted with o200k_base (19,569
 * at our estimate's lower bound; measured in test/e2e/specs/vscodeAgent.ts). For a model that takes in less, Copilot
 * trims its instructions (to 2,400) and compacts the conversation, still sends at least 15,400
 * tokens of tools and instructions, and compacts again, in a loop of requests that cannot help
 * (seen on a 16K model). Such a model is not offered tools, so Agent mode does not list it.
 */
export const AGENT_MIN_INPUT_TOKENS = 20_000;

/** Per model id: true/false from the user's setting; anything else is ignored. */
export type ToolCallingOverrides = Readonly<Record<string, unknown>>;

/** `maxInputTokens`: what the model is declared to take in; below AGENT_MIN_INPUT_TOKENS no tools. */
export function toolSupport(id: string, overrides: ToolCallingOverrides = {}, maxInputTokens?: number): ToolSupport {
  const forced = overrides[id];
  if (typeof forced === 'boolean') return { toolCalling: forced, reason: `set in ${TOOL_CALLING_SETTING}` };
  const listed = table.find(([pattern]) => pattern.test(id));
  const support: ToolSupport = listed
    ? { toolCalling: listed[1], reason: listed[2] }
    : { toolCalling: true, reason: `not in our table of tested models; offered (turn it off in ${TOOL_CALLING_SETTING})` };
  if (support.toolCalling && maxInputTokens !== undefined && maxInputTokens < AGENT_MIN_INPUT_TOKENS) {
    return {
      toolCalling: false,
      reason:
        `VS Code's agent sends about ${countText(AGENT_MIN_INPUT_TOKENS)} tokens of tools and instructions with every request, ` +
        `more than the ${countText(maxInputTokens)} this model takes in; pick a model with a larger context for Agent mode ` +
        `(or turn tools on in ${TOOL_CALLING_SETTING})`,
    };
  }
  return support;
}
