// Where a chat code block goes when the user presses Apply without a selection: the region of the
// file the block is a new version of, when that can be told from the text (its first line found
// once, and its last line found after it at the same indent). Never the whole file on a length
// guess; with no match the block is inserted at the cursor.
import { leadingWhitespace, TextIndex, type Range } from './text';

function significant(lines: string[]): string[] {
  return lines.map((l) => l.trim()).filter((l) => l !== '');
}

export function matchBlockRange(documentText: string, block: string): Range | undefined {
  const blockLines = block.replace(/\r\n/g, '\n').split('\n');
  const sig = significant(blockLines);
  if (sig.length < 2) return undefined;
  const first = sig[0]!;
  const last = sig[sig.length - 1]!;
  // A line like "}" or "end" cannot anchor a match.
  if (first.length < 4) return undefined;
  const index = new TextIndex(documentText);
  const starts: number[] = [];
  for (let i = 0; i < index.lineCount; i++) if (index.lineText(i).trim() === first) starts.push(i);
  if (starts.length !== 1) return undefined;
  const start = starts[0]!;
  const indent = leadingWhitespace(index.lineText(start));
  const maxLines = Math.max(blockLines.length * 3, blockLines.length + 20);
  for (let j = start + 1; j < Math.min(index.lineCount, start + maxLines); j++) {
    const text = index.lineText(j);
    if (text.trim() === last && (leadingWhitespace(text) === indent || sig.length === 2 || last.length >= 4)) {
      return index.lineRange(start, j);
    }
  }
  return undefined;
}
