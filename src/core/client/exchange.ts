// One logical request as the client runs it: which route, whose request, the body to send and the
// caller's hooks. Chat and raw completions differ only in the route, the body and whether the
// model starts with an implied <think>; everything after this description is one pipeline
// (client.ts: retries, figures, activity; attempt.ts: one HTTP request).
import type { StreamOptions } from './api';
import { requestMayAsk } from './keyConsent';
import { buildChatBody, buildCompletionBody } from './params';
import type { StreamFlavour } from './streamAssembler';
import { startsWithImplicitThinking } from './thinkSplitter';
import type { ChatRequest, CompletionRequest, RequestSource, StreamEvent } from './types';

export interface Exchange {
  flavour: StreamFlavour;
  stream: boolean;
  model: string;
  source: RequestSource;
  /** May getApiKey ask the user before the key goes to a host it was not saved for. */
  interactive: boolean;
  body: Record<string, unknown>;
  implicitThinking: boolean;
  signal?: AbortSignal;
  onEvent?: (event: StreamEvent) => void;
  onResponseHeaders?: StreamOptions['onResponseHeaders'];
  onRetry?: StreamOptions['onRetry'];
  maxRetries?: number;
}

export function chatExchange(request: ChatRequest, stream: boolean, options: StreamOptions): Exchange {
  const implicitThinking = startsWithImplicitThinking(request.model, request.params?.chatTemplateKwargs);
  return describe('chat', request, stream, buildChatBody(request, stream), implicitThinking, options);
}

export function completionExchange(request: CompletionRequest, stream: boolean, options: StreamOptions): Exchange {
  // Raw prompts carry their own template; a trailing <think> in the prompt is the caller's business.
  return describe('completion', request, stream, buildCompletionBody(request, stream), false, options);
}

function describe(
  flavour: StreamFlavour,
  request: ChatRequest | CompletionRequest,
  stream: boolean,
  body: Record<string, unknown>,
  implicitThinking: boolean,
  options: StreamOptions,
): Exchange {
  // A request that does not say who sent it belongs to the feature its route serves.
  const source = request.source ?? flavour;
  const { signal, onEvent, onResponseHeaders, onRetry, maxRetries } = options;
  return {
    flavour,
    stream,
    model: request.model,
    source,
    interactive: requestMayAsk(source, request.interactive),
    body,
    implicitThinking,
    signal,
    onEvent,
    onResponseHeaders,
    onRetry,
    maxRetries,
  };
}
