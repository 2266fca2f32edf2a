// Context the user attaches from the editor: the selection, the active file, other open files,
// and the active file's problems. Each piece is capped so one huge file cannot eat the context.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { AttachmentContent } from '../../core/chat/model';
import { describeDiagnostic } from '../../core/promptText';
import { promptDiagnostics } from '../edit/editorContext';

export const MAX_ATTACHMENT_CHARS = 60_000;
export const MAX_OPEN_FILES = 8;
const MAX_OPEN_FILE_CHARS = 20_000;

function cap(text: string, max: number): { text: string; truncated?: boolean } {
  return text.length <= max ? { text } : { text: text.slice(0, max), truncated: true };
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.path;
}

function kb(n: number): string {
  return n < 1024 ? `${n} chars` : `${(n / 1024).toFixed(1)} KB`;
}

export function selectionAttachment(editor: vscode.TextEditor): AttachmentContent | undefined {
  const sel = editor.selection;
  if (sel.isEmpty) return undefined;
  const doc = editor.document;
  const text = doc.getText(sel);
  const first = sel.start.line + 1;
  const last = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line : sel.end.line + 1;
  const label = `${baseName(doc.uri)}:${first === last ? first : `${first}-${last}`}`;
  const path = vscode.workspace.asRelativePath(doc.uri);
  return { id: randomUUID(), kind: 'selection', label, path, language: doc.languageId, detail: `${path} · ${kb(text.length)}`, ...cap(text, MAX_ATTACHMENT_CHARS) };
}

export function fileAttachment(doc: vscode.TextDocument, kind: 'file' | 'openFile', max = MAX_ATTACHMENT_CHARS): AttachmentContent {
  const text = doc.getText();
  const path = vscode.workspace.asRelativePath(doc.uri);
  return { id: randomUUID(), kind, label: baseName(doc.uri), path, language: doc.languageId, detail: `${path} · ${kb(text.length)}`, ...cap(text, max) };
}

/** Text documents open in editor tabs, other than the active one. */
export function openFileAttachments(active: vscode.TextDocument | undefined): AttachmentContent[] {
  const seen = new Set<string>(active ? [active.uri.toString()] : []);
  const docs: vscode.TextDocument[] = [];
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (!(tab.input instanceof vscode.TabInputText)) continue;
      const key = tab.input.uri.toString();
      if (seen.has(key)) continue;
      seen.add(key);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (doc) docs.push(doc);
    }
  }
  return docs.slice(0, MAX_OPEN_FILES).map((d) => fileAttachment(d, 'openFile', MAX_OPEN_FILE_CHARS));
}

export function problemsAttachment(doc: vscode.TextDocument): AttachmentContent | undefined {
  const diagnostics = vscode.languages.getDiagnostics(doc.uri);
  if (diagnostics.length === 0) return undefined;
  const path = vscode.workspace.asRelativePath(doc.uri);
  const lines = promptDiagnostics(diagnostics).map((d) => {
    const line = doc.lineAt(Math.min(d.line - 1, doc.lineCount - 1)).text.trim();
    return `${describeDiagnostic(d, path)}\n    ${line}`;
  });
  const n = diagnostics.length;
  return {
    id: randomUUID(),
    kind: 'problems',
    label: `Problems in ${baseName(doc.uri)} (${n})`,
    path,
    detail: `${n} problem${n === 1 ? '' : 's'} in ${path}`,
    ...cap(lines.join('\n'), MAX_ATTACHMENT_CHARS),
  };
}
