import assert from 'node:assert/strict';
import { CHAT_SCHEMA_VERSION, titleFrom, toMessageView } from '../../../src/core/chat/model';
import { markInterrupted, parseChatFile, serializeChat } from '../../../src/core/chat/serialization';
import { MessageViewSchema } from '../../../src/shared/protocol';
import { chatWith, msg } from './helpers';

describe('chat files', () => {
  it('round-trips a chat with every optional field', () => {
    const chat = chatWith('c1', [
      msg('u1', 'user', 'Explain', 1, {
        attachments: [{ id: 'a1', kind: 'selection', label: 'app.ts:1-3', path: 'src/app.ts', language: 'typescript', text: 'let x' }],
        images: ['data:image/png;base64,AAAA'],
      }),
      msg('a1', 'assistant', 'It is', 2, {
        reasoning: 'hmm',
        metrics: { completionTokens: 3, basis: 'server', model: 'm', timeToFirstTokenMs: 10 },
        error: { message: 'Too many requests', action: 'retry', retryAt: 5 },
        status: 'error',
      }),
    ]);
    const parsed = parseChatFile(serializeChat(chat));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.chat, chat);
    assert.equal(parsed.migratedFrom, undefined);
  });

  it('upgrades a version 1 file, keeping message order', () => {
    const v1 = {
      schemaVersion: 1,
      id: 'old',
      title: 'Old chat',
      model: 'gpt-oss-120b',
      createdAt: 100,
      updatedAt: 200,
      messages: [
        { id: 'u', role: 'user', text: 'hi', status: 'done' },
        { id: 'a', role: 'assistant', text: 'hello', status: 'done' },
      ],
    };
    const parsed = parseChatFile(JSON.stringify(v1));
    assert.ok(parsed.ok);
    assert.equal(parsed.migratedFrom, 1);
    assert.equal(parsed.chat.schemaVersion, CHAT_SCHEMA_VERSION);
    assert.deepEqual(parsed.chat.deletedMessageIds, []);
    assert.deepEqual(
      parsed.chat.messages.map((m) => m.id),
      ['u', 'a'],
    );
    assert.ok(parsed.chat.messages[0].createdAt < parsed.chat.messages[1].createdAt);
  });

  it('refuses files it cannot understand, with a reason', () => {
    const cases: Array<[string, RegExp]> = [
      ['{', /not JSON/],
      ['{"id":"x"}', /no schemaVersion/],
      [JSON.stringify({ schemaVersion: 99 }), /newer version/],
      [JSON.stringify({ ...chatWith('c', []), messages: [{ id: 'm', role: 'robot' }] }), /messages\.0/],
    ];
    for (const [text, reason] of cases) {
      const parsed = parseChatFile(text);
      assert.equal(parsed.ok, false, text);
      if (!parsed.ok) assert.match(parsed.error, reason);
    }
  });

  it('marks an answer that was streaming when the window died as stopped, keeping its text', () => {
    const chat = chatWith('c', [msg('u', 'user', 'q', 1), msg('a', 'assistant', 'half an ans', 2, { status: 'streaming' })]);
    const recovered = markInterrupted(chat, 50);
    assert.equal(recovered.messages[1].status, 'stopped');
    assert.equal(recovered.messages[1].text, 'half an ans');
    assert.match(recovered.messages[1].notice ?? '', /Interrupted/);
    assert.equal(chat.messages[1].status, 'streaming', 'input untouched');
    assert.equal(markInterrupted(recovered, 60), recovered, 'nothing to do returns the same record');
  });

  it('derives titles from the first line and views that pass the protocol schema', () => {
    assert.equal(titleFrom('\n  Why   is this slow?\nmore'), 'Why is this slow?');
    assert.equal(titleFrom('   '), 'New chat');
    const long = titleFrom('word '.repeat(40));
    assert.ok(long.length <= 61 && long.endsWith('…'));
    const view = toMessageView(
      msg('u', 'user', 'q', 1, { attachments: [{ id: 'a', kind: 'file', label: 'x.ts', text: 'secret file body' }] }),
    );
    assert.ok(MessageViewSchema.safeParse(view).success);
    assert.equal(JSON.stringify(view).includes('secret file body'), false, 'attachment text stays in the host');
  });
});
