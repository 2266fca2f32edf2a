// Fits a suggestion to the text after the cursor: what the file already holds below (the `}`
// VS Code put there after `{` + Enter) and on the cursor's line (an auto-closed `)`, a quote, `;`)
// is not written twice, and the item's range covers the closers the suggestion writes itself.
import { closedBy, covers, lineState, restCloses } from './codeScan';
import { leadingWhitespace, linePrefixOf, lineSuffixOf } from './text';

/**
 * Fits a suggestion to what follows the cursor: drops its trailing lines that are already the
 * next lines of the file (the `}` VS Code put below after `{` + Enter) and the end of its last
 * line that the rest of the cursor's line already holds (an auto-closed `)`, a quote, `;`). Run
 * when the answer is cleaned and again each time it is shown (engine.ts), against the text as it
 * is then: the editor may have inserted a closer after the request left.
 */
export function fitToSuffix(text: string, prefix: string, suffix: string): string {
  const linePrefix = linePrefixOf(prefix);
  const lineSuffix = lineSuffixOf(suffix);
  let out = dropSuffixOverlapLines(text, suffix, lineSuffix);
  out = dropSameLineOverlap(out, linePrefix, lineSuffix);
  out = finishTrailing(out, linePrefix, lineSuffix);
  return out.trim() === '' ? '' : out;
}

// ---- overlap with what follows the cursor ----

/** Drops trailing lines of the answer that are already the next lines of the file. */
export function dropSuffixOverlapLines(text: string, suffix: string, lineSuffix: string): string {
  const lines = text.split('\n');
  const trailingNewline = lines.length > 1 && lines[lines.length - 1] === '';
  if (trailingNewline) lines.pop();
  const following = (lineSuffix.trim() === '' ? suffix.split('\n').slice(1) : suffix.split('\n')).filter((l) => l.trim() !== '');
  if (following.length === 0 || lines.length < 2) return text;
  let best = 0;
  for (let m = 1; m < lines.length && m <= following.length; m++) {
    const tail = lines.slice(lines.length - m).filter((l) => l.trim() !== '');
    if (tail.length === m && tail.every((l, k) => l.trimEnd() === following[k]!.trimEnd())) best = m;
  }
  if (best === 0) return text;
  const kept = lines.slice(0, lines.length - best);
  while (kept.length > 1 && kept[kept.length - 1]!.trim() === '') kept.pop();
  // The rest of the cursor's line goes where the dropped line was, at its indentation.
  return kept.join('\n') + (lineSuffix.trim() === '' ? '' : `\n${leadingWhitespace(lines[lines.length - best]!)}`);
}

/**
 * How many characters after the cursor the item should replace: the start of the rest of the
 * cursor's line (closers VS Code auto-closed, a closing quote, then `;`) when the suggestion
 * closes those brackets and that string itself somewhere in its text (`items: T[]): T[][] {`
 * before the `)` of `chunk<T>(|)`), so that accepting replaces them instead of leaving them
 * behind. VS Code's item range must stay on the cursor's line, which this does; it shows the
 * suggestion's other characters as ghost text around the replaced ones.
 */
export function replacedAfterCursor(text: string, linePrefix: string, lineSuffix: string): number {
  const rest = lineSuffix.trimEnd();
  if (rest === '' || /^\s/.test(rest)) return 0;
  const state = lineState(linePrefix);
  const byText = closedBy(state, text);
  const byRest = restCloses(state, rest);
  let best = 0;
  let at = 0;
  for (let n = 1; n <= byRest.length; n++) {
    // VS Code shows the replaced characters inside the suggestion, in order.
    at = text.indexOf(rest[n - 1]!, at) + 1;
    if (at === 0) break;
    if (byRest[n - 1]!.size > 0 && covers(byText, byRest[n - 1]!)) best = n;
  }
  return best;
}

/**
 * Drops the end of the answer's last line when the rest of the cursor's line already has it,
 * such as a `)` VS Code closed automatically: kept only if the line would otherwise close more
 * brackets than it opens.
 */
export function dropSameLineOverlap(text: string, linePrefix: string, lineSuffix: string): string {
  const rest = lineSuffix.trimStart();
  if (rest === '') return text;
  const lastNl = text.lastIndexOf('\n');
  const head = text.slice(0, lastNl + 1);
  const last = text.slice(lastNl + 1);
  const lastBody = last.trimEnd();
  for (let k = Math.min(rest.length, lastBody.length); k >= 1; k--) {
    const overlap = rest.slice(0, k);
    if (!lastBody.endsWith(overlap)) continue;
    const candidate = lastBody.slice(0, lastBody.length - k);
    const isClosingOnly = /^[\s)\]}>;,'"`]+$/.test(overlap);
    // Closers and quotes: dropped when the answer closes what they close (VS Code closed it
    // already) and would not without them. Other text: an exact repeat of the rest of the line,
    // or 3+ characters of its start, is never meant twice.
    let drop = k >= 3 || k === rest.length;
    if (isClosingOnly) {
      const state = lineState(linePrefix);
      const closes = restCloses(state, overlap);
      const wanted = closes.length === overlap.length ? closes.at(-1) : undefined;
      drop = !/[)\]}'"`]/.test(overlap) || (wanted !== undefined && wanted.size > 0 && covers(closedBy(state, head + lastBody), wanted) && !covers(closedBy(state, head + candidate), wanted));
    }
    if (drop) {
      // The echo usually repeats the space before the rest of the line too.
      const gap = lineSuffix.slice(0, lineSuffix.length - rest.length);
      return head + (gap && candidate.endsWith(gap) ? candidate.slice(0, candidate.length - gap.length) : candidate);
    }
  }
  return text;
}

function finishTrailing(text: string, linePrefix: string, lineSuffix: string): string {
  const body = text.replace(/(\n[ \t]*)+$/, '');
  if (linePrefix === '') {
    // At column 0 the answer is whole lines: in front of code on this line they must end with a
    // newline; on an empty line the model's own choice (a line break or not) is kept.
    if (lineSuffix.trim() !== '' || /\n[ \t]*$/.test(text)) return `${body}\n`;
    return body;
  }
  if (lineSuffix.trim() === '') return body.replace(/\s+$/, '');
  // A block written before `});` that stays: the rest goes on a line of its own, indented as the
  // answer says (what Enter between brackets does); after one line it stays on that line.
  const end = /\n[ \t]*$/.exec(text);
  return end && body.includes('\n') ? body + end[0] : body;
}
