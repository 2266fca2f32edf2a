import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { CHAT_SCHEMA_VERSION, titleFrom } from '../../../src/core/chat/model';
import { markInterrupted, parseChatFile, serializeChat } from '../../../src/core/chat/serialization';
import { toMessageView } from '../../../src/host/chat/messageView';
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

describe('chat files in earlier formats', () => {
  const fixtures = join(__dirname, '../../fixtures/chat');

  it('loads a chat saved before storage had its own schema (v2, November 2026), labels and all', async () => {
    const parsed = parseChatFile(await fs.readFile(join(fixtures, 'v2-2026-11.json'), 'utf8'));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    const chat = parsed.chat;
    assert.equal(chat.title, 'Why is this loop slow?');
    assert.equal(chat.revision, 7);
    assert.deepEqual(chat.deletedMessageIds, ['7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b']);
    assert.deepEqual(chat.messages.map((m) => [m.role, m.status]), [
      ['user', 'done'],
      ['assistant', 'done'],
      ['user', 'done'],
      ['assistant', 'error'],
    ]);
    assert.equal(chat.messages[0].attachments?.[0].text, 'for (const x of xs) {\n  out = out.concat([x]);\n}');
    assert.equal(chat.messages[1].reasoning, 'The user concatenates inside a loop.');
    assert.equal(chat.messages[1].metrics?.tokensPerSecond, 410.5);
    // The stored button label is not part of storage any more; the action and countdown are.
    assert.deepEqual(chat.messages[3].error, {
      message: 'SambaNova is rate limiting this key. Wait a moment and try again.',
      action: 'retry',
      retryAt: 1764461030000,
      requestId: 'req-2',
    });
    // What the view gets still has the label, from the one table of labels.
    const view = toMessageView(chat.messages[3]);
    assert.equal(view.error?.actionLabel, 'Retry');
    for (const m of chat.messages) assert.ok(MessageViewSchema.safeParse(toMessageView(m)).success);
    // Saved again, it reads back the same.
    const again = parseChatFile(serializeChat(chat));
    assert.ok(again.ok);
    assert.deepEqual(again.chat, chat);
  });

  it('keeps the message when a stored error names an action this version does not know', () => {
    const text = JSON.stringify({
      schemaVersion: 2, id: 'c', title: 't', model: 'm', createdAt: 1, updatedAt: 1, revision: 1, deletedMessageIds: [],
      messages: [{ id: 'a', role: 'assistant', text: '', status: 'error', createdAt: 1, updatedAt: 1, error: { message: 'm', action: 'fromTheFuture' } }],
    });
    const parsed = parseChatFile(text);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    assert.deepEqual(parsed.chat.messages[0].error, { message: 'm' });
  });
});
