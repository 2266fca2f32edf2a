// Small text helpers the completion modules share.
import { CHARS_PER_TOKEN } from '../tokens';

/** Letters, digits, underscore and `$` in any script: what a user types inside one identifier. */
const WORD_CHAR = /[\p{L}\p{N}_$]/u;

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && WORD_CHAR.test(ch);
}

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

/** Width of a line's indentation, a tab counting as `tabSize` columns. */
export function indentWidth(line: string, tabSize: number): number {
  let width = 0;
  for (const ch of leadingWhitespace(line)) width += ch === '\t' ? tabSize : 1;
  return width;
}

/** Text before the cursor on its line. */
export function linePrefixOf(prefix: string): string {
  return prefix.slice(prefix.lastIndexOf('\n') + 1);
}

/** Text after the cursor on its line. */
export function lineSuffixOf(suffix: string): string {
  const nl = suffix.indexOf('\n');
  return nl < 0 ? suffix : suffix.slice(0, nl);
}

/** Rough token count: the cheap rule (core/tokens.ts), fast enough for every keystroke. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export interface IndentStyle {
  useTabs: boolean;
  /** Columns per level (spaces per level when not using tabs). */
  size: number;
  /** False when guessed from text without indented lines: then nothing is converted. */
  known?: boolean;
}

/** The indentation the file uses, guessed from its lines when the editor did not say. */
export function detectIndent(text: string): IndentStyle {
  let tabs = 0;
  let spaces = 0;
  // Steps after a block opener say most about the unit; other increases (continuations,
  // docstring layout) count only when there are no such steps.
  const afterOpener = new Map<number, number>();
  const other = new Map<number, number>();
  let previous: string | undefined;
  for (const line of text.split('\n', 3000)) {
    if (line.trim() === '') continue;
    const ws = leadingWhitespace(line);
    if (ws.startsWith('\t')) tabs++;
    else if (ws.length > 0) spaces++;
    if (previous !== undefined && !ws.includes('\t')) {
      const delta = ws.length - leadingWhitespace(previous).length;
      if (delta >= 2 && delta <= 8) {
        const map = /[:{([]\s*$/.test(previous) ? afterOpener : other;
        map.set(delta, (map.get(delta) ?? 0) + 1);
      }
    }
    previous = line;
  }
  const counts = afterOpener.size > 0 ? afterOpener : other;
  let size = 4;
  let best = 0;
  for (const [delta, count] of counts) {
    if (count > best || (count === best && delta < size)) {
      best = count;
      size = delta;
    }
  }
  return { useTabs: tabs > spaces, size, known: tabs + spaces > 0 };
}
