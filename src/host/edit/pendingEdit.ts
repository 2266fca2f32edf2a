// One proposed edit waiting for Accept or Reject: the document, the exact range it replaces
// (tracked through the user's own edits), the streamed proposal and its diff preview.
import * as vscode from 'vscode';
import type { EditKind } from '../../core/edit/prompts';
import type { StreamingProposal } from '../../core/edit/proposal';
import { rebase, trackRangeThrough, type OffsetRange } from '../../core/edit/rebase';

export type PendingState = 'streaming' | 'ready' | 'stale';

export type AcceptResult = { applied: true } | { applied: false; reason: 'streaming' | 'changed' | 'closed' | 'refused' };

export class PendingEdit implements vscode.Disposable {
  state: PendingState = 'streaming';
  /** The final replacement, once the answer is complete. */
  replacement: string | undefined;
  /** Where the original text is now; undefined once a change touched it. */
  tracked: OffsetRange | undefined;
  readonly abort = new AbortController();
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly id: number,
    readonly kind: EditKind,
    readonly document: vscode.TextDocument,
    readonly range: OffsetRange,
    readonly originalText: string,
    readonly proposal: StreamingProposal,
    readonly previewUri: vscode.Uri,
    /** Said to the user: what is replaced ("method add (lines 4-6)"). */
    readonly description: string,
  ) {
    this.tracked = range;
    const uri = document.uri.toString();
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() !== uri || e.contentChanges.length === 0) return;
      this.tracked = this.tracked && trackRangeThrough(this.tracked, e.contentChanges);
      if (!this.tracked && this.state === 'ready') this.state = 'stale';
    });
  }

  get fileName(): string {
    return this.document.uri.path.split('/').pop() || this.document.uri.toString();
  }

  /** The replacement as far as it is known (the streamed part while streaming). */
  currentReplacement(): string {
    return this.replacement ?? this.proposal.currentReplacement();
  }

  /**
   * What the preview shows: the document as it is now with the range replaced, so the user's
   * own edits elsewhere in the file do not show up as changes. Once the range itself changed,
   * the proposal is shown against the text it was made for.
   */
  previewText(): string {
    if (this.tracked && !this.document.isClosed) {
      const text = this.document.getText();
      return text.slice(0, this.tracked.start) + this.currentReplacement() + text.slice(this.tracked.end);
    }
    return this.proposal.before + this.currentReplacement() + this.proposal.after;
  }

  /** Applies the proposal as one WorkspaceEdit (one undo step), onto the current text when its range is unchanged. */
  async accept(): Promise<AcceptResult> {
    if (this.state === 'streaming' || this.replacement === undefined) return { applied: false, reason: 'streaming' };
    let doc = this.document;
    if (doc.isClosed) {
      if (doc.isUntitled) return { applied: false, reason: 'closed' };
      doc = await vscode.workspace.openTextDocument(doc.uri);
      // Edits made while it was closed were not seen; the text check below catches them.
    }
    const check = rebase(doc.getText(), this.tracked, this.originalText);
    if (!check.ok) {
      this.state = 'stale';
      return { applied: false, reason: 'changed' };
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(check.range.start), doc.positionAt(check.range.end)), this.replacement);
    const ok = await vscode.workspace.applyEdit(edit);
    return ok ? { applied: true } : { applied: false, reason: 'refused' };
  }

  dispose(): void {
    this.abort.abort();
    this.subscription.dispose();
  }
}
