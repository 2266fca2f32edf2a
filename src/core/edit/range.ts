// Which range an edit command works on. With a selection: exactly the selection. Without one: the
// innermost function or block around the cursor (from the document symbol provider), else the
// cursor's line. The result says which, so the user is told what will be replaced.
import { containsRange, TextIndex, type Position, type Range } from './text';

/** The symbol kinds that count as "a function or block" (names as in vscode.SymbolKind). */
export type BlockSymbolKind =
  | 'function'
  | 'method'
  | 'constructor'
  | 'class'
  | 'interface'
  | 'enum'
  | 'struct'
  | 'module'
  | 'namespace'
  | 'other';

export interface SymbolRange {
  name: string;
  kind: BlockSymbolKind;
  range: Range;
  children?: SymbolRange[];
}

export type ResolvedRange =
  | { ok: true; range: Range; source: 'selection' | 'symbol' | 'line'; symbolName?: string; symbolKind?: BlockSymbolKind; description: string }
  | { ok: false; message: string };

const BLOCK_KINDS = new Set<BlockSymbolKind>(['function', 'method', 'constructor', 'class', 'interface', 'enum', 'struct', 'module', 'namespace']);
const FUNCTION_KINDS = new Set<BlockSymbolKind>(['function', 'method', 'constructor']);

/** Innermost block symbols containing `target`, innermost first. */
function enclosing(symbols: SymbolRange[], target: Range): SymbolRange[] {
  const chain: SymbolRange[] = [];
  let level = symbols;
  for (;;) {
    const hit = level.find((s) => containsRange(s.range, target));
    if (!hit) break;
    chain.unshift(hit);
    level = hit.children ?? [];
  }
  return chain.filter((s) => BLOCK_KINDS.has(s.kind));
}

function lines(r: Range): string {
  const first = r.start.line + 1;
  const last = r.end.line + 1;
  return first === last ? `line ${first}` : `lines ${first}-${last}`;
}

/**
 * The innermost enclosing function (preferred) or block of `target`, as whole lines; else the
 * lines of `target` themselves. Used for an empty selection (target = the cursor) and for the
 * Fix quick fix (target = the diagnostic's range). Module-sized symbols (a namespace spanning the
 * whole file) are skipped when a function is inside: the smallest sensible unit wins.
 */
export function resolveBlock(text: string, target: Range, symbols: SymbolRange[]): ResolvedRange {
  const index = new TextIndex(text);
  const chain = enclosing(symbols, target);
  const symbol = chain.find((s) => FUNCTION_KINDS.has(s.kind)) ?? chain[0];
  if (symbol) {
    const range = index.lineRange(symbol.range.start.line, Math.min(symbol.range.end.line, index.lineCount - 1));
    return { ok: true, range, source: 'symbol', symbolName: symbol.name, symbolKind: symbol.kind, description: `${symbol.kind} ${symbol.name} (${lines(range)})` };
  }
  let first = target.start.line;
  let last = target.end.line;
  if (last > first && target.end.character === 0) last--;
  while (first <= last && index.lineText(first).trim() === '') first++;
  while (last >= first && index.lineText(last).trim() === '') last--;
  if (first > last) return { ok: false, message: 'There is no code here. Select some code, or put the cursor inside a function.' };
  const range = index.lineRange(first, last);
  return { ok: true, range, source: 'line', description: lines(range) };
}

/** The range a command works on: the selection as it is, or resolveBlock around the cursor. */
export function resolveEditRange(text: string, selection: Range, symbols: SymbolRange[]): ResolvedRange {
  const empty = selection.start.line === selection.end.line && selection.start.character === selection.end.character;
  if (!empty) {
    const index = new TextIndex(text);
    if (index.getText(selection).trim() === '') return { ok: false, message: 'The selection is only whitespace. Select some code.' };
    return { ok: true, range: selection, source: 'selection', description: `the selection (${lines(selection)})` };
  }
  const cursor: Position = selection.start;
  return resolveBlock(text, { start: cursor, end: cursor }, symbols);
}
