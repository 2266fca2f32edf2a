// The chat as it is stored and replayed: what the user wrote (and the context they attached),
// what the model answered, and enough bookkeeping to merge two windows' writes.
//
// This is the storage model, and it is the chat files' format: it does not follow the webview
// protocol (src/shared/protocol.ts). The host maps it to what the view shows
// (src/host/chat/messageView.ts), so changing the UI never changes what is on disk.
import type { FixAction } from '../client/errors';
import type { RequestFigures } from '../client/types';

export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error';

export type AttachmentKind = 'selection' | 'file' | 'openFile' | 'problems' | 'image';

/**
 * The figures under an answer, as the client measured them when it finished. The type is the
 * client's; what reads them back from disk is serialization.ts's schema, which must keep reading
 * old files whatever this type becomes (it is checked against this type at compile time).
 */
export type StoredMetrics = RequestFigures;

/** Why an answer failed and what would fix it (the button's words are the UI's business). */
export interface StoredError {
  message: string;
  action?: FixAction;
  /** For rate limits: when the user may retry (epoch ms). */
  retryAt?: number;
  requestId?: string;
}

/** An attachment with the text that goes to the model; the chip only shows `label`. */
export interface AttachmentContent {
  id: string;
  kind: AttachmentKind;
  label: string;
  detail?: string;
  /** Workspace-relative (or absolute) path, shown to the model in the fence header. */
  path?: string;
  /** VS Code language id, used as the fence's info string. */
  language?: string;
  /** The attached text (selection, file, problem list). Empty for images. */
  text: string;
  /** True when `text` was cut to the size cap. */
  truncated?: boolean;
}

export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  /** User: what they typed. Assistant: the answer (never includes reasoning). */
  text: string;
  reasoning?: string;
  status: MessageStatus;
  /** Context attached to a user message; its text is part of the prompt, not of `text`. */
  attachments?: AttachmentContent[];
  images?: string[];
  metrics?: StoredMetrics;
  error?: StoredError;
  model?: string;
  notice?: string;
  createdAt: number;
  /** Bumped on every change; the newer copy wins when two windows wrote the same message. */
  updatedAt: number;
}

export interface ChatRecord {
  schemaVersion: number;
  id: string;
  title: string;
  /** True once the user renamed the chat: the first message no longer decides the title. */
  titleSetByUser?: boolean;
  model: string;
  createdAt: number;
  updatedAt: number;
  /** Incremented by every write; a reader can tell its copy is stale. */
  revision: number;
  messages: StoredMessage[];
  /** Ids of messages removed by Regenerate / Edit and resend, so a merge does not bring them back. */
  deletedMessageIds: string[];
}

export function newChatRecord(id: string, model: string, now: number): ChatRecord {
  return {
    schemaVersion: CHAT_SCHEMA_VERSION,
    id,
    title: 'New chat',
    model,
    createdAt: now,
    updatedAt: now,
    revision: 0,
    messages: [],
    deletedMessageIds: [],
  };
}

export const CHAT_SCHEMA_VERSION = 2;

const TITLE_MAX = 60;

/** A title from the first user message: first line, whitespace collapsed, cut at a word. */
export function titleFrom(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '')?.replace(/\s+/g, ' ').trim() ?? '';
  if (line === '') return 'New chat';
  if (line.length <= TITLE_MAX) return line;
  const cut = line.slice(0, TITLE_MAX);
  const space = cut.lastIndexOf(' ');
  return `${space > 20 ? cut.slice(0, space) : cut}…`;
}
