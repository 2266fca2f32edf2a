// Builds request bodies. Validates sampling settings up front (a clear 'config' error naming the
// setting beats a 400 from the server) and leaves out what SambaNova rejects.
import { SambaNovaError } from './errors';
import type { ChatMessage, ChatRequest, CompletionRequest, ContentPart, SamplingParams, ToolDefinition } from './types';

type Body = Record<string, unknown>;

function invalid(setting: string, rule: string, value: unknown): SambaNovaError {
  return new SambaNovaError({
    kind: 'config',
    userMessage: `The setting "${setting}" must be ${rule} (it is ${safeShow(value)}).`,
    action: 'openSettings',
  });
}

function safeShow(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}

function checkNumber(setting: string, value: number | undefined, min: number, max: number, integer: boolean): void {
  if (value === undefined || value === null) return;
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  if (!ok) {
    const range = max === Infinity ? `${min} or more` : `between ${min} and ${max}`;
    throw invalid(setting, integer ? `a whole number ${range}` : `a number ${range}`, value);
  }
}

/** Throws a 'config' SambaNovaError naming the first bad setting. */
export function validateParams(p: SamplingParams | undefined): void {
  if (!p) return;
  checkNumber('sambanova.temperature', p.temperature, 0, 2, false);
  checkNumber('sambanova.topP', p.topP, 0, 1, false);
  checkNumber('sambanova.topK', p.topK, 1, 100, true);
  checkNumber('sambanova.maxTokens', p.maxTokens, 1, Infinity, true);
  checkNumber('sambanova.seed', p.seed, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true);
  if (p.stop !== undefined && p.stop !== null) {
    if (!Array.isArray(p.stop) || p.stop.length > 4 || p.stop.some((s) => typeof s !== 'string' || s === '')) {
      throw invalid('sambanova.stop', 'a list of at most 4 non-empty strings', p.stop);
    }
  }
  if (p.reasoningEffort !== undefined && !['low', 'medium', 'high'].includes(p.reasoningEffort)) {
    throw invalid('sambanova.reasoningEffort', 'one of low, medium, high', p.reasoningEffort);
  }
  for (const [setting, value] of [
    ['sambanova.chatTemplateKwargs', p.chatTemplateKwargs],
    ['sambanova.extraBody', p.extraBody],
  ] as const) {
    if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) {
      throw invalid(setting, 'an object', value);
    }
  }
  checkExtraBody(p.extraBody);
}

// What the request is (model, conversation or prompt) and how it is read (streaming) belong to
// the feature that sends it; a setting that silently replaced them would send something else
// than what the user sees.
const RESERVED_BODY_FIELDS = ['model', 'messages', 'prompt', 'stream', 'stream_options'];

function checkExtraBody(extra: Record<string, unknown> | undefined): void {
  if (!extra || typeof extra !== 'object') return;
  const reserved = RESERVED_BODY_FIELDS.filter((k) => Object.hasOwn(extra, k) && extra[k] !== undefined && extra[k] !== null);
  if (reserved.length > 0) {
    throw new SambaNovaError({
      kind: 'config',
      userMessage: `The setting "sambanova.extraBody" cannot set ${reserved.map((k) => `"${k}"`).join(', ')}: the model, the conversation and streaming are chosen by the feature that sends the request. Remove ${reserved.length === 1 ? 'it' : 'them'} from the setting.`,
      action: 'openSettings',
    });
  }
}

/** extraBody without the reserved fields (validateParams already refused any that carry a value). */
function extraFields(extra: Record<string, unknown> | undefined): Body {
  if (!extra) return {};
  const out: Body = { ...extra };
  for (const k of RESERVED_BODY_FIELDS) delete out[k];
  return out;
}

function samplingFields(p: SamplingParams | undefined, forChat: boolean): Body {
  if (!p) return {};
  return {
    temperature: p.temperature,
    top_p: p.topP,
    top_k: p.topK,
    max_tokens: p.maxTokens,
    stop: p.stop && p.stop.length > 0 ? p.stop : undefined,
    seed: p.seed,
    reasoning_effort: p.reasoningEffort,
    chat_template_kwargs:
      forChat && p.chatTemplateKwargs && Object.keys(p.chatTemplateKwargs).length > 0 ? p.chatTemplateKwargs : undefined,
  };
}

/** Text-only part lists become one string: several SambaNova models reject list content. */
export function wireContent(content: string | ContentPart[]): string | ContentPart[] {
  if (typeof content === 'string') return content;
  if (content.some((part) => part.type === 'image_url')) return content;
  let text = '';
  for (const part of content) if (part.type === 'text') text += part.text;
  return text;
}

function wireMessage(m: ChatMessage): Body {
  const out: Body = { role: m.role, content: wireContent(m.content) };
  if (m.toolCalls && m.toolCalls.length > 0) {
    out.tool_calls = m.toolCalls.map((c) => ({
      id: c.id,
      type: 'function',
      function: { name: c.name, arguments: c.arguments },
    }));
  }
  if (m.toolCallId) out.tool_call_id = m.toolCallId;
  return out;
}

function wireTool(t: ToolDefinition): Body {
  return { type: 'function', function: stripEmpty({ name: t.name, description: t.description, parameters: t.parameters }) };
}

function wireToolChoice(choice: ChatRequest['toolChoice']): unknown {
  if (choice === undefined || typeof choice === 'string') return choice;
  return { type: 'function', function: { name: choice.name } };
}

/** Removes null/undefined fields and the ones SambaNova rejects, even when they came via extraBody. */
function finish(body: Body): Body {
  const out = stripEmpty(body);
  delete out.parallel_tool_calls;
  const format = out.response_format as { type?: unknown } | undefined;
  if (format && typeof format === 'object' && format.type === 'text') delete out.response_format;
  if (out.tools !== undefined) delete out.n;
  return out;
}

function stripEmpty(body: Body): Body {
  const out: Body = {};
  for (const [k, v] of Object.entries(body)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

function streamFields(stream: boolean): Body {
  return stream ? { stream: true, stream_options: { include_usage: true } } : { stream: false };
}

export function buildChatBody(request: ChatRequest, stream: boolean): Body {
  validateParams(request.params);
  if (!request.model || typeof request.model !== 'string') {
    throw new SambaNovaError({ kind: 'config', userMessage: 'No model is selected. Choose a SambaNova model first.', action: 'chooseModel' });
  }
  const tools = request.tools && request.tools.length > 0 ? request.tools.map(wireTool) : undefined;
  return finish({
    model: request.model,
    messages: request.messages.map(wireMessage),
    ...samplingFields(request.params, true),
    tools,
    tool_choice: tools ? wireToolChoice(request.toolChoice) : undefined,
    ...extraFields(request.params?.extraBody),
    ...streamFields(stream),
  });
}

export function buildCompletionBody(request: CompletionRequest, stream: boolean): Body {
  validateParams(request.params);
  if (!request.model || typeof request.model !== 'string') {
    throw new SambaNovaError({ kind: 'config', userMessage: 'No model is selected. Choose a SambaNova model first.', action: 'chooseModel' });
  }
  return finish({
    model: request.model,
    prompt: request.prompt,
    ...samplingFields(request.params, false),
    ...extraFields(request.params?.extraBody),
    ...streamFields(stream),
  });
}
