// What activate() builds once and hands to every feature. Features take what they need from
// here instead of building their own clients, key stores or config readers.
import type * as vscode from 'vscode';
import type { SambaNovaApi } from '../core/api';
import type { ApiKeyStore } from './apiKeyStore';
import type { Config } from './config';

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly config: Config;
  readonly keys: ApiKeyStore;
  /** The one SambaNova client every feature shares (chat, commands, completion). */
  readonly client: SambaNovaApi;
}
