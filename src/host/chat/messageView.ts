// The host edge between the chat as stored (src/core/chat/model.ts) and the chat as the webview
// shows it (src/shared/protocol.ts). Only this file knows both, so either can change alone.
// No vscode import: unit tests run it as is.
import type { ChatSummary } from '../../core/chat/historyStore';
import type { AttachmentContent, ChatRecord, StoredError, StoredMessage } from '../../core/chat/model';
import { fixActionLabels } from '../../core/client/errors';
import type { ModelInfo } from '../../core/client/types';
import type { AttachmentView, ChatState, ChatSummary as ChatSummaryView, ErrorView, MessageView, ModelOption } from '../../shared/protocol';

/** A chip: what the attachment is called, never its text (that goes only to the model). */
export function toAttachmentView({ id, kind, label, detail }: AttachmentContent): AttachmentView {
  const view: AttachmentView = { id, kind, label };
  if (detail !== undefined) view.detail = detail;
  return view;
}

export function toErrorView(error: StoredError): ErrorView {
  const view: ErrorView = { message: error.message };
  if (error.action) {
    view.action = error.action;
    view.actionLabel = fixActionLabels[error.action];
  }
  if (error.retryAt !== undefined) view.retryAt = error.retryAt;
  if (error.requestId !== undefined) view.requestId = error.requestId;
  return view;
}

/**
 * `waiting`: a line shown while the answer waits before it starts (a rate-limit retry
 * countdown). It is live state, never stored.
 */
export function toMessageView(m: StoredMessage, waiting?: string): MessageView {
  const view: MessageView = { id: m.id, role: m.role, text: m.text, status: m.status };
  if (m.reasoning) view.reasoning = m.reasoning;
  if (m.attachments?.length) view.attachments = m.attachments.map(toAttachmentView);
  if (m.images?.length) view.images = m.images;
  if (m.metrics) view.metrics = { ...m.metrics };
  if (m.error) view.error = toErrorView(m.error);
  if (m.model) view.model = m.model;
  if (m.notice) view.notice = m.notice;
  if (waiting && m.status === 'streaming') view.waiting = waiting;
  return view;
}

export function toChatState(chat: ChatRecord): ChatState {
  return { chatId: chat.id, title: chat.title, messages: chat.messages.map((m) => toMessageView(m)), model: chat.model };
}

export function toSummaryView(s: ChatSummary): ChatSummaryView {
  return { id: s.id, title: s.title, updatedAt: s.updatedAt, messageCount: s.messageCount, preview: s.preview };
}

/** /v1/models prices are USD per token; people compare them per million. */
export function toModelOption(info: ModelInfo): ModelOption {
  const option: ModelOption = { id: info.id };
  if (info.contextLength) option.contextLength = info.contextLength;
  if (info.pricing?.prompt !== undefined) option.promptPricePerM = round(info.pricing.prompt * 1e6);
  if (info.pricing?.completion !== undefined) option.completionPricePerM = round(info.pricing.completion * 1e6);
  return option;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
