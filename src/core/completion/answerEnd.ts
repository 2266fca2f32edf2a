// Where the answer should end: after one line when one was asked, before it starts repeating
// the code after the cursor, and where the block the cursor is in ends (a dedent in indentation
// languages, an unmatched closer elsewhere).
import { bracketDelta } from './codeScan';
import type { CleanContext } from './postprocess';
import { indentWidth, lineSuffixOf, type IndentStyle } from './text';

/** Languages whose blocks end by indentation rather than by a closing bracket. */
const INDENT_BLOCK_LANGUAGES = new Set(['python', 'coffeescript', 'nim', 'pug', 'haml', 'yaml', 'fsharp']);

export function firstLine(text: string, linePrefix: string): string {
  // At a line's start the first line of code may follow blank lines the model added.
  const body = linePrefix.trim() === '' ? text.replace(/^\n+/, '') : text;
  const nl = body.indexOf('\n');
  return nl < 0 ? body : body.slice(0, nl);
}

/** Cuts where the answer starts repeating the code after the cursor (the model wrote past the hole). */
export function cutAtSuffixRepeat(text: string, suffix: string): string {
  const suffixLines = suffix.split('\n');
  // The cursor's own rest of line is not a whole line of what follows.
  suffixLines.shift();
  const rest = lineSuffixOf(suffix).trim() === '' ? suffixLines : [lineSuffixOf(suffix), ...suffixLines];
  // Compared with indentation: the same statement at another depth is different code.
  const head = rest.filter((l) => l.trim() !== '').slice(0, 3).map((l) => l.trimEnd());
  if (head.length === 0) return text;
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trimEnd() !== head[0]) continue;
    let matched = 1;
    let j = i + 1;
    for (let h = 1; h < head.length && j < lines.length; j++) {
      if (lines[j]!.trim() === '') continue;
      if (lines[j]!.trimEnd() !== head[h]) break;
      matched++;
      h++;
    }
    const runsToEnd = lines.slice(j).every((l) => l.trim() === '');
    // One equal line is not enough (code repeats lines); two in a row, or all the rest, is.
    if (matched >= 2 || runsToEnd) {
      const kept = lines.slice(0, i).join('\n') + '\n';
      // The echo began with the suffix's own leading line breaks (the end of the cursor's line, blank lines).
      const lead = /^(?:[ \t]*\n)*/.exec(suffix)![0];
      return lead && kept.endsWith(lead) ? kept.slice(0, kept.length - lead.length) : kept;
    }
  }
  return text;
}

/** Stops where the block the cursor is in ends: a dedent (indentation languages) or an unmatched closer. */
export function cutAtBlockEnd(text: string, ctx: CleanContext, linePrefix: string, indent: IndentStyle): string {
  const lines = text.split('\n');
  if (INDENT_BLOCK_LANGUAGES.has(ctx.languageId)) {
    const firstIdx = lines.findIndex((l) => l.trim() !== '');
    if (firstIdx < 0) return text;
    const firstWidth = firstIdx === 0 ? indentWidth(linePrefix, indent.size) + indentWidth(lines[0]!, indent.size) : indentWidth(lines[firstIdx]!, indent.size);
    const next = ctx.suffix.split('\n').slice(lineSuffixOf(ctx.suffix).trim() === '' ? 1 : 0).find((l) => l.trim() !== '');
    // The block is the enclosing definition's body: code may dedent out of inner blocks, not out of it.
    const definition = enclosingDefinitionWidth(ctx.prefix, firstWidth, indent.size);
    let floor = definition !== undefined ? Math.min(firstWidth, definition + indent.size) : firstWidth;
    if (next !== undefined) floor = Math.min(floor, indentWidth(next, indent.size));
    for (let i = firstIdx + 1; i < lines.length; i++) {
      if (lines[i]!.trim() !== '' && indentWidth(lines[i]!, indent.size) < floor) {
        return lines.slice(0, i).join('\n') + '\n';
      }
    }
    return text;
  }
  let depth = 0;
  for (let i = 0; i < lines.length; i++) {
    depth += bracketDelta(lines[i]!);
    if (depth < 0) return lines.slice(0, i + 1).join('\n') + (i + 1 < lines.length ? '\n' : '');
  }
  return text;
}

const DEFINITION = /^\s*(?:async\s+def|def|class|fn|func|function|sub|proc|module|struct|impl|interface|describe|it)\b/;

/** Indentation of the outermost definition line enclosing the cursor (nested helpers included). */
function enclosingDefinitionWidth(prefix: string, width: number, tabSize: number): number | undefined {
  const lines = prefix.split('\n');
  lines.pop();
  let found: number | undefined;
  let bound = width;
  for (let i = lines.length - 1; i >= 0 && i >= lines.length - 400; i--) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const w = indentWidth(line, tabSize);
    if (w >= bound) continue;
    // A shallower line that is not a definition ends the search: the cursor is outside any deeper one.
    if (!DEFINITION.test(line)) {
      if (w === 0) break;
      bound = w;
      continue;
    }
    found = w;
    bound = w;
    if (w === 0) break;
  }
  return found;
}
