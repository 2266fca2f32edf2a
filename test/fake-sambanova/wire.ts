// Serializes the fake's answers in SambaNova's exact shapes: keys and their order as in the
// captured bodies and SPEC examples (fixtures/), bare-UUID ids, float `created`, "fastcoe".
import type { AnswerPlan, Piece, PlannedToolCall } from './answer';

export interface ResponseIdentity {
  id: string;
  /** Unix seconds with a fraction, like 1746852567.742961. */
  created: number;
  model: string;
  route: 'chat' | 'completion';
}

/** Wall-clock moments of one generation, in performance.now() milliseconds plus the epoch offset. */
export interface GenerationTimes {
  /** Unix milliseconds when the request arrived. */
  startedAtUnixMs: number;
  startedAt: number;
  firstTokenAt: number;
  /** When the 11th completion token was sent (for the "first_ten" rate); undefined if fewer. */
  eleventhTokenAt?: number;
  endedAt: number;
}

function tail(identity: ResponseIdentity): string {
  return `"created":${identity.created.toFixed(6)},"id":"${identity.id}","model":${JSON.stringify(identity.model)},"object":"chat.completion.chunk","system_fingerprint":"fastcoe"`;
}

function toolCallJson(call: PlannedToolCall, index: number, argumentsValue: string | Record<string, unknown>): string {
  return JSON.stringify({ index, id: call.id, type: 'function', function: { name: call.name, arguments: argumentsValue } });
}

function deltaJson(piece: Piece): string {
  switch (piece.kind) {
    case 'content':
      return `{"role":"assistant","content":${JSON.stringify(piece.text)}}`;
    case 'reasoning':
      return `{"role":"assistant","content":"","reasoning":${JSON.stringify(piece.text)}}`;
    case 'toolStart':
      return `{"role":"assistant","content":null,"tool_calls":[${toolCallJson(piece.call, piece.index, '')}]}`;
    case 'toolArgs':
      return `{"tool_calls":[{"index":${piece.index},"function":{"arguments":${JSON.stringify(piece.text)}}}]}`;
    case 'toolWhole': {
      const args = piece.asObject ? (JSON.parse(piece.call.arguments) as Record<string, unknown>) : piece.call.arguments;
      return `{"role":"assistant","content":null,"tool_calls":[${toolCallJson(piece.call, piece.index, args)}]}`;
    }
  }
}

/** The `data:` JSON of one streamed piece. Built by hand: it runs 20k times a second in the bench. */
export function pieceChunk(identity: ResponseIdentity, piece: Piece): string {
  if (identity.route === 'completion') {
    const text = piece.kind === 'content' ? piece.text : '';
    return `{"choices":[{"text":${JSON.stringify(text)},"index":0,"finish_reason":null,"logprobs":null}],${tail(identity)}}`;
  }
  return `{"choices":[{"delta":${deltaJson(piece)},"index":0,"finish_reason":null,"logprobs":null}],${tail(identity)}}`;
}

/** The first chunk of a chat stream: role and empty content. */
export function roleChunk(identity: ResponseIdentity): string {
  return `{"choices":[{"delta":{"role":"assistant","content":""},"index":0,"finish_reason":null,"logprobs":null}],${tail(identity)}}`;
}

export function finishChunk(identity: ResponseIdentity, finishReason: string): string {
  const choice =
    identity.route === 'completion' ? `"text":""` : `"delta":{"content":""}`;
  return `{"choices":[{${choice},"index":0,"finish_reason":"${finishReason}","logprobs":null}],${tail(identity)}}`;
}

export function usageChunk(identity: ResponseIdentity, usage: Record<string, unknown>): string {
  return `{"choices":[],${tail(identity)},"usage":${JSON.stringify(usage)}}`;
}

/** Fastest generation the fake claims for its model (above any speed SambaNova has published). */
export const MODEL_CEILING_TPS = 2500;

/** SambaNova's usage object, computed from what the fake actually did. Keys as in the 2025 captures. */
export function buildUsage(
  promptTokens: number,
  completionTokens: number,
  stopReason: string,
  times: GenerationTimes,
): Record<string, unknown> {
  const seconds = (ms: number) => Math.max(ms, 0.001) / 1000;
  const latency = seconds(times.endedAt - times.startedAt);
  // SambaNova times the model, which has a top speed; a fake streaming "as fast as the socket
  // takes it" would otherwise report hundreds of thousands of tokens/s for a short answer.
  const modelFloor = (tokens: number) => Math.max(tokens, 0) / MODEL_CEILING_TPS;
  const afterFirst = Math.max(seconds(times.endedAt - times.firstTokenAt), modelFloor(completionTokens - 1));
  const firstTen =
    times.eleventhTokenAt === undefined
      ? afterFirst
      : Math.max(seconds(times.eleventhTokenAt - times.firstTokenAt), modelFloor(Math.min(10, completionTokens - 1)));
  const afterFirstRate = completionTokens > 1 ? (completionTokens - 1) / afterFirst : 0;
  const firstTenRate = completionTokens > 1 ? Math.min(10, completionTokens - 1) / firstTen : 0;
  const total = promptTokens + completionTokens;
  return {
    completion_tokens: completionTokens,
    completion_tokens_after_first_per_sec: afterFirstRate,
    completion_tokens_after_first_per_sec_first_ten: firstTenRate,
    completion_tokens_after_first_per_sec_graph: firstTenRate,
    completion_tokens_per_sec: completionTokens / latency,
    end_time: (times.startedAtUnixMs + (times.endedAt - times.startedAt)) / 1000,
    is_last_response: true,
    prompt_tokens: promptTokens,
    prompt_tokens_details: { cached_tokens: 0 },
    start_time: times.startedAtUnixMs / 1000,
    stop_reason: stopReason,
    time_to_first_token: seconds(times.firstTokenAt - times.startedAt),
    total_latency: latency,
    total_tokens: total,
    total_tokens_per_sec: total / latency,
  };
}

/** A non-streaming body, like the captured ones (chat: `message`; completions: `text`). */
export function completionBody(identity: ResponseIdentity, plan: AnswerPlan, usage: Record<string, unknown>): string {
  let choice: Record<string, unknown>;
  if (identity.route === 'completion') {
    choice = { finish_reason: plan.finishReason, index: 0, logprobs: null, text: plan.content };
  } else {
    const message: Record<string, unknown> = { content: plan.toolCalls.length > 0 ? null : plan.content };
    if (plan.reasoning) message.reasoning = plan.reasoning;
    message.role = 'assistant';
    if (plan.toolCalls.length > 0) {
      message.tool_calls = plan.toolCalls.map((call) => ({
        function: { arguments: call.arguments, name: call.name },
        id: call.id,
        type: 'function',
      }));
    }
    choice = { finish_reason: plan.finishReason, index: 0, logprobs: null, message };
  }
  return JSON.stringify({
    choices: [choice],
    created: identity.created,
    id: identity.id,
    model: identity.model,
    object: 'chat.completion',
    system_fingerprint: 'fastcoe',
    usage,
  });
}
