import assert from 'node:assert/strict';
import { mergeChats } from '../../../src/core/chat/merge';
import { chatWith, msg } from './helpers';

describe('merging two windows\' copies of a chat', () => {
  it('keeps messages each window added and orders them by time', () => {
    const disk = chatWith('c', [msg('u1', 'user', 'a', 1), msg('x1', 'assistant', 'b', 2), msg('u2', 'user', 'from B', 5)], 5);
    const mine = chatWith('c', [msg('u1', 'user', 'a', 1), msg('x1', 'assistant', 'b', 2), msg('u3', 'user', 'from A', 4)], 4);
    const merged = mergeChats(disk, mine);
    assert.deepEqual(
      merged.messages.map((m) => m.id),
      ['u1', 'x1', 'u3', 'u2'],
    );
    assert.equal(merged.updatedAt, 5);
  });

  it('takes the copy of a message changed last (a stream that went on in the other window)', () => {
    const disk = chatWith('c', [msg('a', 'assistant', 'partial and more', 1, { status: 'streaming', updatedAt: 9 })]);
    const mine = chatWith('c', [msg('a', 'assistant', 'partial', 1, { status: 'stopped', updatedAt: 3 })]);
    assert.equal(mergeChats(disk, mine).messages[0].text, 'partial and more');
    assert.equal(mergeChats(mine, disk).messages[0].text, 'partial and more');
  });

  it('does not bring back messages one window deleted', () => {
    const disk = chatWith('c', [msg('u', 'user', 'q', 1), msg('old', 'assistant', 'first answer', 2)]);
    const mine = { ...chatWith('c', [msg('u', 'user', 'q', 1), msg('new', 'assistant', 'second', 3)]), deletedMessageIds: ['old'] };
    const merged = mergeChats(disk, mine);
    assert.deepEqual(
      merged.messages.map((m) => m.id),
      ['u', 'new'],
    );
    assert.deepEqual(mergeChats(merged, disk).messages.map((m) => m.id), ['u', 'new'], 'the tombstone travels');
  });

  it('keeps a title the user chose over one derived later', () => {
    const disk = { ...chatWith('c', [], 2), title: 'My name', titleSetByUser: true };
    const mine = { ...chatWith('c', [], 8), title: 'Derived' };
    assert.equal(mergeChats(disk, mine).title, 'My name');
    assert.equal(mergeChats(mine, disk).title, 'My name');
  });
});
