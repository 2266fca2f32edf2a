// Keeps a conversation inside the model's context window. Oldest turns go first; the system
// prompt and the newest user turn always stay (if even they do not fit, the caller is told so
// and sends nothing, instead of letting the server refuse).
// Counts use the careful estimator (core/tokens.ts says why): a budget must not be exceeded.
import type { ChatMessage } from '../client/types';
import { IMAGE_TOKENS, estimateTextTokens } from '../lm/tokenEstimate';

/** Role markers and template tokens around each message. */
const PER_MESSAGE_OVERHEAD = 4;

/** One chat message's tokens, images at a fixed cost (never by the size of their base64). */
export function chatMessageTokens(message: ChatMessage): number {
  if (typeof message.content === 'string') return PER_MESSAGE_OVERHEAD + estimateTextTokens(message.content);
  let total = PER_MESSAGE_OVERHEAD;
  for (const part of message.content) {
    total += part.type === 'text' ? estimateTextTokens(part.text) : IMAGE_TOKENS;
  }
  return total;
}

/** Tokens kept free for the answer when the user set no max_tokens. */
export function answerReserve(contextLength: number, maxTokens?: number): number {
  if (maxTokens && maxTokens > 0) return Math.min(maxTokens, Math.floor(contextLength / 2));
  return Math.min(4_096, Math.floor(contextLength / 4));
}

export interface BudgetInput {
  system?: ChatMessage;
  /** Earlier turns, oldest first. */
  history: ChatMessage[];
  latest: ChatMessage;
  /** Unknown when /v1/models could not be read: then nothing is trimmed. */
  contextLength?: number;
  maxTokens?: number;
}

export type BudgetResult =
  | { fits: true; messages: ChatMessage[]; droppedMessages: number; promptTokens: number }
  | { fits: false; promptTokens: number; limit: number };

export function fitToContext(input: BudgetInput): BudgetResult {
  const fixed = [input.system, input.latest].filter((m): m is ChatMessage => m !== undefined);
  const fixedTokens = fixed.reduce((n, m) => n + chatMessageTokens(m), 0);
  const historyTokens = input.history.map(chatMessageTokens);
  const all = fixedTokens + historyTokens.reduce((a, b) => a + b, 0);
  const assemble = (kept: ChatMessage[]) => [...(input.system ? [input.system] : []), ...kept, input.latest];

  if (!input.contextLength) return { fits: true, messages: assemble(input.history), droppedMessages: 0, promptTokens: all };
  const limit = input.contextLength - answerReserve(input.contextLength, input.maxTokens);
  if (fixedTokens > limit) return { fits: false, promptTokens: fixedTokens, limit };

  // Walk back from the newest turn while it fits.
  let used = fixedTokens;
  let start = input.history.length;
  while (start > 0 && used + historyTokens[start - 1] <= limit) {
    start--;
    used += historyTokens[start];
  }
  // Never open on an answer whose question was dropped: the model would read it out of context.
  while (start < input.history.length && input.history[start].role !== 'user') {
    used -= historyTokens[start];
    start++;
  }
  return { fits: true, messages: assemble(input.history.slice(start)), droppedMessages: start, promptTokens: used };
}

export function trimNotice(droppedMessages: number, model: string, contextLength: number): string {
  const what = droppedMessages === 1 ? '1 earlier message was' : `${droppedMessages} earlier messages were`;
  return `${what} left out to fit ${model}'s ${contextLength}-token context.`;
}

export function tooLongMessage(promptTokens: number, limit: number, model: string): string {
  return (
    `This message is too long for ${model}: about ${promptTokens} tokens, and at most ${limit} fit ` +
    `with room for the answer. Remove attachments or shorten the message, or choose a model with a longer context.`
  );
}
