// The answer's indentation: the file's tabs or spaces, and the whole answer moved when its first
// line sits where no code could (flush left inside a body, or indented twice because the model
// repeated the indentation already before the cursor).
import { scanLine } from './codeScan';
import { indentWidth, leadingWhitespace, type IndentStyle } from './text';

export function convertIndent(line: string, indent: IndentStyle): string {
  const ws = leadingWhitespace(line);
  if (ws === '' || indent.known === false) return line;
  const width = indentWidth(line, indent.size);
  const fixed = indent.useTabs ? '\t'.repeat(Math.floor(width / indent.size)) + ' '.repeat(width % indent.size) : ' '.repeat(width);
  return fixed + line.slice(ws.length);
}

function reindent(line: string, delta: number, indent: IndentStyle): string {
  if (line.trim() === '' || delta === 0) return line;
  const width = Math.max(0, indentWidth(line, indent.size) + delta);
  const ws = indent.useTabs ? '\t'.repeat(Math.floor(width / indent.size)) + ' '.repeat(width % indent.size) : ' '.repeat(width);
  return ws + line.slice(leadingWhitespace(line).length);
}

const OPENS_BLOCK = /(?:[{([:]|=>|\bthen|\bdo|\bbegin)\s*$/;

/**
 * Uses the file's tabs or spaces, and moves the whole answer when its first line sits at an
 * indentation no code could have there (for example flush left inside a function body, or
 * indented twice because the model repeated the indentation already before the cursor).
 */
export function fixIndentation(text: string, prefix: string, suffix: string, linePrefix: string, indent: IndentStyle): string {
  let lines = text.split('\n').map((l) => convertIndent(l, indent));
  const firstIdx = lines.findIndex((l) => l.trim() !== '');
  if (firstIdx < 0) return lines.join('\n');
  const above = prefix.slice(0, prefix.length - linePrefix.length).split('\n');
  above.pop();
  const prev = [...above].reverse().find((l) => l.trim() !== '');
  const next = suffix.split('\n').find((l) => l.trim() !== '');
  const cursorWidth = indentWidth(linePrefix, indent.size);
  // The first line is typed after linePrefix; later lines start at column 0.
  const firstWidth = cursorWidth + (firstIdx === 0 ? indentWidth(lines[0]!, indent.size) : 0);
  const actual = firstIdx === 0 ? firstWidth : indentWidth(lines[firstIdx]!, indent.size);
  if (prev === undefined) {
    // Top of the file: only the repeated-indentation mistake is certain.
    if (firstIdx === 0 && cursorWidth > 0 && indentWidth(lines[0]!, indent.size) === cursorWidth) lines[0] = lines[0]!.trimStart();
    return lines.join('\n');
  }
  // Inside a bracket or after a continuation the next line may be aligned anywhere: leave it.
  if (scanLine(prev).delta > 0 || /[,\\]\s*$/.test(prev)) return lines.join('\n');
  const prevWidth = indentWidth(prev, indent.size);
  const opener = OPENS_BLOCK.test(prev.trimEnd()) && !/^\s*(?:#|\/\/)/.test(prev);
  const nextWidth = next === undefined ? undefined : indentWidth(next, indent.size);
  const high = opener ? prevWidth + indent.size : prevWidth;
  const low = nextWidth !== undefined ? Math.min(nextWidth, high) : 0;
  // Two mistakes are certain: deeper than the block allows (indentation typed twice), and flush
  // left where the code around is indented. A smaller dedent can be a real block end (elif, else, return).
  const overIndented = actual > high && cursorWidth > 0;
  const flushLeft = actual === 0 && low > 0;
  if (!overIndented && !flushLeft) return lines.join('\n');
  const target = overIndented ? high : low;
  const delta = target - actual;
  lines = lines.map((l, i) => {
    if (i === 0 && firstIdx === 0) {
      // Only the part after linePrefix is ours to change.
      const own = Math.max(0, target - cursorWidth);
      const body = l.trimStart();
      return (indent.useTabs ? '\t'.repeat(Math.floor(own / indent.size)) + ' '.repeat(own % indent.size) : ' '.repeat(own)) + body;
    }
    return reindent(l, delta, indent);
  });
  return lines.join('\n');
}

