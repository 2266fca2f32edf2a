// Turns the SSE messages of one streamed answer into StreamEvents, in order, and collects the
// ChatResult. This is the per-chunk hot path: one JSON.parse, one zod safeParse, a few property
// reads, and the caller's onEvent; no promise and no whole-text work per chunk.
import { SambaNovaError } from './errors';
import { parseErrorBody, scrubSecret } from './httpErrors';
import { ThinkTagSplitter } from './thinkSplitter';
import { ToolCallAccumulator } from './toolCalls';
import type { ChatResult, FinishReason, StreamEvent, ToolCall, Usage } from './types';
import { wireSchemas } from './lazyWire';
import type { WireUsage } from './wire';

export type StreamFlavour = 'chat' | 'completion';

export interface AssemblerHooks {
  /** Every event, in order (the client counts tokens here and calls the user's onEvent). */
  event(event: StreamEvent): void;
  /** Raw text of a chunk that failed to parse, for the log. */
  badChunk(raw: string, reason: string): void;
  /** The API key, scrubbed from error text in case the server echoes it. */
  secret?: string;
}

const RAW_LOG_LIMIT = 300;

export class StreamAssembler {
  text = '';
  reasoning = '';
  toolCalls: ToolCall[] = [];
  finishReason: FinishReason | undefined;
  usage: Usage | undefined;
  model: string;
  /** Whether [DONE] arrived. */
  done = false;
  /** Whether any text, reasoning or tool call was delivered (after that, no retry). */
  emittedContent = false;

  /** Made on the first content: whether a reasoning field came first decides its mode. */
  private splitter: ThinkTagSplitter | undefined;
  private reasoningFieldSeen = false;
  private readonly tools = new ToolCallAccumulator();
  private contentEnded = false;

  constructor(
    private readonly flavour: StreamFlavour,
    model: string,
    private readonly implicitThinking: boolean,
    private readonly hooks: AssemblerHooks,
  ) {
    this.model = model;
  }

  private pushContent(content: string): void {
    // A server that already separates the reasoning into its own field sends only the answer as
    // content: then even an R1-family model's content is not an unopened think block.
    this.splitter ??= new ThinkTagSplitter(
      {
        text: (t) => this.emitText(t),
        reasoning: (t) => this.emitReasoning(t),
      },
      this.implicitThinking && !this.reasoningFieldSeen,
    );
    this.splitter.push(content);
  }

  /** Handles one SSE message. Throws a SambaNovaError for error events and malformed chunks. */
  handle(eventName: string | undefined, data: string): void {
    if (this.done) return;
    if (eventName === 'error' || eventName === 'error_event') throw streamError(scrubSecret(data, this.hooks.secret));
    if (data === '[DONE]') {
      this.done = true;
      this.endContent();
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      this.hooks.badChunk(scrubSecret(data, this.hooks.secret), 'not JSON');
      throw protocolError('SambaNova sent a malformed chunk (not JSON), so the answer stopped.');
    }
    if (json !== null && typeof json === 'object' && (json as { error?: unknown }).error !== undefined) {
      throw streamError(scrubSecret(data, this.hooks.secret));
    }
    if (this.flavour === 'chat') this.handleChat(json, data);
    else this.handleCompletion(json, data);
  }

  private handleChat(json: unknown, raw: string): void {
    const parsed = wireSchemas().chatChunkParser().safeParse(json);
    if (!parsed.success) this.rejectChunk(raw, parsed.error.issues[0]?.message);
    const chunk = parsed.data!;
    if (chunk.model) this.model = chunk.model;
    const choice = chunk.choices?.[0];
    if (choice) {
      const delta = choice.delta;
      if (delta) {
        const reasoning = delta.reasoning ?? delta.reasoning_content;
        if (reasoning) {
          this.reasoningFieldSeen = true;
          this.emitReasoning(reasoning);
        }
        if (delta.content) this.pushContent(delta.content);
        if (delta.tool_calls && delta.tool_calls.length > 0) {
          this.tools.add(delta.tool_calls);
          this.emittedContent = true;
        }
      }
      if (choice.finish_reason) this.finish(choice.finish_reason);
    }
    if (chunk.usage) this.setUsage(chunk.usage);
  }

  private handleCompletion(json: unknown, raw: string): void {
    const parsed = wireSchemas().completionChunkParser().safeParse(json);
    if (!parsed.success) this.rejectChunk(raw, parsed.error.issues[0]?.message);
    const chunk = parsed.data!;
    if (chunk.model) this.model = chunk.model;
    const choice = chunk.choices?.[0];
    if (choice) {
      if (choice.text) this.pushContent(choice.text);
      if (choice.finish_reason) this.finish(choice.finish_reason);
    }
    if (chunk.usage) this.setUsage(chunk.usage);
  }

  private rejectChunk(raw: string, reason: string | undefined): never {
    this.hooks.badChunk(scrubSecret(raw, this.hooks.secret), reason ?? 'schema mismatch');
    throw protocolError('SambaNova sent a chunk in an unexpected shape, so the answer stopped.');
  }

  private finish(reason: string): void {
    this.finishReason = reason;
    this.endContent();
    this.hooks.event({ type: 'finish', reason });
  }

  /** End of content: flush held-back tag characters and emit accumulated tool calls. Safe to repeat. */
  endContent(): void {
    const unclosedImplicit = (this.splitter?.end() ?? false) && !this.contentEnded;
    this.contentEnded = true;
    if (unclosedImplicit && this.finishReason !== 'length' && this.text === '' && this.reasoning !== '') {
      // Hindsight: the "reasoning" of an implicit-thinking model never closed, so it was the answer.
      // Listeners that showed it as thinking replace their thinking with this text.
      this.text = this.reasoning;
      this.reasoning = '';
      this.hooks.event({ type: 'text', text: this.text, replacesReasoning: true });
    }
    if (this.tools.size > 0) {
      for (const call of this.tools.drain()) {
        this.toolCalls.push(call);
        this.hooks.event({ type: 'toolCall', call });
      }
    }
  }

  private setUsage(wire: WireUsage): void {
    this.usage = toUsage(wire);
    this.hooks.event({ type: 'usage', usage: this.usage });
  }

  private emitText(text: string): void {
    this.text += text;
    this.emittedContent = true;
    this.hooks.event({ type: 'text', text });
  }

  private emitReasoning(text: string): void {
    this.reasoning += text;
    this.emittedContent = true;
    this.hooks.event({ type: 'reasoning', text });
  }

  result(requestId: string | undefined): ChatResult {
    return {
      text: this.text,
      reasoning: this.reasoning,
      toolCalls: this.toolCalls,
      finishReason: this.finishReason,
      usage: this.usage,
      requestId,
      model: this.model,
    };
  }
}

export function toUsage(w: WireUsage): Usage {
  const usage: Usage = {
    promptTokens: w.prompt_tokens ?? 0,
    completionTokens: w.completion_tokens ?? 0,
    totalTokens: w.total_tokens ?? (w.prompt_tokens ?? 0) + (w.completion_tokens ?? 0),
  };
  const reasoning = w.completion_tokens_details?.reasoning_tokens;
  if (reasoning !== undefined && reasoning !== null) usage.reasoningTokens = reasoning;
  const cached = w.prompt_tokens_details?.cached_tokens;
  if (cached !== undefined && cached !== null) usage.cachedPromptTokens = cached;
  if (w.time_to_first_token !== undefined && w.time_to_first_token !== null) usage.timeToFirstTokenSec = w.time_to_first_token;
  if (w.total_latency !== undefined && w.total_latency !== null) usage.totalLatencySec = w.total_latency;
  const rate = w.completion_tokens_after_first_per_sec;
  if (rate !== undefined && rate !== null && rate > 0) usage.tokensPerSecAfterFirst = rate;
  return usage;
}

function protocolError(message: string): SambaNovaError {
  return new SambaNovaError({ kind: 'protocol', action: 'retry', userMessage: message });
}

/** An error the server reported inside the stream (`event: error`, or a chunk with an `error` key). */
export function streamError(data: string): SambaNovaError {
  const body = parseErrorBody(data);
  const detail = body.message ? ` The server said: "${truncate(body.message)}"` : '';
  if (body.code === 'context_length_exceeded') {
    return new SambaNovaError({
      kind: 'contextTooLong',
      action: 'newChat',
      code: body.code,
      serverMessage: body.message,
      requestId: body.requestId,
      userMessage: `The conversation is too long for this model.${detail} Start a new chat or send less context.`,
    });
  }
  return new SambaNovaError({
    kind: 'protocol',
    action: 'retry',
    code: body.code,
    serverMessage: body.message,
    requestId: body.requestId,
    userMessage: `SambaNova reported an error in the middle of the answer; what arrived is kept.${detail}`,
  });
}

function truncate(text: string): string {
  return text.length > RAW_LOG_LIMIT ? `${text.slice(0, RAW_LOG_LIMIT)}...` : text;
}

export function truncateRaw(text: string): string {
  return truncate(text);
}
