// How likely a suggestion at the cursor is to be taken, for spending scarce requests where they
// pay. A new line inside a block, or the right side of `=`, `return`, `(` is where people accept
// ghost text most; a comment line (prose the model guesses badly) and a blank line after a block
// has ended (the model must guess what comes next in the file) are where they least do.
import { isWordChar, leadingWhitespace, linePrefixOf } from './text';

export type Priority = 'high' | 'normal' | 'low';

/** A line that is a comment, by its start (line comments, block-comment bodies, docstring lines). */
const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*|#(?![!{[])|--|;|%|<!--|"""|''')/;
/** Right after these the code to write is an expression or an argument list. */
const EXPRESSION_START = /(?:[=(,[{:?]|=>|\breturn|\byield|\bawait|\bthrow|\braise)\s*$/;
/** A line that only closes blocks (`}`, `});`, `]`). */
const CLOSER_LINE = /^\s*[)\]}]+[\s;,)\]}]*$/;
/** Python-like lines after which a block is over. */
const BLOCK_EXIT = /^\s*(?:return\b|pass\s*$|break\s*$|continue\s*$|raise\b)/;

export function priorityAt(prefix: string): Priority {
  const line = linePrefixOf(prefix);
  if (line.trim() !== '') {
    if (COMMENT_LINE.test(line)) return 'low';
    return EXPRESSION_START.test(line) ? 'high' : 'normal';
  }
  // A blank line: what came before says whether a block goes on here.
  const before = prefix.slice(0, prefix.length - line.length).replace(/\n$/, '');
  const previous = lastNonBlankLine(before);
  if (previous === undefined) return 'normal';
  if (COMMENT_LINE.test(previous)) return 'normal';
  const indent = leadingWhitespace(line).length;
  const previousIndent = leadingWhitespace(previous).length;
  if (/(?:[{([:]|=>)\s*$/.test(previous)) return 'high';
  if (CLOSER_LINE.test(previous) || indent < previousIndent || (BLOCK_EXIT.test(previous) && indent <= previousIndent)) return 'low';
  // The line right after Enter in a block whose code goes on.
  if (!before.endsWith('\n') && indent > 0) return 'high';
  return 'normal';
}

/**
 * Places where an automatic request buys nothing, whatever the budget (e2e completion-typing,
 * trace log at 240 a minute: the requests that showed nothing were all here):
 * - `prose`: a comment line before its first word (`// `) or inside a word. A pause there is a
 *   slow key while spelling or a thought not yet written; the model can only guess the sentence
 *   or finish the word. After a word and a space it may ask (a docstring continued is taken).
 * - `blockEnd`: the empty line right under a block that just ended, at column 0, with nothing
 *   after it in the file (new code written at the end of a file): under a top-level `}`, or an
 *   indented line the user dedented from, no brace left open. The next line there is nearly
 *   always blank, so an answer is either nothing (the file is done) or the next block without
 *   its blank line, which a person types past; the pause after the next Enter asks.
 */
export type Unpromising = 'prose' | 'blockEnd';

/** The comment marker and what follows it on a comment line. */
const COMMENT_BODY = /^\s*(?:\/\/+|\/\*+|\*+|#+|--|;+|%+|<!--|"""|''')(.*)$/;

export function unpromising(prefix: string, suffix: string): Unpromising | undefined {
  const line = linePrefixOf(prefix);
  if (line.trim() !== '') {
    // `#include`, `#define`, `#region`: directives, not prose (a `#` comment starts with a space).
    if (!COMMENT_LINE.test(line) || /^\s*#[A-Za-z]/.test(line)) return undefined;
    const body = COMMENT_BODY.exec(line)?.[1] ?? line;
    return isWordChar(line[line.length - 1]) || !/[\p{L}\p{N}]/u.test(body) ? 'prose' : undefined;
  }
  if (line !== '' || suffix.trim() !== '' || !prefix.endsWith('\n')) return undefined;
  const before = prefix.slice(0, -1);
  const previous = before.slice(before.lastIndexOf('\n') + 1);
  if (previous.trim() === '') return undefined;
  // A brace still open: the block goes on (its `}` is a suggestion worth having).
  if (count(prefix, '{') > count(prefix, '}')) return undefined;
  const topLevelCloser = /^[)\]}]/.test(previous) && CLOSER_LINE.test(previous);
  return topLevelCloser || /^\s/.test(previous) ? 'blockEnd' : undefined;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function lastNonBlankLine(text: string): string | undefined {
  let end = text.length;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (line.trim() !== '') return line;
    end = start - 1;
  }
  return undefined;
}
