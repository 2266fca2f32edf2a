// What activate() builds once and hands to every feature. Features take what they need from
// here instead of building their own clients, key stores or config readers.
import type * as vscode from 'vscode';
import type { SambaNovaApi } from '../core/client/api';
import type { RateLimitTracker } from '../core/client/rateLimits';
import type { ApiKeyStore } from './apiKeyStore';
import type { Config } from './config';
import type { ProposedEdits } from './edit/proposedEdits';
import type { KeyGate } from './keyGate';
import type { LazyFeature } from './lazyFeature';
import type { HostLog } from './log';

export interface Services {
  readonly context: vscode.ExtensionContext;
  /** Redacting log (the raw output channel is not reachable from here, so every line is scrubbed). */
  readonly log: HostLog;
  readonly config: Config;
  readonly keys: ApiKeyStore;
  /** Asks before the key goes to a host it was not saved for (ClientDeps.getApiKey). */
  readonly keyGate: KeyGate;
  /** The one SambaNova client every feature shares (chat, commands, completion). */
  readonly client: SambaNovaApi;
  /** Where every proposed change to a file goes (editor commands, quick fix, the chat's Apply); loads on first use. */
  readonly proposedEdits: LazyFeature<ProposedEdits>;
  /** Requests left per model and tokens spent today, from every answer's headers and usage. */
  readonly rateLimits: RateLimitTracker;
}
