// Turns what a model answered into the text to show as ghost text. Model output is untrusted
// and messy: reasoning in <think> tags, the answer tags, markdown fences, polite chatter, a
// repeat of the line above, code that runs on into what follows the cursor, brackets the
// editor already closed, the wrong indentation. Each step removes one such artefact; what is
// left is exactly the code to insert, or '' when there is nothing worth showing.
// The wrappers go first (answerWrappers.ts), then the answer is placed: its leading line breaks,
// repeats of the line above, indentation (indentation.ts), where it ends (answerEnd.ts) and what
// the text after the cursor already holds (suffixFit.ts).
import { cutAtBlockEnd, cutAtSuffixRepeat, firstLine } from './answerEnd';
import { unwrapAnswer } from './answerWrappers';
import { broken } from './codeScan';
import { convertIndent, fixIndentation } from './indentation';
import type { LineMode } from './lineMode';
import { fitToSuffix } from './suffixFit';
import { detectIndent, linePrefixOf, lineSuffixOf, type IndentStyle } from './text';

export interface CleanContext {
  /** Text before the cursor (a window is enough: the last ~50 lines). */
  prefix: string;
  /** Text after the cursor (a window is enough). */
  suffix: string;
  languageId: string;
  mode: LineMode;
  /** The editor's indentation; detected from the text when absent. */
  indent?: IndentStyle;
}

export function cleanCompletion(raw: string, ctx: CleanContext): string {
  return cleanAnswer(raw, ctx).shown;
}

/**
 * The suggestion to show (`shown`) and the whole answer it was cut from (`whole`: cleaned and
 * placed, but not cut at the line's or the block's end nor fitted to the text after the cursor).
 * What the model wrote past the cut is kept by the cache for the pauses after the next Enters.
 */
export function cleanAnswer(raw: string, ctx: CleanContext): { shown: string; whole: string } {
  const linePrefix = linePrefixOf(ctx.prefix);
  let text = unwrapAnswer(raw, ctx.languageId, linePrefix);
  if (text.trim() === '') return { shown: '', whole: '' };

  const lineSuffix = lineSuffixOf(ctx.suffix);
  const indent = ctx.indent ?? detectIndent(ctx.prefix.slice(-4000) + ctx.suffix.slice(0, 2000));

  text = leadingBreaks(text, linePrefix, lineSuffix, ctx.mode);
  text = stripRepeatedPrefix(text, ctx.prefix, linePrefix, lineSuffix);
  if (text.trim() === '') return { shown: '', whole: '' };
  if (linePrefix.trim() === '') text = fixIndentation(text, ctx.prefix, ctx.suffix, linePrefix, indent);
  else text = text.split('\n').map((l, i) => (i === 0 ? l : convertIndent(l, indent))).join('\n');
  text = cutAtSuffixRepeat(text, ctx.suffix);
  const whole = text;
  text = ctx.mode === 'single' ? firstLine(text, linePrefix) : cutAtBlockEnd(text, ctx, linePrefix, indent);
  return { shown: fitToSuffix(text, ctx.prefix, ctx.suffix), whole };
}

/**
 * Line breaks at the start: layout when the cursor is already at a line's start or one line is
 * asked; meaningful after code (the answer goes on the next line), and missing when the model
 * answered an indented line right after a block opener.
 */
function leadingBreaks(text: string, linePrefix: string, lineSuffix: string, mode: LineMode): string {
  if (linePrefix.trim() === '' || mode === 'single') return text.replace(/^(?:[ \t]*\n)+/, '');
  if (lineSuffix.trim() === '' && !text.startsWith('\n') && /^[ \t]+\S/.test(text)) return `\n${text}`;
  return text;
}

// ---- repeats of what is already there ----

/**
 * Removes a repeat of the current line's start ("    return x" when the cursor is after
 * "    return ") and, at the start of a line, leading lines that repeat the lines above.
 */
export function stripRepeatedPrefix(text: string, prefix: string, linePrefix: string, lineSuffix = ''): string {
  if (linePrefix.trim() !== '') {
    if (text.startsWith(linePrefix)) return text.slice(linePrefix.length);
    const trimmed = linePrefix.trimStart();
    const body = text.trimStart();
    if (!body.startsWith(trimmed)) return text;
    // One character (an opening quote or bracket) counts as repeated only when keeping it breaks the line.
    const headLine = (t: string) => t.split('\n', 1)[0]!;
    if (trimmed.length >= 2 || (broken(linePrefix + headLine(body) + lineSuffix) && !broken(linePrefix + headLine(body.slice(trimmed.length)) + lineSuffix))) {
      return body.slice(trimmed.length);
    }
    return text;
  }
  const above = prefix.slice(0, prefix.length - linePrefix.length).split('\n');
  above.pop(); // the cursor's line, empty or indentation only
  // Compared with their indentation: the same statement one level out is new code, not an echo.
  const prefixLines = above.filter((l) => l.trim() !== '').map((l) => l.trimEnd());
  const lines = text.split('\n');
  const nonBlank: number[] = [];
  lines.forEach((l, i) => {
    if (l.trim() !== '') nonBlank.push(i);
  });
  let best = 0;
  for (let k = 1; k <= Math.min(nonBlank.length, prefixLines.length, 60); k++) {
    let same = true;
    for (let j = 0; j < k && same; j++) same = lines[nonBlank[j]!]!.trimEnd() === prefixLines[prefixLines.length - k + j];
    if (same) best = k;
  }
  if (best === 0) return text;
  const repeated = nonBlank.slice(0, best).map((i) => lines[i]!.trim()).join('');
  // A lone closer ("}") may legitimately close another block.
  if (repeated.replace(/[\s)\]};,]/g, '').length < 3) return text;
  return lines.slice(nonBlank[best - 1]! + 1).join('\n').replace(/^\n+/, '');
}

