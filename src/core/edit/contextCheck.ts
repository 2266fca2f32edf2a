// Refusing a selection that cannot fit the model's context window, with the numbers, before
// anything is sent (the server would refuse it anyway, after a round trip and with less clear words).
import { countText } from '../countText';
import { chatMessageTokens } from '../chat/contextBudget';
import { estimateTextTokens } from '../lm/tokenEstimate';
import type { ChatMessage } from '../client/types';

export interface ContextCheckInput {
  messages: ChatMessage[];
  /** The code being replaced: the answer will be about as long, so room is kept for it. */
  code: string;
  model: string;
  /** Unknown when /v1/models could not be read: then nothing is refused here. */
  contextLength?: number;
  /** The user's max_tokens setting, if any. */
  maxTokens?: number;
  /** Whether the answer replaces the code (room for a rewrite) or is prose/new code. */
  expectsRewrite: boolean;
}

export type ContextCheck =
  | { ok: true; promptTokens: number; answerTokens: number }
  | { ok: false; promptTokens: number; answerTokens: number; contextLength: number; message: string };

export function checkContextSize(input: ContextCheckInput): ContextCheck {
  const promptTokens = input.messages.reduce((n, m) => n + chatMessageTokens(m), 0);
  const codeTokens = estimateTextTokens(input.code);
  // A rewrite is usually a little longer than the original (comments, types); other answers get a floor.
  const answerTokens = input.maxTokens ?? Math.max(512, input.expectsRewrite ? Math.ceil(codeTokens * 1.2) : 1024);
  if (!input.contextLength || promptTokens + answerTokens <= input.contextLength) return { ok: true, promptTokens, answerTokens };
  const n = countText;
  return {
    ok: false,
    promptTokens,
    answerTokens,
    contextLength: input.contextLength,
    message:
      `The selection is too large for ${input.model}: about ${n(codeTokens)} tokens of code, ${n(promptTokens)} tokens with the prompt, ` +
      `plus about ${n(answerTokens)} for the answer, but the model's context holds ${n(input.contextLength)} tokens. ` +
      'Select a smaller part, or choose a model with a larger context.',
  };
}
