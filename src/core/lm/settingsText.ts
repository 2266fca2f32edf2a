// One boolean in a user settings.json, changed the way a person would change it: the rest of the
// file (comments, order, formatting) stays as it was. VS Code refuses to write a setting its
// registry does not list through the API (1.139 keeps chat.allowAnonymousAccess out of it), so
// the host types this change into VS Code's own settings.json editor and saves it there.

/** Replace `length` characters at `offset` with `text`. */
export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

/**
 * The one edit that sets `"key": value` at the top level of a settings.json: an existing value is
 * replaced, else the line goes first. Null when the text already says so; undefined when it is
 * not an object we can safely edit.
 */
export function booleanSettingEdit(text: string, key: string, value: boolean): TextEdit | null | undefined {
  const quoted = JSON.stringify(key);
  const existing = new RegExp(`(${quoted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:\\s*)(true|false|null|"[^"]*"|\\d+)`).exec(text);
  if (existing) {
    if (existing[2] === String(value)) return null;
    return { offset: existing.index + existing[1]!.length, length: existing[2]!.length, text: String(value) };
  }
  const open = text.indexOf('{');
  if (open < 0 || text.slice(0, open).trim() !== '') {
    return text.trim() === '' ? { offset: 0, length: text.length, text: `{\n\t${quoted}: ${value}\n}\n` } : undefined;
  }
  const rest = text.slice(open + 1);
  const indent = /\n([ \t]+)\S/.exec(rest)?.[1] ?? '\t';
  if (/^\s*}/.test(rest)) {
    // An empty object: the line replaces the blank space inside it.
    const blank = /^[ \t]*\n?/.exec(rest)![0];
    return { offset: open + 1, length: blank.length, text: `\n${indent}${quoted}: ${value}\n` };
  }
  return { offset: open + 1, length: 0, text: `\n${indent}${quoted}: ${value},${/^[ \t]*\r?\n/.test(rest) ? '' : '\n'}` };
}

/** settings.json text with `"key": value`; undefined when it cannot be edited safely. */
export function withBooleanSetting(text: string, key: string, value: boolean): string | undefined {
  const edit = booleanSettingEdit(text, key, value);
  if (edit === undefined) return undefined;
  return edit === null ? text : applyEdit(text, edit);
}

/** Whether the text already sets `key` to `value`. */
export function hasBooleanSetting(text: string, key: string, value: boolean): boolean {
  return booleanSettingEdit(text, key, value) === null;
}

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
}

export interface TextPosition {
  line: number;
  character: number;
}

/** Line and character of an offset, as an editor counts them (lines split at \n). */
export function positionAt(text: string, offset: number): TextPosition {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}
