// When not to ask at all. Each rule saves a request that could not help: the user would not
// see the answer, or it would fight what they are doing.
import { isWordChar } from './text';

export type GateReason =
  | 'disabled'
  | 'snoozed'
  | 'multipleCursors'
  | 'notAFile'
  | 'disabledLanguage'
  | 'midWord'
  | 'emptyDocument'
  // Automatic requests only (priority.ts, unpromising()):
  | 'prose'
  | 'blockEnd';

export interface GateInput {
  uri: string;
  languageId: string;
  text: string;
  offset: number;
  cursorCount: number;
}

export interface GateSettings {
  enabled: boolean;
  disabledLanguages: readonly string[];
  /** Clock value until which completion is paused (this session only). */
  snoozedUntil?: number;
}

/**
 * Schemes of the user's own code: files on disk (local or remote), remote repositories, unsaved
 * files, notebook cells. Not VS Code's own settings, keybindings and snippets (vscode-userdata,
 * which often hold credentials), output, SCM input, git's views or chat inputs.
 */
export const USER_CODE_SCHEMES: readonly string[] = ['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-notebook-cell'];
const USER_CODE = new Set(USER_CODE_SCHEMES);

/**
 * VS Code's user data files reached through a plain path: code-server and remote servers open the
 * user's settings.json as a file (`<user data dir>/User/settings.json`), and a remote server keeps
 * its machine settings under `.vscode-server/data/`.
 */
const EDITOR_DATA_PATH =
  /\/User\/(?:settings|keybindings|tasks|mcp)\.json$|\/User\/(?:snippets|profiles|globalStorage)\/|\/(?:\.vscode-server|\.vscode-server-insiders|\.vscode-remote|\.openvscode-server)\/data\//;

/** Whether completion may run in (and send snippets from) the document at `uri`. */
export function isUserCode(uri: string): boolean {
  if (!USER_CODE.has(schemeOf(uri))) return false;
  let path = uri.replace(/[?#].*$/, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape: judge the raw text.
  }
  return !EDITOR_DATA_PATH.test(path.replace(/\\/g, '/'));
}

export function schemeOf(uri: string): string {
  const m = /^([a-zA-Z][\w+.-]*):/.exec(uri);
  // A bare path (the bench, tests) is a file.
  return m && m[1]!.length > 1 ? m[1]!.toLowerCase() : 'file';
}

/** Undefined when a request may be made; otherwise why not. */
export function gate(input: GateInput, settings: GateSettings, now: number): GateReason | undefined {
  if (!settings.enabled) return 'disabled';
  if (settings.snoozedUntil !== undefined && now < settings.snoozedUntil) return 'snoozed';
  if (input.cursorCount > 1) return 'multipleCursors';
  if (!isUserCode(input.uri)) return 'notAFile';
  if (settings.disabledLanguages.includes(input.languageId)) return 'disabledLanguage';
  if (input.text.trim() === '') return undefined;
  const before = input.text[input.offset - 1];
  const after = input.text[input.offset];
  // Inside a word (identifier continues right of the cursor), or a word being typed with more
  // words after it on the line: a suggestion would have to be inserted mid-token.
  if (isWordChar(after)) return 'midWord';
  if (isWordChar(before)) {
    const nl = input.text.indexOf('\n', input.offset);
    const rest = input.text.slice(input.offset, nl < 0 ? undefined : nl);
    if (/[\p{L}\p{N}_$]/u.test(rest)) return 'midWord';
  }
  return undefined;
}
