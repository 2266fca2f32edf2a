// Before a language-model request is sent: does it fit the model's context? SambaNova counts
// prompt and answer against `context_length` and refuses what does not fit, after the request
// has already cost a round trip and, for VS Code's agent, 50 KB of tool schemas. So the size is
// estimated here and a request that cannot fit is not sent at all; the message says how big it
// is, what part of it the user can change, and which of the endpoint's models would hold it.
// tokenEstimate.ts overcounts on purpose (by up to MAX_OVERCOUNT against SambaNova's own counts,
// more on indented JSON such as tool schemas), so the check uses the smallest size the request
// can have: a request that might fit is sent, and the server judges it.
import { countText } from '../countText';
import type { ToolDefinition } from '../client/types';
import { estimateMessageTokens, estimateToolTokens, type LmMessage } from './messages';
import { templateFamily } from './modelFamily';
import { templateOverhead } from './tokenEstimate';

/** Room kept for the answer when the request does not set max_tokens. */
export const MIN_ANSWER_TOKENS = 512;

/** The estimate's largest allowed overcount (test/unit/lm/tokenEstimate.test.ts asserts ratio <= 1.6). */
export const MAX_OVERCOUNT = 1.6;

export interface FitCandidate {
  id: string;
  contextLength?: number;
  toolCalling: boolean;
}

export interface FitInput {
  /** maxInputTokens: what we declared the model takes in (context less the answer's room). */
  model: { id: string; contextLength?: number; maxInputTokens?: number };
  messages: readonly LmMessage[];
  tools?: readonly ToolDefinition[];
  /** The max_tokens the request will carry, if any. */
  maxTokens?: number;
  /** The endpoint's models, to name one with room for this request. */
  candidates: readonly FitCandidate[];
}

/** Sizes in tokens, each the smallest the estimate allows (estimate / MAX_OVERCOUNT). */
export interface FitSize {
  /** The whole prompt. */
  promptTokens: number;
  /** Tool definitions. */
  toolTokens: number;
  /** System messages (the agent's instructions) and the template's fixed part. */
  instructionTokens: number;
  /** Everything else: the conversation, attachments, tool results. */
  messageTokens: number;
  /** Room the answer needs. */
  answerTokens: number;
}

export type Fit = ({ fits: true } | { fits: false; contextLength: number; message: string; suggested: string[] }) & FitSize;

export function checkContextFit(input: FitInput): Fit {
  const overhead = templateOverhead(templateFamily(input.model.id));
  let instructions = overhead.perRequest;
  let rest = 0;
  for (const message of input.messages) {
    const n = estimateMessageTokens(message, overhead);
    if (message.role === 'system') instructions += n;
    else rest += n;
  }
  const low = (n: number) => Math.floor(n / MAX_OVERCOUNT);
  const toolTokens = low(estimateToolTokens(input.tools, overhead));
  const instructionTokens = low(instructions);
  const messageTokens = low(rest);
  const size: FitSize = {
    promptTokens: instructionTokens + toolTokens + messageTokens,
    toolTokens,
    instructionTokens,
    messageTokens,
    answerTokens: input.maxTokens ?? MIN_ANSWER_TOKENS,
  };
  const context = input.model.contextLength;
  // Without a reported context length the server is the judge.
  if (!context) return { fits: true, ...size };
  const hasTools = (input.tools?.length ?? 0) > 0;
  const fixed = instructionTokens + toolTokens;
  // A caller with tools (VS Code's agent) trims the conversation to the input limit we declared,
  // but not its tools and instructions: when they alone exceed it, trimming cannot help, and
  // Copilot would compact and resend in a loop (seen on a 16K model).
  const maxInput = input.model.maxInputTokens;
  const agentTooBig = hasTools && maxInput !== undefined && fixed > maxInput;
  if (!agentTooBig && size.promptTokens + size.answerTokens <= context) return { fits: true, ...size };

  const needed = Math.max(size.promptTokens, fixed) + size.answerTokens;
  // An agent's conversation grows with every tool result: name models with room for it to.
  const room = hasTools ? 2 : 1.1;
  const suggested = input.candidates
    .filter((c) => c.id !== input.model.id && (c.contextLength ?? 0) >= needed * room && (!hasTools || c.toolCalling))
    .sort((a, b) => (a.contextLength ?? 0) - (b.contextLength ?? 0) || a.id.localeCompare(b.id))
    .slice(0, 2);
  const names = suggested.map((c) => `${c.id} (${countText(c.contextLength)} tokens)`);
  const pick = names.length
    ? `pick a model with a larger context in the model picker, such as ${names.join(' or ')}`
    : 'none of the models this endpoint serves has a larger context';
  const parts = hasTools
    ? `The ${input.tools!.length} tools (at least ${countText(toolTokens)} tokens) and the instructions (at least ${countText(instructionTokens)}) alone need ${countText(fixed)} tokens or more`
    : `The instructions alone need ${countText(fixed)} tokens or more`;

  let message: string;
  if (agentTooBig && maxInput !== undefined) {
    message =
      `Nothing was sent to SambaNova: ${parts.charAt(0).toLowerCase()}${parts.slice(1)}, ` +
      `but ${input.model.id} takes in at most ${countText(maxInput)} (${countText(context)} in all, with room kept for the answer), ` +
      `so a new chat will not help: ${pick}.`;
  } else {
    const head =
      `Nothing was sent to SambaNova: this request needs at least ${countText(needed)} tokens ` +
      `(${countText(size.promptTokens)} for the prompt, ${countText(size.answerTokens)} for the answer), ` +
      `but ${input.model.id} holds ${countText(context)} tokens in all.`;
    // The fixed part does not fit: a new chat or less context cannot help.
    const advice =
      fixed + size.answerTokens > context
        ? `${parts}, so a new chat will not help: ${pick}.`
        : `The conversation and attachments take at least ${countText(messageTokens)} of them: start a new chat or attach less, or ${pick}.`;
    message = `${head} ${advice}`;
  }
  return { fits: false, contextLength: context, message, suggested: suggested.map((c) => c.id), ...size };
}
