// Two windows may write the same chat (the same chat open in both, or one window resuming a chat
// the other is still streaming into). Before every write the store re-reads the file and merges:
// messages are matched by id and the copy changed last wins; removals are remembered as
// tombstones so a merge never brings back an answer the user regenerated away.
import type { ChatRecord, StoredMessage } from './model';

function newer(a: StoredMessage, b: StoredMessage): StoredMessage {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  // Same instant: prefer the copy with more text (a stream that got further).
  return b.text.length + (b.reasoning?.length ?? 0) > a.text.length + (a.reasoning?.length ?? 0) ? b : a;
}

/** Merges what is on disk with what this window holds. Neither input is changed. */
export function mergeChats(onDisk: ChatRecord, mine: ChatRecord): ChatRecord {
  const deleted = new Set([...onDisk.deletedMessageIds, ...mine.deletedMessageIds]);
  const byId = new Map<string, StoredMessage>();
  for (const m of [...onDisk.messages, ...mine.messages]) {
    if (deleted.has(m.id)) continue;
    const seen = byId.get(m.id);
    byId.set(m.id, seen ? newer(seen, m) : m);
  }
  const messages = [...byId.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const titleFrom = pickTitleSource(onDisk, mine);
  return {
    ...mine,
    title: titleFrom.title,
    titleSetByUser: titleFrom.titleSetByUser,
    model: mine.updatedAt >= onDisk.updatedAt ? mine.model : onDisk.model,
    createdAt: Math.min(onDisk.createdAt, mine.createdAt),
    updatedAt: Math.max(onDisk.updatedAt, mine.updatedAt),
    revision: Math.max(onDisk.revision, mine.revision),
    messages,
    deletedMessageIds: [...deleted],
  };
}

function pickTitleSource(onDisk: ChatRecord, mine: ChatRecord): ChatRecord {
  // A name the user chose beats one derived from the first message, whichever window wrote last.
  if (onDisk.titleSetByUser && !mine.titleSetByUser) return onDisk;
  if (mine.titleSetByUser && !onDisk.titleSetByUser) return mine;
  return mine.updatedAt >= onDisk.updatedAt ? mine : onDisk;
}
