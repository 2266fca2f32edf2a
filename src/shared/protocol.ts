// The one protocol between the extension host and the chat webview. Both sides validate every
// message they receive with these schemas (safeParse) and drop what does not match.
//
// Load time: this module is evaluated when the chat first loads in the extension host (not at
// activation: only types are imported before that) and when the webview loads. zod/mini validates exactly like classic zod but loads in a fraction of the time, and every
// schema is wrapped in z.lazy so it is built when it first parses, not at import (building
// them all took ~10 ms). A namespace import lets esbuild drop the parts of zod we do not use.
import * as z from 'zod/mini';

const id = z.lazy(() => z.string().check(z.minLength(1), z.maxLength(200)));
const text = z.lazy(() => z.string().check(z.maxLength(2_000_000)));

export const FixActionSchema = z.lazy(() =>
  z.enum(['setApiKey', 'allowKeyHost', 'chooseModel', 'retry', 'openBilling', 'openSettings', 'showLog', 'newChat']),
);

// The figures of one answer. Declared again, on purpose, as core's RequestFigures and as the chat
// file's schema (core/chat/serialization.ts): shared and core may not import each other, and the
// file format must not follow a protocol change by accident. test/unit/shared/figuresShape.test.ts
// fails to compile when the three drift apart.
export const MetricsViewSchema = z.lazy(() =>
  z.object({
    timeToFirstTokenMs: z.optional(z.number()),
    tokensPerSecond: z.optional(z.number()),
    promptTokens: z.optional(z.number()),
    completionTokens: z.number(),
    costUsd: z.optional(z.number()),
    basis: z.enum(['server', 'estimate']),
    model: z.string(),
    requestId: z.optional(z.string()),
  }),
);
export type MetricsView = z.infer<typeof MetricsViewSchema>;

export const ErrorViewSchema = z.lazy(() =>
  z.object({
    message: z.string(),
    action: z.optional(FixActionSchema),
    actionLabel: z.optional(z.string()),
    /** For rate limits: when the user may retry (epoch ms); the webview shows a countdown. */
    retryAt: z.optional(z.number()),
    requestId: z.optional(z.string()),
  }),
);
export type ErrorView = z.infer<typeof ErrorViewSchema>;

export const AttachmentKindSchema = z.lazy(() =>
  z.enum(['selection', 'file', 'openFile', 'problems', 'image']),
);
export const AttachmentViewSchema = z.lazy(() =>
  z.object({
    id,
    kind: AttachmentKindSchema,
    /** Short label for the chip, e.g. "app.ts:10-24" or "Problems in app.ts (3)". */
    label: z.string().check(z.maxLength(500)),
    /** Tooltip: path and size. */
    detail: z.optional(z.string().check(z.maxLength(2000))),
  }),
);
export type AttachmentView = z.infer<typeof AttachmentViewSchema>;

export const MessageStatusSchema = z.lazy(() => z.enum(['streaming', 'done', 'stopped', 'error']));

export const MessageViewSchema = z.lazy(() =>
  z.object({
    id,
    role: z.enum(['user', 'assistant']),
    text,
    reasoning: z.optional(text),
    status: MessageStatusSchema,
    attachments: z.optional(z.array(AttachmentViewSchema)),
    /** data: URLs of images the user attached (vision models). */
    images: z.optional(z.array(z.string().check(z.maxLength(20_000_000)))),
    metrics: z.optional(MetricsViewSchema),
    error: z.optional(ErrorViewSchema),
    model: z.optional(z.string()),
    /** Shown above an answer when older turns were left out to fit the model's context. */
    notice: z.optional(z.string()),
    /** While a streaming answer waits to start, why and for how long (e.g. a 429 retry countdown); the host updates it. */
    waiting: z.optional(z.string().check(z.maxLength(500))),
  }),
);
export type MessageView = z.infer<typeof MessageViewSchema>;

export const ModelOptionSchema = z.lazy(() =>
  z.object({
    id: z.string(),
    contextLength: z.optional(z.number()),
    /** USD per million tokens, for display. */
    promptPricePerM: z.optional(z.number()),
    completionPricePerM: z.optional(z.number()),
    /** Accepts images (vision model); the composer refuses images for the others. */
    vision: z.optional(z.boolean()),
  }),
);
export type ModelOption = z.infer<typeof ModelOptionSchema>;

export const ChatSummarySchema = z.lazy(() =>
  z.object({
    id,
    title: z.string(),
    updatedAt: z.number(),
    messageCount: z.number(),
    /** First words of the chat, for search. */
    preview: z.string(),
  }),
);
export type ChatSummary = z.infer<typeof ChatSummarySchema>;

export const ChatStateSchema = z.lazy(() =>
  z.object({
    chatId: id,
    title: z.string(),
    messages: z.array(MessageViewSchema),
    model: z.string(),
  }),
);
export type ChatState = z.infer<typeof ChatStateSchema>;

// ---- host -> webview ----

export const HostMessageSchema = z.lazy(() =>
  z.discriminatedUnion('type', [
    /** Everything the view shows; sent on load, reload, new chat and chat switch. */
    z.object({
      type: z.literal('state'),
      chat: ChatStateSchema,
      hasKey: z.boolean(),
      models: z.array(ModelOptionSchema),
      attachments: z.array(AttachmentViewSchema),
      draft: z.string(),
      /** Where requests go, e.g. "api.sambanova.ai", shown on the welcome screen. */
      endpointHost: z.string(),
      busy: z.boolean(),
    }),
    z.object({ type: z.literal('messageAdded'), message: MessageViewSchema }),
    /** Appends to a streaming assistant message. Several tokens per delta. */
    z.object({
      type: z.literal('delta'),
      messageId: id,
      text: z.optional(z.string()),
      reasoning: z.optional(z.string()),
    }),
    /** Replaces a message wholesale (final state: metrics, error, stopped...). */
    z.object({ type: z.literal('messageUpdated'), message: MessageViewSchema }),
    z.object({ type: z.literal('messagesTruncated'), afterMessageId: z.nullable(id) }),
    z.object({ type: z.literal('busy'), busy: z.boolean() }),
    z.object({ type: z.literal('keyState'), hasKey: z.boolean(), endpointHost: z.string() }),
    z.object({ type: z.literal('models'), models: z.array(ModelOptionSchema), selected: z.string() }),
    z.object({ type: z.literal('attachments'), attachments: z.array(AttachmentViewSchema) }),
    /** `query`: the search this list answers (absent: every chat). */
    z.object({ type: z.literal('history'), chats: z.array(ChatSummarySchema), query: z.optional(z.string()) }),
    z.object({ type: z.literal('focusInput') }),
    z.object({ type: z.literal('showHistory') }),
  ]),
);
export type HostMessage = z.infer<typeof HostMessageSchema>;

// ---- webview -> host ----

const codeActionShape = () => ({
  code: text,
  language: z.optional(z.string().check(z.maxLength(100))),
});

export const WebviewMessageSchema = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('ready') }),
    z.object({
      type: z.literal('send'),
      text,
      /** data:image/...;base64 URLs pasted or dropped into the input. */
      images: z.optional(z.array(z.string().check(z.maxLength(20_000_000))).check(z.maxLength(8))),
    }),
    z.object({ type: z.literal('stop') }),
    z.object({ type: z.literal('regenerate'), messageId: id }),
    z.object({ type: z.literal('editResend'), messageId: id, text }),
    z.object({ type: z.literal('newChat') }),
    z.object({ type: z.literal('copy'), text }),
    z.object({ type: z.literal('insertCode'), ...codeActionShape() }),
    z.object({ type: z.literal('applyCode'), ...codeActionShape() }),
    z.object({ type: z.literal('newFile'), ...codeActionShape() }),
    z.object({ type: z.literal('openLink'), href: z.string().check(z.maxLength(10_000)) }),
    z.object({ type: z.literal('fixAction'), action: FixActionSchema, messageId: z.optional(id) }),
    z.object({ type: z.literal('selectModel'), model: z.string().check(z.maxLength(300)) }),
    z.object({ type: z.literal('attach'), kind: z.enum(['selection', 'file', 'openFiles', 'problems']) }),
    z.object({ type: z.literal('removeAttachment'), id }),
    z.object({ type: z.literal('draft'), text }),
    /** `query` searches whole conversations on the host (every word must match). */
    z.object({ type: z.literal('requestHistory'), query: z.optional(z.string().check(z.maxLength(500))) }),
    z.object({ type: z.literal('openChat'), chatId: id }),
    z.object({ type: z.literal('renameChat'), chatId: id, title: z.string().check(z.maxLength(300)) }),
    z.object({ type: z.literal('deleteChat'), chatId: id }),
    z.object({ type: z.literal('exportChat'), chatId: id }),
  ]),
);
export type WebviewMessage = z.infer<typeof WebviewMessageSchema>;
