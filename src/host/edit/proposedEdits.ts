// Every change SambaNova proposes to a file goes through here: the editor commands (Refactor,
// Fix, Document, Edit, and the quick fix that runs Fix) and the chat's Apply. One pending edit
// per document, shown as a diff against a read-only preview; Accept applies it as one undoable
// edit, Reject drops it. Accept and Reject are in the diff's title bar (package.json); when a
// proposal is ready we say so in the status bar, not in a notification that would cover the
// diff's scrollbar.
import * as vscode from 'vscode';
import type { OffsetRange } from '../../core/edit/rebase';
import type { Logger } from '../../core/logger';
import { PendingEdit, type EditOrigin, type ReplacementSource } from './pendingEdit';
import { EDIT_PREVIEW_SCHEME, PreviewDocuments } from './previewDocuments';

export interface Proposal {
  document: vscode.TextDocument;
  range: OffsetRange;
  origin: EditOrigin;
  /** The replacement as it streams; leave out when `replacement` is given whole. */
  source?: ReplacementSource;
  /** The whole replacement, known now (the chat's Apply). */
  replacement?: string;
  /** The column to open the diff in (the editor the command ran in). */
  viewColumn?: vscode.ViewColumn;
}

const READY_MESSAGE_MS = 8_000;

export class ProposedEdits implements vscode.Disposable {
  readonly previews = new PreviewDocuments();
  private readonly pending = new Map<string, PendingEdit>();
  private nextId = 1;
  private readonly disposables: vscode.Disposable[] = [this.previews];
  /** The status bar's "… is ready" line, and the edit it is about. */
  private readyMessage: { edit: PendingEdit; line: vscode.Disposable } | undefined;

  constructor(private readonly log: Logger) {
    this.disposables.push(
      vscode.workspace.onDidCloseTextDocument((doc) => {
        // Closing the preview tab is not a Reject; an untitled file closed for good is.
        const p = this.pending.get(doc.uri.toString());
        if (p && doc.isUntitled) void this.discard(p);
      }),
      // The preview follows the user's edits elsewhere in the file.
      vscode.workspace.onDidChangeTextDocument((e) => {
        const p = this.pending.get(e.document.uri.toString());
        if (p) this.previews.refresh(p.previewUri);
      }),
    );
  }

  /** The pending edit of a document or of its preview. */
  pendingFor(uri: vscode.Uri | undefined): PendingEdit | undefined {
    if (!uri) return undefined;
    if (uri.scheme === EDIT_PREVIEW_SCHEME) return this.all.find((p) => p.previewUri.toString() === uri.toString());
    return this.pending.get(uri.toString());
  }

  get all(): PendingEdit[] {
    return [...this.pending.values()];
  }

  /** Whether `edit` is still waiting (not accepted, rejected or replaced). */
  isPending(edit: PendingEdit): boolean {
    return this.pending.get(edit.document.uri.toString()) === edit;
  }

  /** Replaces any pending edit of the document with this one and opens its diff. */
  async propose(p: Proposal): Promise<PendingEdit> {
    const previous = this.pending.get(p.document.uri.toString());
    if (previous) await this.discard(previous);
    const id = this.nextId++;
    const name = p.document.uri.path.split('/').pop() || 'file';
    const previewUri = vscode.Uri.from({ scheme: EDIT_PREVIEW_SCHEME, path: `/${id}/${name}` });
    const whole = p.replacement;
    const source = p.source ?? { currentReplacement: () => whole ?? '' };
    const edit = new PendingEdit(id, p.origin, p.document, p.range, source, previewUri);
    this.pending.set(p.document.uri.toString(), edit);
    this.previews.add(previewUri, () => edit.previewText());
    await this.updateContext();
    await vscode.commands.executeCommand('vscode.diff', p.document.uri, previewUri, `${name} ↔ SambaNova ${p.origin.name}`, {
      preview: true,
      viewColumn: p.viewColumn,
    } satisfies vscode.TextDocumentShowOptions);
    if (whole !== undefined) this.complete(edit, whole);
    return edit;
  }

  /** Shows what streamed so far (at most once a frame). */
  streamed(edit: PendingEdit): void {
    this.previews.refresh(edit.previewUri);
  }

  /** The replacement is final: the preview shows it and Accept can apply it. */
  complete(edit: PendingEdit, replacement: string): void {
    edit.complete(replacement);
    this.previews.refresh(edit.previewUri, true);
    this.readyMessage?.line.dispose();
    const line = vscode.window.setStatusBarMessage(
      `$(diff) SambaNova ${edit.origin.name} (${edit.fileName}) is ready: Accept or Reject in the diff's title bar`,
      READY_MESSAGE_MS,
    );
    this.readyMessage = { edit, line };
  }

  /** Accepts `target` (a pending edit, or a document/preview URI); default: the active editor's, or the only one. */
  async accept(target?: PendingEdit | vscode.Uri): Promise<boolean> {
    const edit = await this.pick(target, 'accept');
    if (!edit) return false;
    const result = await edit.accept();
    if (result.applied) {
      await this.discard(edit);
      await vscode.window.showTextDocument(edit.document, { preview: false });
      return true;
    }
    if (result.reason === 'streaming') {
      void vscode.window.showInformationMessage('The proposal is still being written. Accept when it is done, or Cancel it.');
      return false;
    }
    const why =
      result.reason === 'changed'
        ? `The code SambaNova was changing in ${edit.fileName} (${edit.description}) was edited while the proposal was pending, so nothing was applied.`
        : result.reason === 'closed'
          ? `${edit.fileName} was closed, so nothing was applied.`
          : `VS Code refused the change to ${edit.fileName} (is it read-only?). Nothing was applied.`;
    if (result.reason === 'refused') this.log.warn(`Applying the proposal to ${edit.document.uri.toString()} failed.`);
    this.previews.refresh(edit.previewUri, true);
    void vscode.window.showWarningMessage(`${why} The proposal is kept: copy it, or run the command again.`, 'Copy Proposal', 'Reject').then(async (choice) => {
      if (choice === 'Copy Proposal') await vscode.env.clipboard.writeText(edit.replacement ?? '');
      else if (choice === 'Reject') await this.reject(edit);
    });
    return false;
  }

  async reject(target?: PendingEdit | vscode.Uri): Promise<void> {
    const edit = await this.pick(target, 'reject');
    if (edit) await this.discard(edit);
  }

  /** Drops the edit without applying it: stops its request, closes its diff. */
  async discard(edit: PendingEdit): Promise<void> {
    if (this.isPending(edit)) this.pending.delete(edit.document.uri.toString());
    edit.dispose();
    if (this.readyMessage?.edit === edit) {
      this.readyMessage.line.dispose();
      this.readyMessage = undefined;
    }
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === edit.previewUri.toString());
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
    this.previews.remove(edit.previewUri);
    await this.updateContext();
  }

  private async pick(target: PendingEdit | vscode.Uri | undefined, verb: string): Promise<PendingEdit | undefined> {
    if (target instanceof PendingEdit) return this.isPending(target) ? target : undefined;
    const edits = this.all;
    const found = this.pendingFor(target ?? vscode.window.activeTextEditor?.document.uri) ?? (edits.length === 1 ? edits[0] : undefined);
    if (found || edits.length === 0) {
      if (!found) void vscode.window.showInformationMessage('There is no pending SambaNova edit.');
      return found;
    }
    const choice = await vscode.window.showQuickPick(
      edits.map((e) => ({ label: e.fileName, description: `${e.origin.name} · ${e.description}`, edit: e })),
      { title: `Which SambaNova edit do you want to ${verb}?` },
    );
    return choice?.edit;
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'sambanova.editPending', this.pending.size > 0);
  }

  dispose(): void {
    this.readyMessage?.line.dispose();
    for (const p of this.pending.values()) p.dispose();
    this.pending.clear();
    for (const d of this.disposables) d.dispose();
  }
}
