// SambaNova's error replies, worded as in the SPEC examples and real reports quoted in API-NOTES §4.
// Where the notes give no wording (402 type, 429 body, parallel_tool_calls...), the text is ours.

export interface ErrorReply {
  status: number;
  /** Exact bytes of the body. */
  body: string;
  contentType: 'application/json' | 'text/plain';
  headers?: Record<string, string>;
}

function openAiStyle(
  status: number,
  requestId: string,
  error: { message: string; type: string; param: string | null; code: string | null; [extra: string]: unknown },
): ErrorReply {
  return { status, contentType: 'application/json', body: JSON.stringify({ error, request_id: requestId }) };
}

function simple(status: number, message: string): ErrorReply {
  return { status, contentType: 'application/json', body: JSON.stringify({ error: message }) };
}

function text(status: number, body: string): ErrorReply {
  return { status, contentType: 'text/plain', body };
}

const invalid = 'invalid_request_error';

export const errorReplies = {
  missingKey: (id: string) =>
    openAiStyle(401, id, {
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      type: invalid,
      param: null,
      code: null,
    }),
  /** The real message masks the key as ***** whatever it was: never echo it. */
  invalidKey: (id: string) =>
    openAiStyle(401, id, {
      message: 'Incorrect API key provided: *****. You can find your API key at https://cloud.sambanova.ai/apis.',
      type: invalid,
      param: null,
      code: 'invalid_api_key',
    }),
  paymentRequired: (id: string) =>
    openAiStyle(402, id, {
      message: 'A payment method is required. Add one at https://cloud.sambanova.ai/plans/billing to continue.',
      type: 'payment_required',
      param: null,
      code: 'PAYMENT_METHOD_REQUIRED',
      balance_units: 0,
    }),
  modelNotFound: (id: string, model: string) =>
    openAiStyle(404, id, {
      message: `The model \`${model}\` does not exist or you do not have access to it.`,
      type: invalid,
      param: 'model',
      code: 'model_not_found',
    }),
  modelGone: (id: string, model: string) =>
    openAiStyle(410, id, {
      message: `The requested model (${model}) is not available on SambaNova Cloud. For more information, please visit https://docs.sambanova.ai/cloud/docs/resources/deprecations. For further inquiries, please contact our support team at help@sambanova.ai.`,
      type: invalid,
      param: 'model',
      code: 'model_deprecated',
    }),
  routeNotFound: () => simple(404, 'Not found'),
  requestTimeout: () => simple(408, 'Request Timeout'),
  rateLimited: (id: string) =>
    openAiStyle(429, id, { message: 'Rate limit exceeded', type: 'rate_limit_error', param: null, code: 'insufficient_quota' }),
  serverError: () => text(500, 'Internal Server Error'),
  unavailable: () => text(503, 'Service Temporarily Unavailable'),
  unhandled: (status: number) => simple(status, 'Unhandled error'),
  invalidJson: (id: string) =>
    openAiStyle(400, id, {
      message:
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. A JSON payload is expected, but what was sent was not valid JSON.)",
      type: invalid,
      param: null,
      code: null,
    }),
  missingModel: (id: string) =>
    openAiStyle(400, id, { message: 'you must provide a model parameter', type: invalid, param: null, code: null }),
  emptyMessages: (id: string) =>
    openAiStyle(400, id, {
      message: "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      type: invalid,
      param: 'messages',
      code: 'empty_array',
    }),
  emptyPrompt: (id: string) =>
    openAiStyle(400, id, { message: "Invalid 'prompt': expected a string.", type: invalid, param: 'prompt', code: 'invalid_type' }),
  invalidRole: (id: string, index: number, role: string) =>
    openAiStyle(400, id, {
      message: `Invalid value: '${role}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
      type: invalid,
      param: `messages[${index}].role`,
      code: 'invalid_value',
    }),
  nullContent: (id: string, index: number) =>
    openAiStyle(400, id, {
      message: "Invalid value for 'content': expected a string, got null.",
      type: invalid,
      param: `messages.[${index}].content`,
      code: null,
    }),
  listContent: (id: string, index: number) =>
    openAiStyle(400, id, {
      message: "Invalid 'content' type. Expected one of: ['str'], got list.",
      type: invalid,
      param: `messages.[${index}].content`,
      code: 'invalid_type',
    }),
  unsupported: (id: string, param: string, message: string) =>
    openAiStyle(400, id, { message, type: invalid, param, code: 'invalid_value' }),
  outOfRange: (id: string, param: string, value: number, min: number, max: number, integer: boolean) => {
    const above = value > max;
    const kind = integer ? 'Integer' : 'Decimal';
    return openAiStyle(400, id, {
      message: `${kind} ${above ? 'above maximum' : 'below minimum'} value. Expected a value between ${min} and ${max}, but got ${value} instead.`,
      type: invalid,
      param,
      code: `${integer ? 'integer' : 'decimal'}_${above ? 'above_max' : 'below_min'}_value`,
    });
  },
  contextLength: (id: string, model: string, limit: number, needed: number) =>
    openAiStyle(400, id, {
      message: `The maximum context length of ${model} is ${limit}. However, answering your request will take ${needed} tokens. Please reduce the length of the messages.`,
      type: invalid,
      param: 'messages',
      code: 'context_length_exceeded',
    }),
  /** Body of a mid-stream error (data: line or event: error). */
  midStream: (id: string) =>
    JSON.stringify({
      error: { message: 'Internal error while generating the response.', type: 'server_error', param: null, code: null },
      request_id: id,
    }),
};
