// Decides WHAT the fake model answers (tokens, reasoning, tool calls, finish reason); stream.ts
// and server.ts decide how it goes on the wire.
import { generateAnswerTokens, generateReasoningTokens, seededRandom, tokenize } from './content';
import { followAnswer } from './followAnswer';
import type { Scenario } from './scenarios';
import type { AnswerRequest, ToolSpec } from './validate';

export interface PlannedToolCall {
  id: string;
  name: string;
  /** Arguments as JSON text. */
  arguments: string;
  argumentTokens: string[];
}

/** One streamed delta. `tokens` is how many completion tokens it stands for. */
export type Piece =
  | { kind: 'content'; text: string; tokens: number }
  | { kind: 'reasoning'; text: string; tokens: number }
  | { kind: 'toolStart'; index: number; call: PlannedToolCall; text: string; tokens: number }
  | { kind: 'toolArgs'; index: number; text: string; tokens: number }
  | { kind: 'toolWhole'; index: number; call: PlannedToolCall; asObject: boolean; tokens: number };

export interface AnswerPlan {
  pieces: Piece[];
  content: string;
  reasoning: string;
  toolCalls: PlannedToolCall[];
  finishReason: 'stop' | 'length' | 'tool_calls';
  completionTokens: number;
}

function sampleValue(name: string, type: unknown, random: () => number): unknown {
  if (type === 'number' || type === 'integer') return Math.floor(random() * 100);
  if (type === 'boolean') return random() < 0.5;
  if (type === 'array') return [`${name}-1`, `${name}-2`];
  if (type === 'object') return { note: `${name} details` };
  return ['Boston, MA', 'src/index.ts', 'fahrenheit', 'hello world'][Math.floor(random() * 4)];
}

function planToolCalls(tools: ToolSpec[], count: number, seed: string): PlannedToolCall[] {
  const random = seededRandom(`tools:${seed}`);
  const calls: PlannedToolCall[] = [];
  for (let i = 0; i < count; i++) {
    const tool = tools[i % tools.length]!;
    const args: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries(tool.properties)) args[name] = sampleValue(name, schema.type, random);
    // Real ids look like call_06aad2cc6b0c4bbca9 (API-NOTES §3): "call_" and 18 hex digits.
    const hex = Array.from({ length: 18 }, () => Math.floor(random() * 16).toString(16)).join('');
    const argumentsText = JSON.stringify(args);
    calls.push({ id: `call_${hex}`, name: tool.name, arguments: argumentsText, argumentTokens: tokenize(argumentsText) });
  }
  return calls;
}

function scripted(list: Array<{ name: string; arguments: string }>, seed: string): PlannedToolCall[] {
  const random = seededRandom(`scripted:${seed}`);
  return list.map((call) => {
    const hex = Array.from({ length: 18 }, () => Math.floor(random() * 16).toString(16)).join('');
    return { id: `call_${hex}`, name: call.name, arguments: call.arguments, argumentTokens: tokenize(call.arguments) };
  });
}

function group(tokens: string[], size: number, make: (text: string, count: number) => Piece): Piece[] {
  const pieces: Piece[] = [];
  for (let i = 0; i < tokens.length; i += size) {
    const slice = tokens.slice(i, i + size);
    pieces.push(make(slice.join(''), slice.length));
  }
  return pieces;
}

export function planAnswer(scenario: Scenario, request: AnswerRequest): AnswerPlan {
  const perChunk = scenario.tokensPerChunk;
  const useTools = scenario.tools !== 'none' && request.tools.length > 0 && request.route === 'chat';
  if (useTools) {
    const calls = request.scriptedCalls ? scripted(request.scriptedCalls, request.seed) : planToolCalls(request.tools, scenario.toolCalls, request.seed);
    const whole = scenario.tools === 'whole' || scenario.toolArgs === 'object';
    const pieces: Piece[] = [];
    calls.forEach((call, index) => {
      if (whole) {
        pieces.push({ kind: 'toolWhole', index, call, asObject: scenario.toolArgs === 'object', tokens: call.argumentTokens.length + 2 });
        return;
      }
      pieces.push({ kind: 'toolStart', index, call, text: '', tokens: 2 });
      pieces.push(...group(call.argumentTokens, perChunk, (text, tokens) => ({ kind: 'toolArgs', index, text, tokens })));
    });
    const completionTokens = pieces.reduce((sum, piece) => sum + piece.tokens, 0);
    return { pieces, content: '', reasoning: '', toolCalls: calls, finishReason: 'tool_calls', completionTokens };
  }

  let style = scenario.reasoning === 'auto' ? (request.model.reasoning ?? 'none') : scenario.reasoning;
  if (request.route === 'completion') style = 'none';
  const reasoningTokens = style === 'none' ? [] : generateReasoningTokens(request.seed, scenario.reasoningTokens);
  // `follow` answers the request itself; a hole-filling prompt it leaves to the generated text.
  const followed = scenario.answer === 'follow' && request.route === 'chat' ? followAnswer(request.seed) : undefined;
  const replyText = request.echo ?? scenario.reply ?? followed;
  const answerTokens =
    replyText !== undefined ? tokenize(replyText) : generateAnswerTokens(request.seed, scenario.tokens);

  // Reasoning counts against max_tokens like the answer does.
  let contentTokens: string[];
  let fieldReasoning: string[] = [];
  if (style === 'field') {
    fieldReasoning = reasoningTokens;
    contentTokens = answerTokens;
  } else if (style === 'think' || style === 'think-no-open') {
    const open = style === 'think' ? ['<think>', '\n'] : [];
    contentTokens = [...open, ...reasoningTokens, '\n', '</think>', '\n\n', ...answerTokens];
  } else {
    contentTokens = answerTokens;
  }
  let finishReason: AnswerPlan['finishReason'] = 'stop';
  const limit = request.maxTokens;
  if (limit !== undefined && fieldReasoning.length + contentTokens.length > limit) {
    finishReason = 'length';
    fieldReasoning = fieldReasoning.slice(0, limit);
    contentTokens = contentTokens.slice(0, Math.max(0, limit - fieldReasoning.length));
  }
  const pieces = [
    ...group(fieldReasoning, perChunk, (text, tokens) => ({ kind: 'reasoning', text, tokens })),
    ...group(contentTokens, perChunk, (text, tokens) => ({ kind: 'content', text, tokens })),
  ];
  return {
    pieces,
    content: contentTokens.join(''),
    reasoning: fieldReasoning.join(''),
    toolCalls: [],
    finishReason,
    completionTokens: fieldReasoning.length + contentTokens.length,
  };
}
