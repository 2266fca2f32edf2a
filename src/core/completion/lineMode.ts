// Whether to ask for (and show) one line or a block. After a block opener or on an empty line
// inside a block a user usually wants several lines; mid-expression, the rest of the line.
import { linePrefixOf, lineSuffixOf } from './text';

export type LineMode = 'single' | 'multi';

/** Endings of a line after which a new block (or a continued construct) starts. */
const BLOCK_OPENER = /(?:[{:]|=>|\bthen|\bdo|\bbegin)\s*$/;
/** What may follow the cursor on its line without making the cursor "mid-line": closers and punctuation. */
const ONLY_CLOSERS = /^[\s)\]}>;,'"`]*$/;

/**
 * `scarce`: requests are scarce (the free tier's 20 a minute). Then a pause at the end of a line
 * asks for the lines after it too (the engine still shows the rest of the line only), so that one
 * answer also serves the pauses after the next Enters from the cache instead of a request each.
 */
export function decideLineMode(prefix: string, suffix: string, scarce = false): LineMode {
  const before = linePrefixOf(prefix);
  const after = lineSuffixOf(suffix);
  // At the start of a line (even above existing code) whole lines are inserted.
  if (before.trim() === '') return 'multi';
  if (!ONLY_CLOSERS.test(after)) return 'single';
  // `{|}` with the closer auto-inserted still opens a block.
  if (BLOCK_OPENER.test(before)) return 'multi';
  return scarce ? 'multi' : 'single';
}
