// What the completion engine takes and gives: the editor's request (CompletionInput), the
// suggestions and figures it returns (CompletionOutput), its settings, clock and dependencies, and
// the state the status bar shows. engine.ts re-exports all of it for hosts and the bench.
import type { SambaNovaApi } from '../client/api';
import { abortableSleep } from '../client/requestScope';
import type { Logger } from '../logger';
import type { BudgetOptions } from './budget';
import type { OtherDocument } from './context';
import type { GateReason } from './gating';
import type { LineMode } from './lineMode';
import type { Priority } from './priority';
import type { TemplateId } from './templates';
import type { IndentStyle } from './text';

// ---------------------------------------------------------------- input and output

export interface CompletionInput {
  /** Document URI (`file:///…`, `untitled:…`); a bare path counts as a file. */
  uri: string;
  languageId: string;
  /** The whole document as it is now. */
  text: string;
  /** Cursor as an offset into `text` (takes precedence over `position`). */
  offset?: number;
  /** Cursor as line/character (0-based; character in UTF-16 code units). */
  position?: { line: number; character: number };
  /** 'explicit' = the user asked (Trigger Inline Completion): no debounce. */
  triggerKind: 'automatic' | 'explicit';
  /** Number of cursors in the editor; more than one means no request. */
  cursorCount: number;
  /**
   * The suggest widget's selected item (VS Code's selectedCompletionInfo): the suggestion must
   * begin with `text` replacing [start, end). Offsets into `text`.
   */
  selectedCompletion?: { start: number; end: number; text: string };
  /** Recently edited or open documents; same-language ones lend snippets to the prompt. */
  otherDocuments?: readonly OtherDocument[];
  /** Name shown to the model (workspace-relative path); defaults to the URI's last segment. */
  fileName?: string;
  /** The editor's indentation; detected from the text when absent. */
  indent?: IndentStyle;
}

export interface CompletionItem {
  insertText: string;
  /** Offsets into the input `text`: the range the insert text replaces (empty = insert at the cursor). */
  range: { start: number; end: number };
}

export type CompletionOutcome =
  | 'served' // items returned
  | 'empty' // asked (or reused) but nothing worth showing
  | 'gated' // not asked: see gateReason
  | 'superseded' // a newer provide() call took over while this one was debouncing
  | 'cancelled' // the caller's signal aborted
  | 'rateLimited' // not asked: the request budget or a 429 says wait (see retryAt)
  | 'error'; // the request failed (logged; see the engine's state)

export interface CompletionStats {
  outcome: CompletionOutcome;
  /** Where the items came from: a new request, one already in flight, the cache, or forwarding along a shown answer. */
  source?: 'request' | 'inflight' | 'cache' | 'forward';
  /** Whether this call sent a new HTTP request. */
  requestMade: boolean;
  gateReason?: GateReason;
  /** Clock time when completion may ask again (outcome 'rateLimited'). */
  retryAt?: number;
  model?: string;
  template?: TemplateId;
  lineMode?: LineMode;
  /** How likely a suggestion at this place is taken (scarce requests go to the likely places first). */
  priority?: Priority;
  /** provide() call to result, milliseconds. */
  totalMs: number;
  /** Time spent in our own debounce wait. */
  debounceMs: number;
  /** Time spent waiting for the HTTP request (this call's or the in-flight one it reused). */
  requestMs?: number;
  /** The server's own latency figure when it sent one (SambaNova's usage.total_latency), else undefined. */
  serverMs?: number;
  /** totalMs minus debounce and request waits: our own cost. */
  overheadMs: number;
}

export interface CompletionOutput {
  items: CompletionItem[];
  stats: CompletionStats;
}

// ---------------------------------------------------------------- dependencies

export interface CompletionSettings {
  enabled: boolean;
  /** Empty: pick a fast model from the live model list. */
  model: string;
  disabledLanguages: readonly string[];
  /** User's model id -> template id table (`sambanova.completion.templates`). */
  templates?: Readonly<Record<string, string>>;
  /** Clock time until which completion is snoozed. */
  snoozedUntil?: number;
  /** Used when no model is configured and the model list is unavailable (the chat model). */
  fallbackModel?: string;
  /**
   * The model the chat and editor commands use. When completion uses another one, that model's
   * request limit is completion's alone and no share is kept back. Unknown: assumed shared.
   */
  chatModel?: string;
}

export interface Clock {
  now(): number;
  /** Resolves after ms; rejects with an AbortError when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: abortableSleep,
};

export interface CompletionEngineDeps {
  client: SambaNovaApi;
  getSettings: () => CompletionSettings;
  clock?: Clock;
  logger?: Logger;
  budget?: BudgetOptions;
}

/** What the status bar shows about completion (enabled/snoozed is the host's own knowledge). */
export type CompletionState =
  | { kind: 'idle' }
  | { kind: 'requesting'; model: string }
  /** selfImposed: our own budget keeping headroom for the chat; otherwise the server said 429. */
  | { kind: 'rateLimited'; until: number; model: string; selfImposed: boolean }
  | { kind: 'error'; message: string; model?: string };
