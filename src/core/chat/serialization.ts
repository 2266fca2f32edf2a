// Chat files on disk: one JSON document per chat with a schema version. Reading validates the
// document and upgrades older versions; a file from a newer version of the extension is refused
// (and left untouched) rather than half-understood and overwritten.
// These schemas are the storage format and belong to core alone: the webview protocol may change
// without touching them (test/fixtures/chat holds files in every format we must keep reading).
// The schemas are built on the first read (z.lazy), not when the extension loads.
import * as z from 'zod/mini';
import '../zodLocale';
import { fixActionLabels, type FixAction } from '../client/errors';
import { CHAT_SCHEMA_VERSION, type ChatRecord, type StoredError, type StoredMetrics } from './model';

const attachmentContent = () =>
  z.object({
    id: z.string().check(z.minLength(1)),
    kind: z.enum(['selection', 'file', 'openFile', 'problems', 'image']),
    label: z.string(),
    detail: z.optional(z.string()),
    path: z.optional(z.string()),
    language: z.optional(z.string()),
    text: z.string(),
    truncated: z.optional(z.boolean()),
  });

const storedMetrics = () =>
  z.object({
    timeToFirstTokenMs: z.optional(z.number()),
    tokensPerSecond: z.optional(z.number()),
    promptTokens: z.optional(z.number()),
    completionTokens: z.number(),
    costUsd: z.optional(z.number()),
    basis: z.enum(['server', 'estimate']),
    model: z.string(),
    requestId: z.optional(z.string()),
  });

// The storage schema is written out, not derived from the client's figures type: a chat file
// must stay readable when the client's figures change. These two lines fail to compile when the
// two drift apart, so a new figure is a deliberate storage change (and a fixture in test/fixtures/chat).
// The webview protocol's copy (shared/protocol.ts) is pinned to the same type by
// test/unit/shared/figuresShape.test.ts.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? SameKeys<A, B> : false) : false;
export const STORED_METRICS_MATCH_FIGURES: Same<StoredMetrics, z.output<ReturnType<typeof storedMetrics>>> = true;

// Files written before storage had its own schema also hold `actionLabel` (the button's words):
// accepted and dropped, the view derives the label from the action. An action this version does
// not know (written by a newer one) is dropped too, keeping the message.
const storedError = () =>
  z.pipe(
    z.object({
      message: z.string(),
      action: z.optional(z.string()),
      retryAt: z.optional(z.number()),
      requestId: z.optional(z.string()),
    }),
    z.transform((e): StoredError => {
      const out: StoredError = { message: e.message };
      if (e.action !== undefined && Object.hasOwn(fixActionLabels, e.action)) out.action = e.action as FixAction;
      if (e.retryAt !== undefined) out.retryAt = e.retryAt;
      if (e.requestId !== undefined) out.requestId = e.requestId;
      return out;
    }),
  );

const storedMessage = () =>
  z.object({
    id: z.string().check(z.minLength(1)),
    role: z.enum(['user', 'assistant']),
    text: z.string(),
    reasoning: z.optional(z.string()),
    status: z.enum(['streaming', 'done', 'stopped', 'error']),
    attachments: z.optional(z.array(attachmentContent())),
    images: z.optional(z.array(z.string())),
    metrics: z.optional(storedMetrics()),
    error: z.optional(storedError()),
    model: z.optional(z.string()),
    notice: z.optional(z.string()),
    createdAt: z.number(),
    updatedAt: z.number(),
  });

const ChatRecordV2Schema = z.lazy(() =>
  z.object({
    schemaVersion: z.literal(2),
    id: z.string().check(z.minLength(1)),
    title: z.string(),
    titleSetByUser: z.optional(z.boolean()),
    model: z.string(),
    createdAt: z.number(),
    updatedAt: z.number(),
    revision: z.int().check(z.nonnegative()),
    messages: z.array(storedMessage()),
    deletedMessageIds: z.array(z.string()),
  }),
);

/** Version 1 (the first release): no revision, no tombstones, no per-message timestamps. */
const ChatRecordV1Schema = z.lazy(() =>
  z.object({
    schemaVersion: z.literal(1),
    id: z.string().check(z.minLength(1)),
    title: z.string(),
    model: z.string(),
    createdAt: z.number(),
    updatedAt: z.number(),
    messages: z.array(
      z.extend(z.omit(storedMessage(), { createdAt: true, updatedAt: true, attachments: true }), {
        attachments: z.optional(z.array(attachmentContent())),
      }),
    ),
  }),
);

export type ParseResult = { ok: true; chat: ChatRecord; migratedFrom?: number } | { ok: false; error: string };

function migrateV1(v1: z.infer<typeof ChatRecordV1Schema>): ChatRecord {
  return {
    schemaVersion: 2,
    id: v1.id,
    title: v1.title,
    model: v1.model,
    createdAt: v1.createdAt,
    updatedAt: v1.updatedAt,
    revision: 1,
    // v1 kept messages in order but without times; spread them so their order survives sorting.
    messages: v1.messages.map((m, i) => ({ ...m, createdAt: v1.createdAt + i, updatedAt: v1.updatedAt })),
    deletedMessageIds: [],
  };
}

function describe(error: z.core.$ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid';
}

/** Parses a chat file's text. Never throws. */
export function parseChatFile(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version !== 'number') return { ok: false, error: 'no schemaVersion' };
  if (version > CHAT_SCHEMA_VERSION) {
    return { ok: false, error: `written by a newer version of the extension (schema ${version})` };
  }
  if (version === 1) {
    const v1 = ChatRecordV1Schema.safeParse(json);
    return v1.success ? { ok: true, chat: migrateV1(v1.data), migratedFrom: 1 } : { ok: false, error: describe(v1.error) };
  }
  const v2 = ChatRecordV2Schema.safeParse(json);
  return v2.success ? { ok: true, chat: v2.data } : { ok: false, error: describe(v2.error) };
}

export function serializeChat(chat: ChatRecord): string {
  return `${JSON.stringify({ ...chat, schemaVersion: CHAT_SCHEMA_VERSION }, null, 1)}\n`;
}

/**
 * A message that was streaming when its window died will never finish: show it as stopped
 * (interrupted) with everything that arrived. Returns a new record; the input is not changed.
 */
export function markInterrupted(chat: ChatRecord, now: number): ChatRecord {
  if (!chat.messages.some((m) => m.status === 'streaming')) return chat;
  return {
    ...chat,
    messages: chat.messages.map((m) =>
      m.status === 'streaming'
        ? { ...m, status: 'stopped', notice: m.notice ?? 'Interrupted: the window closed before the answer finished.', updatedAt: now }
        : m,
    ),
  };
}
