// The one protocol between the extension host and the chat webview. Both sides validate every
// message they receive with these schemas (safeParse) and drop what does not match.
// A namespace import lets esbuild drop the parts of zod we do not use (all its locales: ~350 KB).
import * as z from 'zod';

const id = z.string().min(1).max(200);
const text = z.string().max(2_000_000);

export const FixActionSchema = z.enum([
  'setApiKey',
  'chooseModel',
  'retry',
  'openBilling',
  'openSettings',
  'showLog',
  'newChat',
]);

export const MetricsViewSchema = z.object({
  timeToFirstTokenMs: z.number().optional(),
  tokensPerSecond: z.number().optional(),
  promptTokens: z.number().optional(),
  completionTokens: z.number(),
  costUsd: z.number().optional(),
  basis: z.enum(['server', 'estimate']),
  model: z.string(),
  requestId: z.string().optional(),
});
export type MetricsView = z.infer<typeof MetricsViewSchema>;

export const ErrorViewSchema = z.object({
  message: z.string(),
  action: FixActionSchema.optional(),
  actionLabel: z.string().optional(),
  /** For rate limits: when the user may retry (epoch ms); the webview shows a countdown. */
  retryAt: z.number().optional(),
  requestId: z.string().optional(),
});
export type ErrorView = z.infer<typeof ErrorViewSchema>;

export const AttachmentKindSchema = z.enum(['selection', 'file', 'openFile', 'problems', 'image']);
export const AttachmentViewSchema = z.object({
  id,
  kind: AttachmentKindSchema,
  /** Short label for the chip, e.g. "app.ts:10-24" or "Problems in app.ts (3)". */
  label: z.string().max(500),
  /** Tooltip: path and size. */
  detail: z.string().max(2000).optional(),
});
export type AttachmentView = z.infer<typeof AttachmentViewSchema>;

export const MessageStatusSchema = z.enum(['streaming', 'done', 'stopped', 'error']);

export const MessageViewSchema = z.object({
  id,
  role: z.enum(['user', 'assistant']),
  text,
  reasoning: text.optional(),
  status: MessageStatusSchema,
  attachments: z.array(AttachmentViewSchema).optional(),
  /** data: URLs of images the user attached (vision models). */
  images: z.array(z.string().max(20_000_000)).optional(),
  metrics: MetricsViewSchema.optional(),
  error: ErrorViewSchema.optional(),
  model: z.string().optional(),
  /** Shown above an answer when older turns were left out to fit the model's context. */
  notice: z.string().optional(),
});
export type MessageView = z.infer<typeof MessageViewSchema>;

export const ModelOptionSchema = z.object({
  id: z.string(),
  contextLength: z.number().optional(),
  /** USD per million tokens, for display. */
  promptPricePerM: z.number().optional(),
  completionPricePerM: z.number().optional(),
});
export type ModelOption = z.infer<typeof ModelOptionSchema>;

export const ChatSummarySchema = z.object({
  id,
  title: z.string(),
  updatedAt: z.number(),
  messageCount: z.number(),
  /** First words of the chat, for search. */
  preview: z.string(),
});
export type ChatSummary = z.infer<typeof ChatSummarySchema>;

export const ChatStateSchema = z.object({
  chatId: id,
  title: z.string(),
  messages: z.array(MessageViewSchema),
  model: z.string(),
});
export type ChatState = z.infer<typeof ChatStateSchema>;

// ---- host -> webview ----

export const HostMessageSchema = z.discriminatedUnion('type', [
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
  z.object({ type: z.literal('delta'), messageId: id, text: z.string().optional(), reasoning: z.string().optional() }),
  /** Replaces a message wholesale (final state: metrics, error, stopped...). */
  z.object({ type: z.literal('messageUpdated'), message: MessageViewSchema }),
  z.object({ type: z.literal('messagesTruncated'), afterMessageId: id.nullable() }),
  z.object({ type: z.literal('busy'), busy: z.boolean() }),
  z.object({ type: z.literal('keyState'), hasKey: z.boolean(), endpointHost: z.string() }),
  z.object({ type: z.literal('models'), models: z.array(ModelOptionSchema), selected: z.string() }),
  z.object({ type: z.literal('attachments'), attachments: z.array(AttachmentViewSchema) }),
  z.object({ type: z.literal('history'), chats: z.array(ChatSummarySchema) }),
  /** Put text in the input box (e.g. from "Explain Selection") and optionally send it. */
  z.object({ type: z.literal('prefill'), text: z.string(), send: z.boolean() }),
  z.object({ type: z.literal('focusInput') }),
  z.object({ type: z.literal('showHistory') }),
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

// ---- webview -> host ----

export const CodeActionSchema = z.object({
  code: text,
  language: z.string().max(100).optional(),
});

export const WebviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('send'),
    text,
    /** data:image/...;base64 URLs pasted or dropped into the input. */
    images: z.array(z.string().max(20_000_000)).max(8).optional(),
  }),
  z.object({ type: z.literal('stop') }),
  z.object({ type: z.literal('regenerate'), messageId: id }),
  z.object({ type: z.literal('editResend'), messageId: id, text }),
  z.object({ type: z.literal('newChat') }),
  z.object({ type: z.literal('copy'), text }),
  z.object({ type: z.literal('insertCode'), ...CodeActionSchema.shape }),
  z.object({ type: z.literal('applyCode'), ...CodeActionSchema.shape }),
  z.object({ type: z.literal('newFile'), ...CodeActionSchema.shape }),
  z.object({ type: z.literal('openLink'), href: z.string().max(10_000) }),
  z.object({ type: z.literal('fixAction'), action: FixActionSchema, messageId: id.optional() }),
  z.object({ type: z.literal('selectModel'), model: z.string().max(300) }),
  z.object({ type: z.literal('attach'), kind: z.enum(['selection', 'file', 'openFiles', 'problems']) }),
  z.object({ type: z.literal('removeAttachment'), id }),
  z.object({ type: z.literal('draft'), text }),
  z.object({ type: z.literal('requestHistory') }),
  z.object({ type: z.literal('openChat'), chatId: id }),
  z.object({ type: z.literal('renameChat'), chatId: id, title: z.string().max(300) }),
  z.object({ type: z.literal('deleteChat'), chatId: id }),
  z.object({ type: z.literal('exportChat'), chatId: id }),
]);
export type WebviewMessage = z.infer<typeof WebviewMessageSchema>;
