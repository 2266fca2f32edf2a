// Zod schemas of what SambaNova (and other OpenAI-compatible servers) actually send. Tolerant by
// design: float `created`, bare UUID ids, `choices: []` or null on the usage chunk, null
// content, repeated or missing role, unknown extra fields. Only the fields we read are declared;
// everything is optional unless we cannot do without it.
//
// Kept to plain object/string/number/array schemas: they are the fast paths of zod's compiled
// parser, and every streamed chunk goes through ChatChunkSchema.
import * as z from 'zod';

const optString = z.string().nullish();
const optNumber = z.number().nullish();

export const UsageSchema = z.object({
  prompt_tokens: optNumber,
  completion_tokens: optNumber,
  total_tokens: optNumber,
  time_to_first_token: optNumber,
  total_latency: optNumber,
  completion_tokens_after_first_per_sec: optNumber,
  prompt_tokens_details: z.object({ cached_tokens: optNumber }).nullish(),
  completion_tokens_details: z.object({ reasoning_tokens: optNumber }).nullish(),
});
export type WireUsage = z.infer<typeof UsageSchema>;

/** Tool-call arguments arrive as a JSON string (OpenAI) or, from older SambaNova builds, an object. */
const ToolArguments = z.union([z.string(), z.record(z.string(), z.unknown())]).nullish();

export const ToolCallDeltaSchema = z.object({
  index: optNumber,
  id: optString,
  type: optString,
  function: z.object({ name: optString, arguments: ToolArguments }).nullish(),
});
export type WireToolCallDelta = z.infer<typeof ToolCallDeltaSchema>;

export const ChatDeltaSchema = z.object({
  role: optString,
  content: optString,
  /** gpt-oss on SambaNova. */
  reasoning: optString,
  /** vLLM / DeepSeek-style servers behind an OpenAI-compatible base. */
  reasoning_content: optString,
  tool_calls: z.array(ToolCallDeltaSchema).nullish(),
});

export const ChatChunkSchema = z.object({
  id: optString,
  model: optString,
  choices: z
    .array(
      z.object({
        index: optNumber,
        delta: ChatDeltaSchema.nullish(),
        finish_reason: optString,
      }),
    )
    .nullish(),
  usage: UsageSchema.nullish(),
});
export type WireChatChunk = z.infer<typeof ChatChunkSchema>;

/** /v1/completions stream chunks: `choices[].text` (SambaNova still labels them "chat.completion"). */
export const CompletionChunkSchema = z.object({
  id: optString,
  model: optString,
  choices: z.array(z.object({ index: optNumber, text: optString, finish_reason: optString })).nullish(),
  usage: UsageSchema.nullish(),
});
export type WireCompletionChunk = z.infer<typeof CompletionChunkSchema>;

export const ChatResponseSchema = z.object({
  id: optString,
  model: optString,
  choices: z.array(
    z.object({
      index: optNumber,
      finish_reason: optString,
      message: z
        .object({
          role: optString,
          content: optString,
          reasoning: optString,
          reasoning_content: optString,
          tool_calls: z.array(ToolCallDeltaSchema).nullish(),
        })
        .nullish(),
      /** Present when a /v1/completions answer is parsed with this schema's sibling. */
      text: optString,
    }),
  ),
  usage: UsageSchema.nullish(),
});
export type WireChatResponse = z.infer<typeof ChatResponseSchema>;

/** Prices come as numbers or numeric strings, depending on the deployment. */
const Price = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined || v === '') return undefined;
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isFinite(n) && n >= 0 ? n : undefined;
  });

export const ModelListSchema = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      owned_by: optString,
      context_length: optNumber,
      max_completion_tokens: optNumber,
      pricing: z.object({ prompt: Price, completion: Price }).nullish(),
    }),
  ),
});
export type WireModelList = z.infer<typeof ModelListSchema>;

/** `{"error":{message,type,param,code},"request_id"}`, `{"error":"text"}`, or Anthropic-style `{type:"error",error:{...}}`. */
export const ErrorBodySchema = z.object({
  error: z.union([
    z.string(),
    z.object({
      message: z.unknown().optional(),
      type: z.unknown().optional(),
      param: z.unknown().optional(),
      code: z.unknown().optional(),
    }),
  ]),
  request_id: z.unknown().optional(),
  message: z.unknown().optional(),
});
export type WireErrorBody = z.infer<typeof ErrorBodySchema>;
