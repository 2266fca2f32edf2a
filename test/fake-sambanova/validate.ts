// Checks a request body the way SambaNova does where API-NOTES says it does (§2, §4, §7), and
// extracts what the fake needs to answer it.
import { estimateTokens } from './content';
import { errorReplies, type ErrorReply } from './errors';
import type { FakeModel } from './models';

export interface ToolSpec {
  name: string;
  /** JSON schema `properties` of the parameters, if given. */
  properties: Record<string, { type?: unknown }>;
}

export interface AnswerRequest {
  route: 'chat' | 'completion';
  model: FakeModel;
  stream: boolean;
  includeUsage: boolean;
  maxTokens?: number;
  /** What the deterministic answer is generated from: the last user message (or the prompt). */
  seed: string;
  /** Text to return verbatim ("echo: ..." prefix in the seed). */
  echo?: string;
  promptTokens: number;
  tools: ToolSpec[];
  /** Tool calls to make instead of sampled ones (the `agent` scenario). */
  scriptedCalls?: Array<{ name: string; arguments: string }>;
}

export type Validation = { ok: true; request: AnswerRequest } | { ok: false; reply: ErrorReply };

const roles = ['system', 'assistant', 'user', 'function', 'tool', 'developer'];
const echoPrefix = /^echo: ?/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (isRecord(part) && part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
      .join('');
  }
  return '';
}

/** Range checks SambaNova reports with its decimal_/integer_ above/below codes. */
function checkParams(body: Record<string, unknown>, id: string): ErrorReply | undefined {
  const ranges: Array<[string, number, number, boolean]> = [
    ['temperature', 0, 2, false],
    ['top_p', 0, 1, false],
    ['top_k', 1, 100, true],
    ['n', 1, 8, true],
  ];
  for (const [param, min, max, integer] of ranges) {
    const value = body[param];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || (integer && !Number.isInteger(value))) {
      return errorReplies.unsupported(id, param, `Invalid type for '${param}': expected ${integer ? 'an integer' : 'a number'}.`);
    }
    if (value < min || value > max) return errorReplies.outOfRange(id, param, value, min, max, integer);
  }
  for (const param of ['max_tokens', 'max_completion_tokens']) {
    const value = body[param];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      return errorReplies.unsupported(id, param, `Invalid type for '${param}': expected an integer.`);
    }
    if (value < 1) return errorReplies.outOfRange(id, param, value, 1, Number.MAX_SAFE_INTEGER, true);
  }
  if ('parallel_tool_calls' in body) {
    return errorReplies.unsupported(id, 'parallel_tool_calls', "'parallel_tool_calls' is not yet supported by our models.");
  }
  if (isRecord(body.response_format) && body.response_format.type === 'text') {
    return errorReplies.unsupported(id, 'response_format', "response_format of type 'text' is not supported yet.");
  }
  if (typeof body.n === 'number' && body.n > 1 && Array.isArray(body.tools) && body.tools.length > 0) {
    return errorReplies.unsupported(id, 'n', 'n greater than 1 is not supported when using tools.');
  }
  return undefined;
}

function parseTools(value: unknown): ToolSpec[] {
  if (!Array.isArray(value)) return [];
  const tools: ToolSpec[] = [];
  for (const tool of value) {
    if (!isRecord(tool) || !isRecord(tool.function) || typeof tool.function.name !== 'string') continue;
    const parameters = isRecord(tool.function.parameters) ? tool.function.parameters : {};
    const properties = isRecord(parameters.properties) ? (parameters.properties as ToolSpec['properties']) : {};
    tools.push({ name: tool.function.name, properties });
  }
  return tools;
}

export function validateRequest(
  route: 'chat' | 'completion',
  rawBody: string,
  findModel: (id: string) => FakeModel | undefined,
  requestId: string,
): Validation {
  const fail = (reply: ErrorReply): Validation => ({ ok: false, reply });
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return fail(errorReplies.invalidJson(requestId));
  }
  if (!isRecord(body)) return fail(errorReplies.invalidJson(requestId));
  if (typeof body.model !== 'string' || body.model === '') return fail(errorReplies.missingModel(requestId));

  let seed: string;
  let promptText: string;
  if (route === 'chat') {
    const messages = body.messages;
    if (!Array.isArray(messages) || messages.length === 0) return fail(errorReplies.emptyMessages(requestId));
    for (const [index, message] of messages.entries()) {
      const role = isRecord(message) ? message.role : undefined;
      if (typeof role !== 'string' || !roles.includes(role)) {
        return fail(errorReplies.invalidRole(requestId, index, String(role)));
      }
    }
  } else if (typeof body.prompt !== 'string') {
    return fail(errorReplies.emptyPrompt(requestId));
  }

  const model = findModel(body.model);
  if (!model) return fail(errorReplies.modelNotFound(requestId, body.model));
  if (model.retired) return fail(errorReplies.modelGone(requestId, body.model));

  if (route === 'chat') {
    const messages = body.messages as Array<Record<string, unknown>>;
    for (const [index, message] of messages.entries()) {
      const content = message.content;
      const hasToolCalls = Array.isArray(message.tool_calls) && message.tool_calls.length > 0;
      if (content === null || content === undefined) {
        if (message.role === 'assistant' && hasToolCalls) continue;
        return fail(errorReplies.nullContent(requestId, index));
      }
      if (Array.isArray(content)) {
        const hasImage = content.some((part) => isRecord(part) && part.type === 'image_url');
        if (!(model.vision && hasImage)) return fail(errorReplies.listContent(requestId, index));
      } else if (typeof content !== 'string') {
        return fail(errorReplies.unsupported(requestId, `messages.[${index}].content`, "Invalid 'content' type."));
      }
    }
    const lastUser = [...messages].reverse().find((message) => message.role === 'user');
    seed = textOf(lastUser?.content);
    // Role markers and separators count too; about four tokens a message.
    promptText = messages.map((message) => textOf(message.content)).join('');
    promptText += ' '.repeat(16 * messages.length);
  } else {
    seed = body.prompt as string;
    promptText = seed;
  }

  const paramError = checkParams(body, requestId);
  if (paramError) return fail(paramError);

  const maxTokens = (body.max_tokens ?? body.max_completion_tokens ?? undefined) as number | undefined;
  const promptTokens = Math.max(1, estimateTokens(promptText));
  const needed = promptTokens + (maxTokens ?? 0);
  if (needed > model.contextLength) {
    return fail(errorReplies.contextLength(requestId, model.id, model.contextLength, needed));
  }

  const streamOptions = isRecord(body.stream_options) ? body.stream_options : {};
  const echo = echoPrefix.test(seed) ? seed.replace(echoPrefix, '') : undefined;
  return {
    ok: true,
    request: {
      route,
      model,
      stream: body.stream === true,
      includeUsage: streamOptions.include_usage === true,
      maxTokens,
      seed,
      echo,
      promptTokens,
      tools: body.tool_choice === 'none' ? [] : parseTools(body.tools),
    },
  };
}
