// What the buttons on a code block do: insert at the cursor, open as a new file, or apply to the
// active editor through a diff the user accepts or rejects.
//
// Apply rule (what a block replaces):
//   1. the selection, when the editor has one;
//   2. otherwise the region the block is a new version of, when the text says which
//      (src/core/edit/blockMatch.ts: its first line found once, its last line after it);
//   3. otherwise nothing: the block is inserted at the cursor.
// Never the whole file on a guess from the block's length: a long snippet is not a whole file.
// Either way the user sees the complete result in a diff first: the proposal is a pending edit
// like an editor command's (src/host/edit/proposedEdits.ts), with the same Accept and Reject.
import * as vscode from 'vscode';
import { matchBlockRange } from '../../core/edit/blockMatch';
import type { PendingEdit } from '../edit/pendingEdit';
import { EDIT_PREVIEW_SCHEME } from '../edit/previewDocuments';
import type { Services } from '../services';

export class CodeActions implements vscode.Disposable {
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  /** The chat's latest proposal, while it is pending. */
  private proposal: PendingEdit | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly proposedEdits: Services['proposedEdits']) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e && e.document.uri.scheme !== EDIT_PREVIEW_SCHEME) this.lastEditor = e;
      }),
    );
    // Built when the chat first loads, not at activation: start from the editor in use now.
    const active = vscode.window.activeTextEditor;
    if (active && active.document.uri.scheme !== EDIT_PREVIEW_SCHEME) this.lastEditor = active;
  }

  /** The editor code goes into: the active one, or the last one the user was in. */
  targetEditor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && active.document.uri.scheme !== EDIT_PREVIEW_SCHEME) return active;
    if (this.lastEditor && !this.lastEditor.document.isClosed) {
      return vscode.window.visibleTextEditors.find((e) => e.document === this.lastEditor?.document) ?? this.lastEditor;
    }
    return undefined;
  }

  async insert(code: string): Promise<boolean> {
    const editor = this.targetEditor();
    if (!editor) {
      void vscode.window.showInformationMessage('Open a file to insert the code into.');
      return false;
    }
    const ok = await editor.edit((b) => {
      for (const s of editor.selections) b.replace(s, code);
    });
    if (ok) await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    return ok;
  }

  async newFile(code: string, language?: string): Promise<vscode.TextDocument> {
    const known = language ? (await vscode.languages.getLanguages()).includes(language) : false;
    const doc = await vscode.workspace.openTextDocument({ content: code, language: known ? language : undefined });
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  }

  /** Opens the diff preview. Returns false (and says why) when there is no editor to apply to. */
  async preview(code: string): Promise<boolean> {
    const editor = this.targetEditor();
    if (!editor) {
      void vscode.window.showInformationMessage('Open the file you want to change, then choose Apply again.');
      return false;
    }
    const doc = editor.document;
    const selection = editor.selection;
    const matched = selection.isEmpty ? matchBlockRange(doc.getText(), code) : undefined;
    let range: vscode.Range;
    if (!selection.isEmpty) range = selection;
    else if (matched) range = new vscode.Range(matched.start.line, matched.start.character, matched.end.line, matched.end.character);
    else range = new vscode.Range(selection.active, selection.active);
    const lines = range.isSingleLine ? `line ${range.start.line + 1}` : `lines ${range.start.line + 1}-${range.end.line + 1}`;
    const edits = await this.proposedEdits.get();
    this.proposal = await edits.propose({
      document: doc,
      range: { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) },
      origin: { name: 'Apply from Chat', description: range.isEmpty ? `an insertion at ${lines}` : lines },
      replacement: code,
      viewColumn: editor.viewColumn,
    });
    return true;
  }

  /** Applies the chat's pending proposal. Returns whether the document changed. */
  async accept(): Promise<boolean> {
    const edits = this.proposedEdits.loaded;
    return this.proposal && edits?.isPending(this.proposal) ? edits.accept(this.proposal) : false;
  }

  async reject(): Promise<void> {
    const edits = this.proposedEdits.loaded;
    if (this.proposal && edits?.isPending(this.proposal)) await edits.reject(this.proposal);
  }

  /** The chat's proposal while it is pending (tests read it). */
  get pending(): { uri: vscode.Uri; target: vscode.Uri; proposedText: string } | undefined {
    const p = this.proposal;
    if (!p || !this.proposedEdits.loaded?.isPending(p)) return undefined;
    return { uri: p.previewUri, target: p.document.uri, proposedText: p.previewText() };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
