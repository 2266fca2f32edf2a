import type { ChatRecord, StoredMessage } from '../../../src/core/chat/model';
import { newChatRecord } from '../../../src/core/chat/model';

export function msg(id: string, role: 'user' | 'assistant', text: string, at: number, extra: Partial<StoredMessage> = {}): StoredMessage {
  return { id, role, text, status: 'done', createdAt: at, updatedAt: at, ...extra };
}

export function chatWith(id: string, messages: StoredMessage[], at = 1_000): ChatRecord {
  return { ...newChatRecord(id, 'Meta-Llama-3.3-70B-Instruct', at), title: 'T', messages, updatedAt: at };
}
