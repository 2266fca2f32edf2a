// Pre-rendered bytes for big streams sent at full speed. Building 20k JSON chunks costs the
// server about as much CPU as a good client spends parsing them, which would make a client
// benchmark measure the server. So the first request renders the chunks once, with placeholder
// id and `created`, and later identical requests copy the bytes and patch in their own values.
import type { AnswerPlan } from './answer';
import type { Scenario } from './scenarios';
import type { AnswerRequest } from './validate';
import { pieceChunk, type ResponseIdentity } from './wire';

const placeholderId = '00000000-0000-4000-8000-000000000000';
/** Same width as any `created` until the year 2286: 10 digits, a dot, 6 decimals. */
const placeholderCreated = 1000000000.5;
const maxEntries = 4;

interface Template {
  bytes: Buffer;
  idOffsets: number[];
  createdOffsets: number[];
}

const templates = new Map<string, Template>();

/** Whether a stream is big and plain enough to be worth replaying from a template. */
export function canReplay(scenario: Scenario, plan: AnswerPlan): boolean {
  return scenario.tps === 0 && scenario.ttftMs === 0 && scenario.fragment === 'event' && plan.pieces.length >= 512;
}

function offsetsOf(bytes: Buffer, needle: string): number[] {
  const offsets: number[] = [];
  for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + needle.length)) offsets.push(at);
  return offsets;
}

function keyOf(scenario: Scenario, request: AnswerRequest): string {
  const { tokens, tokensPerChunk, reply, reasoning, reasoningTokens, tools, toolCalls, toolArgs } = scenario;
  return JSON.stringify([
    tokens,
    tokensPerChunk,
    reply,
    reasoning,
    reasoningTokens,
    tools,
    toolCalls,
    toolArgs,
    request.route,
    request.model.id,
    request.maxTokens,
    request.seed,
    request.tools,
  ]);
}

/** The SSE bytes of all the plan's pieces (not the role, finish or usage chunks), for this response. */
export function renderPieces(scenario: Scenario, request: AnswerRequest, plan: AnswerPlan, identity: ResponseIdentity): Buffer {
  const key = keyOf(scenario, request);
  let template = templates.get(key);
  if (!template) {
    const placeholder: ResponseIdentity = { ...identity, id: placeholderId, created: placeholderCreated };
    const bytes = Buffer.from(plan.pieces.map((piece) => `data: ${pieceChunk(placeholder, piece)}\n\n`).join(''), 'utf8');
    template = {
      bytes,
      idOffsets: offsetsOf(bytes, `"id":"${placeholderId}"`),
      createdOffsets: offsetsOf(bytes, `"created":${placeholderCreated.toFixed(6)}`),
    };
    if (templates.size >= maxEntries) templates.delete(templates.keys().next().value!);
  }
  templates.delete(key);
  templates.set(key, template);

  const bytes = Buffer.from(template.bytes);
  const id = Buffer.from(identity.id, 'latin1');
  const created = Buffer.from(identity.created.toFixed(6), 'latin1');
  const idSkip = '"id":"'.length;
  const createdSkip = '"created":'.length;
  if (id.length !== placeholderId.length || created.length !== placeholderCreated.toFixed(6).length) {
    throw new Error('response id or created has an unexpected width');
  }
  for (const at of template.idOffsets) id.copy(bytes, at + idSkip);
  for (const at of template.createdOffsets) created.copy(bytes, at + createdSkip);
  return bytes;
}
