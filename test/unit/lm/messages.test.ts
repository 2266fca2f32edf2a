import * as assert from 'node:assert/strict';
import { IMAGE_OMITTED, estimateMessageTokens, toChatMessages, toToolDefinitions, type LmMessage } from '../../../src/core/lm/messages';
import { buildChatBody } from '../../../src/core/client/params';
import { templateOverhead } from '../../../src/core/lm/tokenEstimate';

const text = (t: string) => ({ type: 'text' as const, text: t });

describe('lm messages -> SambaNova request', () => {
  it('sends text as one string per message, system first', () => {
    const out = toChatMessages(
      [
        { role: 'system', parts: [text('Be brief.')] },
        { role: 'user', parts: [text('Hello '), text('there')] },
        { role: 'assistant', parts: [text('Hi.')] },
      ],
      { imageInput: false },
    );
    assert.deepEqual(out, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello there' },
      { role: 'assistant', content: 'Hi.' },
    ]);
  });

  it('turns a tool round trip into assistant tool_calls followed by tool messages', () => {
    const conversation: LmMessage[] = [
      { role: 'user', parts: [text('Weather in Boston?')] },
      { role: 'assistant', parts: [{ type: 'toolCall', callId: 'call_1', name: 'get_weather', input: { city: 'Boston' } }] },
      { role: 'user', parts: [{ type: 'toolResult', callId: 'call_1', text: '{"temp":21}' }, text('And tomorrow?')] },
    ];
    const out = toChatMessages(conversation, { imageInput: false });
    assert.deepEqual(out, [
      { role: 'user', content: 'Weather in Boston?' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Boston"}' }] },
      { role: 'tool', toolCallId: 'call_1', content: '{"temp":21}' },
      { role: 'user', content: 'And tomorrow?' },
    ]);
    // And on the wire, in SambaNova's (OpenAI's) field names.
    const body = buildChatBody({ model: 'm', messages: out, tools: toToolDefinitions([{ name: 'get_weather', inputSchema: { type: 'object' } }]) }, true);
    const wire = body.messages as Array<Record<string, unknown>>;
    assert.deepEqual(wire[1]!.tool_calls, [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Boston"}' } }]);
    assert.equal(wire[2]!.tool_call_id, 'call_1');
    assert.deepEqual(body.tools, [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }]);
  });

  it('sends images as base64 data URLs to vision models only', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const message: LmMessage = { role: 'user', parts: [text('What is this?'), { type: 'image', mimeType: 'image/png', data: png }] };
    const vision = toChatMessages([message], { imageInput: true });
    assert.deepEqual(vision[0]!.content, [
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw==' } },
    ]);
    const textOnly = toChatMessages([message], { imageInput: false });
    assert.equal(textOnly[0]!.content, `What is this?\n${IMAGE_OMITTED}`);
  });

  it('drops messages with nothing to send and keeps tool schemas usable', () => {
    assert.deepEqual(toChatMessages([{ role: 'user', parts: [] }], { imageInput: false }), []);
    assert.equal(toToolDefinitions([]), undefined);
    assert.deepEqual(toToolDefinitions([{ name: 'now', description: 'Current time' }]), [
      { name: 'now', description: 'Current time', parameters: { type: 'object', properties: {} } },
    ]);
  });

  it('counts tool calls, tool results and images in a message', () => {
    const o = templateOverhead('llama3');
    const plain = estimateMessageTokens({ role: 'user', parts: [text('hello')] }, o);
    const withResult = estimateMessageTokens({ role: 'user', parts: [text('hello'), { type: 'toolResult', callId: 'c', text: 'x'.repeat(400) }] }, o);
    assert.ok(withResult >= plain + 100 + o.perMessage);
    const withImage = estimateMessageTokens({ role: 'user', parts: [{ type: 'image', mimeType: 'image/png', data: new Uint8Array(4) }] }, o);
    assert.ok(withImage > 1000);
  });
});
