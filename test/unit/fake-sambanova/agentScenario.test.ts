import assert from 'node:assert/strict';
import { startFakeSambaNova, type FakeSambaNova } from '../../../test/fake-sambanova';

// The stand-in's `agent` scenario over HTTP, as VS Code's agent drives it: read, then create from
// what was read, then done.
describe('fake SambaNova: agent scenario', () => {
  let server: FakeSambaNova;
  before(async () => (server = await startFakeSambaNova({ scenario: 'agent' })));
  after(() => server.close());

  const tools = [
    { type: 'function', function: { name: 'read_file', parameters: { type: 'object', properties: { filePath: { type: 'string' } } } } },
    { type: 'function', function: { name: 'create_file', parameters: { type: 'object', properties: { filePath: { type: 'string' }, content: { type: 'string' } } } } },
  ];
  const task = { role: 'user', content: '<userRequest>AGENT-TASK: copy the phrase from /ws/notes.txt into /ws/shout.txt in capital letters</userRequest>' };

  async function ask(messages: unknown[], withTools = true): Promise<{ calls: Array<{ name: string; args: Record<string, unknown> }>; text: string }> {
    const res = await fetch(`${server.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sn-test', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-oss-120b', messages, ...(withTools ? { tools } : {}), stream: false }),
    });
    const body = (await res.json()) as { choices: Array<{ message: { content?: string; tool_calls?: Array<{ function: { name: string; arguments: string } }> } }> };
    const message = body.choices[0]!.message;
    return { calls: (message.tool_calls ?? []).map((c) => ({ name: c.function.name, args: JSON.parse(c.function.arguments) as Record<string, unknown> })), text: message.content ?? '' };
  }

  it('reads the first file, creates the second from what the tool returned, then says it is done', async () => {
    const first = await ask([{ role: 'system', content: 'You are an agent.' }, task]);
    assert.deepEqual(first.calls, [{ name: 'read_file', args: { filePath: '/ws/notes.txt', startLine: 1, endLine: 50 } }]);
    const readCall = { role: 'assistant', content: '', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{}' } }] };
    const second = await ask([task, readCall, { role: 'tool', tool_call_id: 'call_1', content: '```\nphrase: blue harbor 42\n```' }]);
    assert.deepEqual(second.calls, [{ name: 'create_file', args: { filePath: '/ws/shout.txt', content: 'BLUE HARBOR 42\n' } }]);
    const createCall = { role: 'assistant', content: '', tool_calls: [{ id: 'call_2', type: 'function', function: { name: 'create_file', arguments: '{}' } }] };
    const third = await ask([task, readCall, { role: 'tool', tool_call_id: 'call_1', content: 'phrase: blue harbor 42' }, createCall, { role: 'tool', tool_call_id: 'call_2', content: 'ok' }]);
    assert.deepEqual(third.calls, []);
    assert.match(third.text, /^Done: \/ws\/shout\.txt/);
    const recorded = server.requests.at(-1)?.agent;
    assert.equal(recorded?.tools, 2);
  });

  it('answers ordinarily without tools (a chat title, a summary)', async () => {
    const plain = await ask([task], false);
    assert.deepEqual(plain.calls, []);
    assert.ok(plain.text.length > 0);
    assert.equal(server.requests.at(-1)?.agent, undefined);
  });
});
