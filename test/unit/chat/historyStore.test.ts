import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { withFileLock, writeFileAtomic } from '../../../src/core/chat/atomicFile';
import { ChatHistoryStore, searchChats } from '../../../src/core/chat/historyStore';
import { chatWith, msg } from './helpers';

describe('chat history store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'sn-history-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes one file per chat and lists them newest first', async () => {
    const store = new ChatHistoryStore(dir);
    await store.save(chatWith('a', [msg('u', 'user', 'first chat', 1)], 10));
    await store.save(chatWith('b', [msg('u', 'user', 'second chat', 1)], 20));
    await store.save(chatWith('empty', [], 30));
    assert.deepEqual((await fs.readdir(dir)).sort(), ['a.json', 'b.json', 'empty.json']);
    const list = await store.list();
    assert.deepEqual(
      list.map((c) => c.id),
      ['b', 'a'],
      'empty chats are not listed',
    );
    assert.deepEqual((await store.search('FIRST')).map((c) => c.id), ['a']);
    assert.deepEqual((await store.search('chat second')).map((c) => c.id), ['b']);
  });

  it('bumps the revision and merges what another window wrote', async () => {
    const windowA = new ChatHistoryStore(dir);
    const windowB = new ChatHistoryStore(dir);
    const base = chatWith('c', [msg('u1', 'user', 'q', 1)], 1);
    const first = await windowA.save(base);
    assert.ok(first);
    assert.equal(first.revision, 1);
    await windowB.save({ ...first, messages: [...first.messages, msg('b1', 'assistant', 'from B', 5)], updatedAt: 5 });
    const fromA = await windowA.save({ ...first, messages: [...first.messages, msg('a1', 'user', 'from A', 3)], updatedAt: 3 });
    assert.ok(fromA);
    assert.deepEqual(
      fromA.messages.map((m) => m.id),
      ['u1', 'a1', 'b1'],
    );
    assert.equal(fromA.revision, 3);
    assert.deepEqual((await windowB.load('c'))?.messages.map((m) => m.id), ['u1', 'a1', 'b1']);
  });

  it('loses no message when many writers save at once', async () => {
    const stores = Array.from({ length: 8 }, () => new ChatHistoryStore(dir));
    await Promise.all(
      stores.map((s, i) => s.save(chatWith('c', [msg(`m${i}`, 'user', `writer ${i}`, i)], i))),
    );
    const chat = await stores[0].load('c');
    assert.equal(chat?.messages.length, 8);
    assert.equal(chat?.revision, 8);
    assert.deepEqual(
      (await fs.readdir(dir)).filter((n) => n !== 'c.json'),
      [],
      'no temp or lock files are left behind',
    );
  });

  it('merges writes from separate processes', async function () {
    this.timeout(30_000);
    const script = `
      const { ChatHistoryStore } = require(${JSON.stringify(join(__dirname, '../../../src/core/chat/historyStore.ts'))});
      const [dir, who] = process.argv.slice(-2);
      const store = new ChatHistoryStore(dir);
      (async () => {
        for (let i = 0; i < 15; i++) {
          const id = who + '-' + i;
          const now = Date.now();
          await store.save({ schemaVersion: 2, id: 'shared', title: 't', model: 'm', createdAt: 1, updatedAt: now, revision: 0,
            messages: [{ id, role: 'user', text: id, status: 'done', createdAt: now, updatedAt: now }], deletedMessageIds: [] });
        }
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const run = promisify(execFile);
    await Promise.all(['p1', 'p2', 'p3'].map((who) => run(process.execPath, ['--import', 'tsx', '-e', script, dir, who])));
    const chat = await new ChatHistoryStore(dir).load('shared');
    assert.equal(chat?.messages.length, 45);
    assert.equal(chat?.revision, 45);
  });

  it('renames, deletes, and refuses ids that are not ours', async () => {
    const store = new ChatHistoryStore(dir);
    await store.save(chatWith('c', [msg('u', 'user', 'q', 1)]));
    const renamed = await store.rename('c', '  Better   name ');
    assert.equal(renamed?.title, 'Better name');
    assert.equal(renamed?.titleSetByUser, true);
    await store.delete('c');
    assert.equal(await store.load('c'), undefined);
    assert.throws(() => store.pathOf('../../etc/passwd'), /Not a chat id/);
  });

  it('keeps an unreadable file aside instead of overwriting it', async () => {
    const warnings: string[] = [];
    const store = new ChatHistoryStore(dir, { onWarning: (w) => warnings.push(w) });
    await fs.writeFile(join(dir, 'c.json'), JSON.stringify({ schemaVersion: 7, secret: 'from the future' }));
    assert.equal(await store.load('c'), undefined);
    await store.save(chatWith('c', [msg('u', 'user', 'q', 1)]));
    const names = await fs.readdir(dir);
    const aside = names.find((n) => n.startsWith('c.json.unreadable-'));
    assert.ok(aside, names.join(','));
    assert.match(await fs.readFile(join(dir, aside), 'utf8'), /from the future/);
    assert.equal(warnings.length, 2);
  });

  it('atomic writes leave the old content or the new, and stale locks are broken', async () => {
    const file = join(dir, 'f.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    assert.equal(await fs.readFile(file, 'utf8'), 'two');
    await fs.writeFile(`${file}.lock`, '999999');
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(`${file}.lock`, old, old);
    assert.equal(await withFileLock(file, async () => 'ran'), 'ran');
    await fs.writeFile(`${file}.lock`, 'fresh');
    await assert.rejects(withFileLock(file, async () => 'never', { timeoutMs: 50 }), /Timed out/);
  });

  it('a chat deleted in one window is not brought back when another window saves it', async () => {
    const windowA = new ChatHistoryStore(dir);
    const windowB = new ChatHistoryStore(dir);
    const saved = await windowA.save(chatWith('c', [msg('u1', 'user', 'q', 1)], 1));
    assert.ok(saved);
    // B has the same chat open; A deletes it; B streams on and saves.
    const inB = await windowB.load('c');
    assert.ok(inB);
    await windowA.delete('c');
    const fromB = await windowB.save({ ...inB, messages: [...inB.messages, msg('a1', 'assistant', 'late answer', 5)], updatedAt: 5 });
    assert.equal(fromB, undefined, 'the save says the chat is gone');
    assert.equal(await windowA.load('c'), undefined);
    assert.equal(await windowB.load('c'), undefined);
    assert.deepEqual(await windowA.list(), []);
    assert.equal(await windowB.isDeleted('c'), true);
    assert.equal(await windowA.rename('c', 'revived?'), undefined);
    assert.deepEqual((await fs.readdir(dir)).sort(), ['c.deleted'], 'only the tombstone is left');
  });

  it('delete and a concurrent save from another window end deleted, whichever runs first', async () => {
    for (let round = 0; round < 10; round++) {
      const id = `r${round}`;
      const windowA = new ChatHistoryStore(dir);
      const windowB = new ChatHistoryStore(dir);
      await windowA.save(chatWith(id, [msg('u1', 'user', 'q', 1)], 1));
      const inB = (await windowB.load(id))!;
      await Promise.all([
        windowA.delete(id),
        windowB.save({ ...inB, messages: [...inB.messages, msg(`b${round}`, 'assistant', 'x', 2)], updatedAt: 2 }),
      ]);
      assert.equal(await windowA.load(id), undefined, `round ${round}`);
    }
  });

  it('searches whole conversations, not only titles and the start', async () => {
    const store = new ChatHistoryStore(dir);
    const long = 'filler words '.repeat(100);
    await store.save(
      chatWith('deep', [
        msg('u1', 'user', `How do I start? ${long}`, 1),
        msg('a1', 'assistant', `${long} Use a WeakMap keyed by the element.`, 2),
        msg('u2', 'user', 'And the cleanup?', 3, { attachments: [{ id: 'x', kind: 'file', label: 'registry.ts', text: 'body' }] }),
      ], 10),
    );
    await store.save(chatWith('other', [msg('u1', 'user', 'Something else about maps', 1)], 20));
    const hits = await store.search('weakmap ELEMENT');
    assert.deepEqual(hits.map((c) => c.id), ['deep']);
    assert.match(hits[0].preview, /Use a WeakMap keyed by the element\./);
    assert.ok(hits[0].preview.length <= 202, 'the snippet stays short');
    assert.deepEqual((await store.search('registry.ts')).map((c) => c.id), ['deep'], 'attachment names count');
    assert.deepEqual((await store.search('cleanup maps')).map((c) => c.id), [], 'every word must match in one chat');
    assert.deepEqual((await store.search('maps')).map((c) => c.id), ['other']);
    assert.deepEqual((await store.search('  ')).map((c) => c.id), ['other', 'deep'], 'an empty query lists everything');
    assert.deepEqual(searchChats([], 'x'), []);
  });
});
