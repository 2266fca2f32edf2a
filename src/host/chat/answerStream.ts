// Streams one answer into its stored message: text and reasoning as they arrive (coalesced for
// the page), a countdown while the client waits to retry (a 429), and the final status with its
// figures or error. The conversation decides what to ask and where the message goes; this only
// fills it in. It never throws: every outcome ends up in the message.
import type { SambaNovaApi } from '../../core/client/api';
import { DeltaCoalescer } from '../../core/chat/deltaCoalescer';
import type { StoredMessage } from '../../core/chat/model';
import { applyStreamEvent, retryWaitText } from '../../core/chat/streamedAnswer';
import { RequestCancelledError, isAbortError } from '../../core/client/errors';
import type { ChatMessage, SamplingParams } from '../../core/client/types';
import { toSambaNovaError } from '../errorUi';
import type { Services } from '../services';

/** At most one delta message per interval reaches the webview. */
export const DELTA_INTERVAL_MS = 24;

export interface AnswerRequest {
  model: string;
  messages: ChatMessage[];
  params: SamplingParams;
}

export interface AnswerListener {
  /** New text and/or reasoning (coalesced to one call per DELTA_INTERVAL_MS). */
  delta(text: string | undefined, reasoning: string | undefined): void;
  /** The message changed other than by appending; `waiting` is the live countdown line, if any. */
  changed(waiting?: string): void;
  /** Something arrived (the conversation saves now and then while an answer streams). */
  progress(): void;
}

export class AnswerStreamer {
  constructor(
    private readonly client: SambaNovaApi,
    private readonly log: Services['log'],
  ) {}

  async stream(request: AnswerRequest, answer: StoredMessage, signal: AbortSignal, listener: AnswerListener): Promise<void> {
    const { model } = request;
    const coalescer = new DeltaCoalescer((d) => listener.delta(d.text || undefined, d.reasoning || undefined), DELTA_INTERVAL_MS);
    const waiting = new RetryCountdown(listener);
    try {
      const result = await this.client.streamChat(
        { model, messages: request.messages, params: request.params, source: 'chat' },
        {
          signal,
          onRetry: (retry) => waiting.start(retry.reason, Date.now() + retry.delayMs),
          onEvent: (event) => {
            if (event.type !== 'text' && event.type !== 'reasoning') return;
            // Clear the countdown before this event changes the message: the page gets the
            // message as it was, then this event as a delta.
            waiting.stop();
            const applied = applyStreamEvent(answer, event);
            answer.updatedAt = Date.now();
            if (applied === 'replaced') {
              // What streamed as thinking was the answer: the page replaces both at once.
              coalescer.flush();
              listener.changed();
            } else {
              coalescer.push(event.type, event.text);
            }
            listener.progress();
          },
        },
      );
      coalescer.flush();
      answer.status = 'done';
      answer.metrics = result.figures;
      if (result.finishReason === 'length') {
        answer.notice = [answer.notice, "The answer was cut off at the token limit (sambanova.maxTokens or the model's own)."]
          .filter(Boolean)
          .join(' ');
      }
    } catch (error) {
      coalescer.flush();
      if (isAbortError(error)) {
        answer.status = 'stopped';
        if (error instanceof RequestCancelledError) answer.metrics = error.figures;
      } else {
        const e = toSambaNovaError(error);
        this.log.warn(`Chat request failed (${e.kind}${e.status ? ` ${e.status}` : ''}): ${e.userMessage}`);
        answer.status = 'error';
        if (!answer.text && e.partialText) answer.text = e.partialText;
        if (!answer.reasoning && e.partialReasoning) answer.reasoning = e.partialReasoning;
        answer.error = {
          message: e.userMessage,
          action: e.action,
          retryAt: e.kind === 'rateLimited' && e.retryAfterMs !== undefined ? Date.now() + e.retryAfterMs : undefined,
          requestId: e.requestId,
        };
      }
    } finally {
      waiting.stop();
      coalescer.dispose();
      answer.updatedAt = Date.now();
    }
  }
}

/** Ticks the "trying again in N s" line once a second while the client waits to retry. */
class RetryCountdown {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly listener: AnswerListener) {}

  start(reason: string, until: number): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    const tick = () => {
      if (Date.now() >= until) return this.stop();
      this.listener.changed(retryWaitText(reason, until, Date.now()));
    };
    tick();
    this.timer = setInterval(tick, 1000);
  }

  /** Stops the countdown and takes its line away. */
  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.listener.changed();
  }
}
