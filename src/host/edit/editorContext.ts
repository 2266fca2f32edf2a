// What an edit command reads from the editor: document symbols (for the enclosing function),
// diagnostics, indentation, and the text around the range. Converts between vscode and core shapes.
import * as vscode from 'vscode';
import type { PromptDiagnostic } from '../../core/promptText';
import type { BlockSymbolKind, SymbolRange } from '../../core/edit/range';
import type { Range as CoreRange } from '../../core/edit/text';
import type { IndentStyle } from '../../core/edit/indent';

/** The symbol provider may still be starting (a language server); the line fallback beats waiting. */
const SYMBOL_TIMEOUT_MS = 2_000;
/** Lines of context around the range sent to the model, each side. */
const CONTEXT_LINES = 30;
const CONTEXT_CHARS = 3_000;

const KINDS: Partial<Record<vscode.SymbolKind, BlockSymbolKind>> = {
  [vscode.SymbolKind.Function]: 'function',
  [vscode.SymbolKind.Method]: 'method',
  [vscode.SymbolKind.Constructor]: 'constructor',
  [vscode.SymbolKind.Class]: 'class',
  [vscode.SymbolKind.Interface]: 'interface',
  [vscode.SymbolKind.Enum]: 'enum',
  [vscode.SymbolKind.Struct]: 'struct',
  [vscode.SymbolKind.Module]: 'module',
  [vscode.SymbolKind.Namespace]: 'namespace',
};

export function toCoreRange(r: vscode.Range): CoreRange {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

export function toVsRange(r: CoreRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function convert(symbols: (vscode.DocumentSymbol | vscode.SymbolInformation)[]): SymbolRange[] {
  return symbols.map((s) => {
    const range = 'location' in s ? s.location.range : s.range;
    const children = 'children' in s ? convert(s.children) : [];
    // Arrow functions assigned to a const come as Variable; treat a multi-line one as a block.
    let kind = KINDS[s.kind] ?? 'other';
    if (kind === 'other' && (s.kind === vscode.SymbolKind.Variable || s.kind === vscode.SymbolKind.Constant) && range.end.line > range.start.line) kind = 'function';
    return { name: s.name, kind, range: toCoreRange(range), children };
  });
}

export async function documentSymbols(doc: vscode.TextDocument): Promise<SymbolRange[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const symbols = await Promise.race([
      vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>('vscode.executeDocumentSymbolProvider', doc.uri),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), SYMBOL_TIMEOUT_MS))),
    ]);
    return convert(symbols ?? []);
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
  }
}

const SEVERITIES: PromptDiagnostic['severity'][] = ['error', 'warning', 'info', 'hint'];

/** Editor problems as prompts take them (the one conversion: Fix, @sambanova /fix, the chat's Problems). */
export function promptDiagnostics(diagnostics: readonly vscode.Diagnostic[]): PromptDiagnostic[] {
  return diagnostics.map((d) => ({
    message: d.message,
    severity: SEVERITIES[d.severity],
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    source: d.source,
    code: d.code === undefined ? undefined : typeof d.code === 'object' ? String(d.code.value) : String(d.code),
  }));
}

/** Diagnostics of `doc` that touch `range`. */
export function diagnosticsIn(doc: vscode.TextDocument, range: vscode.Range): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(doc.uri).filter((d) => d.range.intersection(range) !== undefined);
}

/** The file's indent unit: the editor's own options when it is open, else VS Code's detection settings. */
export function indentStyleOf(doc: vscode.TextDocument): IndentStyle {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  const { insertSpaces, tabSize } = editor?.options ?? {};
  if (typeof insertSpaces === 'boolean' && typeof tabSize === 'number') return { insertSpaces, tabSize };
  const cfg = vscode.workspace.getConfiguration('editor', doc);
  return { insertSpaces: cfg.get<boolean>('insertSpaces', true), tabSize: cfg.get<number>('tabSize', 4) };
}

/** Up to CONTEXT_LINES lines before and after the range, for the model's reference. */
export function surroundings(doc: vscode.TextDocument, range: vscode.Range): { before?: string; after?: string } {
  const from = Math.max(0, range.start.line - CONTEXT_LINES);
  const to = Math.min(doc.lineCount - 1, range.end.line + CONTEXT_LINES);
  const before = doc.getText(new vscode.Range(from, 0, range.start.line, 0)).slice(-CONTEXT_CHARS);
  const after = range.end.line + 1 <= to ? doc.getText(new vscode.Range(range.end.line + 1, 0, to, doc.lineAt(to).text.length)).slice(0, CONTEXT_CHARS) : '';
  return { before: before.trim() ? before : undefined, after: after.trim() ? after : undefined };
}

export function displayName(doc: vscode.TextDocument): string {
  return doc.isUntitled ? doc.uri.path : vscode.workspace.asRelativePath(doc.uri);
}

/** Files on a read-only file system (git: versions, some virtual docs) cannot take an edit. */
export function isReadOnly(doc: vscode.TextDocument): boolean {
  if (doc.isUntitled) return false;
  return vscode.workspace.fs.isWritableFileSystem(doc.uri.scheme) === false;
}
