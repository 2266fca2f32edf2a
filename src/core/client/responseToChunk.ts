// A non-streamed answer (chat(), complete(), or a server that ignored `stream: true`) is turned
// into the one equivalent stream chunk, so the same assembler handles both and the results agree.
import { SambaNovaError } from './errors';
import type { StreamFlavour } from './streamAssembler';
import { wireSchemas } from './lazyWire';

export function responseToChunk(json: unknown, flavour: StreamFlavour): unknown {
  if (json !== null && typeof json === 'object' && (json as { error?: unknown }).error !== undefined) return json;
  const parsed = wireSchemas().ChatResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new SambaNovaError({
      kind: 'protocol',
      action: 'showLog',
      userMessage: 'SambaNova sent an answer in an unexpected shape.',
    });
  }
  const response = parsed.data;
  const choice = response.choices[0];
  const base = { id: response.id, model: response.model, usage: response.usage };
  if (!choice) return { ...base, choices: [] };
  if (flavour === 'completion') {
    return { ...base, choices: [{ index: 0, text: choice.text ?? choice.message?.content ?? '', finish_reason: choice.finish_reason }] };
  }
  const message = choice.message ?? {};
  return {
    ...base,
    choices: [
      {
        index: 0,
        delta: {
          content: message.content ?? choice.text,
          reasoning: message.reasoning ?? message.reasoning_content,
          tool_calls: message.tool_calls,
        },
        finish_reason: choice.finish_reason,
      },
    ],
  };
}
