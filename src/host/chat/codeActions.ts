// What the buttons on a code block do: insert at the cursor, open as a new file, or apply to the
// active editor through a diff the user accepts or rejects.
//
// Apply rule (what a block replaces):
//   1. the selection, when the editor has one;
//   2. otherwise the region the block is a new version of, when the text says which
//      (src/core/edit/blockMatch.ts: its first line found once, its last line after it);
//   3. otherwise nothing: the block is inserted at the cursor.
// Never the whole file on a guess from the block's length: a long snippet is not a whole file.
// Either way the user sees the complete result in a diff first; Accept applies one undoable
// WorkspaceEdit to the original document, Reject changes nothing.
import * as vscode from 'vscode';
import { matchBlockRange } from '../../core/edit/blockMatch';
import type { Logger } from '../../core/logger';

export const PROPOSAL_SCHEME = 'sambanova-proposal';

interface Proposal {
  id: number;
  uri: vscode.Uri;
  document: vscode.TextDocument;
  version: number;
  range: vscode.Range;
  replacement: string;
  proposedText: string;
}

export class CodeActions implements vscode.Disposable {
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private proposal: Proposal | undefined;
  private nextId = 1;
  private readonly proposals = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly log: Logger) {
    this.disposables.push(
      this.changed,
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e && e.document.uri.scheme !== PROPOSAL_SCHEME) this.lastEditor = e;
      }),
      vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, {
        onDidChange: this.changed.event,
        provideTextDocumentContent: (uri) => this.proposals.get(uri.toString()) ?? '',
      }),
    );
    // Built when the chat first loads, not at activation: start from the editor in use now.
    const active = vscode.window.activeTextEditor;
    if (active && active.document.uri.scheme !== PROPOSAL_SCHEME) this.lastEditor = active;
    // The Accept / Reject commands are registered at activation by index.ts and call accept() / reject().
  }

  /** The editor code goes into: the active one, or the last one the user was in. */
  targetEditor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && active.document.uri.scheme !== PROPOSAL_SCHEME) return active;
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
    const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    let range: vscode.Range;
    const matched = editor.selection.isEmpty ? matchBlockRange(doc.getText(), code) : undefined;
    if (!editor.selection.isEmpty) range = editor.selection;
    else if (matched) range = new vscode.Range(matched.start.line, matched.start.character, matched.end.line, matched.end.character);
    else range = new vscode.Range(editor.selection.active, editor.selection.active);
    const before = doc.getText(new vscode.Range(whole.start, range.start));
    const after = doc.getText(new vscode.Range(range.end, whole.end));
    const proposedText = before + code + after;

    this.dropProposal();
    const id = this.nextId++;
    const name = doc.uri.path.split('/').pop() || 'file';
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${id}/${name}` });
    this.proposals.set(uri.toString(), proposedText);
    this.proposal = { id, uri, document: doc, version: doc.version, range, replacement: code, proposedText };
    await vscode.commands.executeCommand('setContext', 'sambanova.proposalPending', true);
    await vscode.commands.executeCommand('vscode.diff', doc.uri, uri, `${name} ↔ SambaNova's proposal`, { preview: true });
    // Buttons in the notification and in the diff editor's title bar do the same thing.
    void vscode.window
      .showInformationMessage(`Apply SambaNova's change to ${name}?`, 'Accept', 'Reject')
      .then((choice) => {
        if (this.proposal?.id !== id) return;
        if (choice === 'Accept') void this.accept();
        else if (choice === 'Reject') void this.reject();
      });
    return true;
  }

  /** Applies the pending proposal. Returns whether the document changed. */
  async accept(): Promise<boolean> {
    const p = this.proposal;
    if (!p) return false;
    if (p.document.isClosed) {
      void vscode.window.showWarningMessage('The file was closed; nothing was applied.');
      await this.closeDiff(p);
      return false;
    }
    if (p.document.version !== p.version) {
      // The user edited the file while looking at the diff; the ranges no longer mean the same.
      void vscode.window.showWarningMessage('The file changed since the preview was made. Choose Apply again to see a fresh diff.');
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(p.document.uri, p.range, p.replacement);
    const ok = await vscode.workspace.applyEdit(edit);
    if (!ok) this.log.warn(`Applying the proposal to ${p.document.uri.toString()} failed.`);
    await this.closeDiff(p);
    await vscode.window.showTextDocument(p.document, { preview: false });
    return ok;
  }

  async reject(): Promise<void> {
    const p = this.proposal;
    if (!p) return;
    await this.closeDiff(p);
  }

  get pending(): { uri: vscode.Uri; target: vscode.Uri; proposedText: string } | undefined {
    return this.proposal && { uri: this.proposal.uri, target: this.proposal.document.uri, proposedText: this.proposal.proposedText };
  }

  private async closeDiff(p: Proposal): Promise<void> {
    this.dropProposal();
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === p.uri.toString());
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  private dropProposal(): void {
    if (this.proposal) this.proposals.delete(this.proposal.uri.toString());
    this.proposal = undefined;
    void vscode.commands.executeCommand('setContext', 'sambanova.proposalPending', false);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
