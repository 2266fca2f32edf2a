// From a stored chat to the messages of one request: which turns are sent, in what form, and
// what note the answer carries when older turns had to be left out.
import type { ChatMessage } from '../client/types';
import { fitToContext, tooLongMessage, trimNotice } from './contextBudget';
import type { StoredMessage } from './model';
import { userContent } from './promptAssembly';

export interface RequestPlanInput {
  /** The conversation up to and including the user turn being answered, oldest first. */
  messages: StoredMessage[];
  systemPrompt: string;
  model: string;
  contextLength?: number;
  maxTokens?: number;
}

export type RequestPlan =
  | { ok: true; messages: ChatMessage[]; notice?: string; droppedMessages: number; promptTokens: number }
  | { ok: false; error: string };

/** A stored message as the model sees it, or nothing for turns that carry nothing to say. */
export function toChatMessage(m: StoredMessage): ChatMessage | undefined {
  if (m.role === 'user') return { role: 'user', content: userContent(m.text, m.attachments, m.images) };
  // A failed answer with nothing in it is not part of the conversation; a stopped one is (the
  // user saw it and may refer to it).
  if (m.text.trim() === '') return undefined;
  return { role: 'assistant', content: m.text };
}

export function planRequest(input: RequestPlanInput): RequestPlan {
  const last = input.messages[input.messages.length - 1];
  if (!last || last.role !== 'user') return { ok: false, error: 'There is no question to answer.' };
  const history = input.messages
    .slice(0, -1)
    .map(toChatMessage)
    .filter((m): m is ChatMessage => m !== undefined);
  const latest = toChatMessage(last) as ChatMessage;
  const system = input.systemPrompt.trim() ? ({ role: 'system', content: input.systemPrompt } as const) : undefined;
  const fit = fitToContext({
    system,
    history,
    latest,
    contextLength: input.contextLength,
    maxTokens: input.maxTokens,
  });
  if (!fit.fits) return { ok: false, error: tooLongMessage(fit.promptTokens, fit.limit, input.model) };
  const notice =
    fit.droppedMessages > 0 && input.contextLength
      ? trimNotice(fit.droppedMessages, input.model, input.contextLength)
      : undefined;
  return { ok: true, messages: fit.messages, notice, droppedMessages: fit.droppedMessages, promptTokens: fit.promptTokens };
}
