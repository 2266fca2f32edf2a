// Zod schemas of what SambaNova (and other OpenAI-compatible servers) actually send. Tolerant by
// design: float `created`, bare UUID ids, `choices: []` or null on the usage chunk, null
// content, repeated or missing role, unknown extra fields. Only the fields we read are declared;
// everything is optional unless we cannot do without it.
//
// Kept to plain object/string/number/array schemas: every streamed chunk goes through
// ChatChunkSchema.
//
// Load time: this module is evaluated when the extension activates, and no schema is needed
// until the first request. zod/mini validates like classic zod and loads in a fraction of the
// time; each schema is a builder function, exported wrapped in z.lazy, so it is built when it
// first parses rather than at import.
import * as z from 'zod/mini';
import '../zodLocale';

const optString = () => z.nullish(z.string());
const optNumber = () => z.nullish(z.number());

const usage = () =>
  z.object({
    prompt_tokens: optNumber(),
    completion_tokens: optNumber(),
    total_tokens: optNumber(),
    time_to_first_token: optNumber(),
    total_latency: optNumber(),
    completion_tokens_after_first_per_sec: optNumber(),
    prompt_tokens_details: z.nullish(z.object({ cached_tokens: optNumber() })),
    completion_tokens_details: z.nullish(z.object({ reasoning_tokens: optNumber() })),
  });
export const UsageSchema = z.lazy(usage);
export type WireUsage = z.infer<typeof UsageSchema>;

/** Tool-call arguments arrive as a JSON string (OpenAI) or, from older SambaNova builds, an object. */
const toolArguments = () => z.nullish(z.union([z.string(), z.record(z.string(), z.unknown())]));

const toolCallDelta = () =>
  z.object({
    index: optNumber(),
    id: optString(),
    type: optString(),
    function: z.nullish(z.object({ name: optString(), arguments: toolArguments() })),
  });
export const ToolCallDeltaSchema = z.lazy(toolCallDelta);
export type WireToolCallDelta = z.infer<typeof ToolCallDeltaSchema>;

const chatDelta = () =>
  z.object({
    role: optString(),
    content: optString(),
    /** gpt-oss on SambaNova. */
    reasoning: optString(),
    /** vLLM / DeepSeek-style servers behind an OpenAI-compatible base. */
    reasoning_content: optString(),
    tool_calls: z.nullish(z.array(toolCallDelta())),
  });
export const ChatDeltaSchema = z.lazy(chatDelta);

/**
 * What every answer wraps its choices in, streamed or not: ids, the choices, and usage (on the
 * last chunk, or with the whole answer).
 */
const answer = <Choices extends z.core.SomeType>(choices: Choices) =>
  z.object({ id: optString(), model: optString(), choices, usage: z.nullish(usage()) });

const chatChunk = () =>
  answer(z.nullish(z.array(z.object({ index: optNumber(), delta: z.nullish(chatDelta()), finish_reason: optString() }))));
export const ChatChunkSchema = z.lazy(chatChunk);
export type WireChatChunk = z.infer<typeof ChatChunkSchema>;

/** /v1/completions stream chunks: `choices[].text` (SambaNova still labels them "chat.completion"). */
const completionChunk = () =>
  answer(z.nullish(z.array(z.object({ index: optNumber(), text: optString(), finish_reason: optString() }))));
export const CompletionChunkSchema = z.lazy(completionChunk);
export type WireCompletionChunk = z.infer<typeof CompletionChunkSchema>;

// Every streamed chunk goes through one of the two schemas above. zod/mini interprets schemas,
// which costs about three times what classic zod's compiled object parser did per chunk; z.compile
// generates a parser for the shape instead (several times cheaper again). A chunk the fast path
// rejects is re-parsed by the ordinary parser, so results and error messages are unchanged.
// Compiling takes a few milliseconds, so it happens when the first stream starts, not at load.
// Without `new Function` (a CSP), z.compile quietly returns the schema as it was.
let compiledChatChunk: ReturnType<typeof chatChunk> | undefined;
let compiledCompletionChunk: ReturnType<typeof completionChunk> | undefined;
export function chatChunkParser(): ReturnType<typeof chatChunk> {
  return (compiledChatChunk ??= z.compile(chatChunk()));
}
export function completionChunkParser(): ReturnType<typeof completionChunk> {
  return (compiledCompletionChunk ??= z.compile(completionChunk()));
}

// A whole (non-streamed) message has the fields of a streamed delta, all at once.
const chatResponse = () =>
  answer(
    z.array(
      z.object({
        index: optNumber(),
        finish_reason: optString(),
        message: z.nullish(chatDelta()),
        /** Present when a /v1/completions answer is parsed with this schema's sibling. */
        text: optString(),
      }),
    ),
  );
export const ChatResponseSchema = z.lazy(chatResponse);
export type WireChatResponse = z.infer<typeof ChatResponseSchema>;

/** Prices come as numbers or numeric strings, depending on the deployment. */
const price = () =>
  z.pipe(
    z.nullish(z.union([z.number(), z.string()])),
    z.transform((v) => {
      if (v === null || v === undefined || v === '') return undefined;
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) && n >= 0 ? n : undefined;
    }),
  );

const modelList = () =>
  z.object({
    data: z.array(
      z.object({
        id: z.string().check(z.minLength(1)),
        owned_by: optString(),
        context_length: optNumber(),
        max_completion_tokens: optNumber(),
        pricing: z.nullish(z.object({ prompt: price(), completion: price() })),
      }),
    ),
  });
export const ModelListSchema = z.lazy(modelList);
export type WireModelList = z.infer<typeof ModelListSchema>;

/** `{"error":{message,type,param,code},"request_id"}`, `{"error":"text"}`, or Anthropic-style `{type:"error",error:{...}}`. */
const errorBody = () =>
  z.object({
    error: z.union([
      z.string(),
      z.object({
        message: z.optional(z.unknown()),
        type: z.optional(z.unknown()),
        param: z.optional(z.unknown()),
        code: z.optional(z.unknown()),
      }),
    ]),
    request_id: z.optional(z.unknown()),
    message: z.optional(z.unknown()),
  });
export const ErrorBodySchema = z.lazy(errorBody);
export type WireErrorBody = z.infer<typeof ErrorBodySchema>;
