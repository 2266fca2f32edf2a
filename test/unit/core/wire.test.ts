// The streamed-chunk parsers are zod's generated (z.compile) versions of the chunk schemas. They
// must answer exactly like the schemas they were built from: same data for every recorded chunk,
// same verdict, path and message for chunks that do not fit.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ChatChunkSchema, CompletionChunkSchema, chatChunkParser, completionChunkParser } from '../../../src/core/client/wire';
import { FIXTURES, fixture, fixtureRaw } from './helpers';

interface Parser {
  safeParse(input: unknown): { success: true; data: unknown } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
}

function verdict(parser: Parser, input: unknown) {
  const result = parser.safeParse(input);
  return result.success ? { ok: true, data: result.data } : { ok: false, issues: result.error.issues.map((i) => ({ path: i.path, message: i.message })) };
}

function recordedChatChunks(): unknown[] {
  const chunks: unknown[] = [];
  for (const dir of ['captured', 'from-docs']) {
    for (const name of readdirSync(join(FIXTURES, dir)).filter((n) => n.endsWith('.sse'))) {
      for (const line of fixtureRaw(`${dir}/${name}`).split(/\r?\n/)) {
        if (line.startsWith('data:') && line.slice(5).trim() !== '[DONE]') chunks.push(JSON.parse(line.slice(5)));
      }
    }
  }
  return chunks;
}

/** Shapes servers really send, and shapes they must not get away with. */
const trickyChunks: unknown[] = [
  { id: 'x', choices: null, usage: { total_tokens: 3, prompt_tokens_details: null }, extra: { nested: true } },
  { choices: [], usage: { completion_tokens: 10, completion_tokens_details: { reasoning_tokens: 4 } } },
  { choices: [{ index: 0, delta: { role: 'assistant', content: null, reasoning: 'hm' }, finish_reason: null }] },
  { choices: [{ delta: { tool_calls: [{ index: 0, id: 'c1', function: { name: 'f', arguments: { a: 1 } } }] } }] },
  { choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] } }] },
  { choices: [{ delta: { content: 5 } }] },
  { choices: [{ delta: { tool_calls: [{ function: { arguments: 7 } }] } }] },
  { choices: 'none' },
  { model: 42, usage: { total_tokens: '3' } },
  { usage: { total_tokens: Number.NaN } },
  null,
  'text',
  [],
];

const trickyCompletionChunks: unknown[] = [
  { choices: [{ index: 0, text: 'hello', finish_reason: null }], created: 1.5 },
  { choices: null, usage: { total_tokens: 1 } },
  { choices: [{ text: 3 }] },
  { id: ['no'] },
  undefined,
];

describe('compiled stream-chunk parsers', () => {
  it('agree with ChatChunkSchema on every recorded chunk and on malformed ones', () => {
    const recorded = recordedChatChunks();
    assert.ok(recorded.length >= 5, `only ${recorded.length} recorded chunks to compare`);
    const chunks = [...recorded, ...trickyChunks];
    let rejected = 0;
    for (const chunk of chunks) {
      const expected = verdict(ChatChunkSchema, chunk);
      if (!expected.ok) rejected++;
      assert.deepEqual(verdict(chatChunkParser(), chunk), expected, JSON.stringify(chunk));
    }
    assert.ok(rejected >= 7, 'the malformed chunks must be rejected');
  });

  it('agree with CompletionChunkSchema on the documented stream and malformed chunks', () => {
    const documented = JSON.parse(fixture('from-docs/FROM-DOCS_legacy-CompletionStreamResponse_openapi-examples.json')) as unknown[];
    for (const chunk of [...documented, ...trickyCompletionChunks]) {
      assert.deepEqual(verdict(completionChunkParser(), chunk), verdict(CompletionChunkSchema, chunk), JSON.stringify(chunk));
    }
  });

  it('keep English messages and paths for the log line of a rejected chunk', () => {
    const result = chatChunkParser().safeParse({ choices: [{ delta: { content: 5 } }] });
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues[0]?.path, ['choices', 0, 'delta', 'content']);
    assert.match(result.error?.issues[0]?.message ?? '', /expected string, received number/);
  });
});
