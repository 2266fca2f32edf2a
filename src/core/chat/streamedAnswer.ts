// Applies a stream's text and reasoning events to the answer being built. The one rule beyond
// appending: a `text` event with `replacesReasoning` (an R1-style thinking block that never
// closed) takes the place of everything shown as thinking, so the answer is never there twice.
import type { StreamEvent } from '../client/types';

export interface AnswerText {
  text: string;
  reasoning?: string;
}

/** What the event did: appended to one side, replaced both, or nothing (not a text event). */
export type Applied = 'text' | 'reasoning' | 'replaced' | 'ignored';

export function applyStreamEvent(answer: AnswerText, event: StreamEvent): Applied {
  if (event.type === 'reasoning') {
    answer.reasoning = (answer.reasoning ?? '') + event.text;
    return 'reasoning';
  }
  if (event.type !== 'text') return 'ignored';
  if (event.replacesReasoning) {
    answer.text = event.text;
    answer.reasoning = undefined;
    return 'replaced';
  }
  answer.text += event.text;
  return 'text';
}

/** The line a waiting answer shows while the client waits to retry (updated every second). */
export function retryWaitText(reason: string, until: number, now: number): string {
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  const why = reason === 'rateLimited' ? 'SambaNova is rate limiting this key' : 'The request failed';
  return `${why}: trying again in ${seconds} s…`;
}
