// One proposed edit waiting for Accept or Reject: the document, the exact range it replaces
// (tracked through the user's own edits), the replacement (streamed or given whole) and its diff
// preview. Its state changes only here: it is 'streaming' until complete(), 'stale' once the
// range it replaces was edited.
import * as vscode from 'vscode';
import { rebase, trackRangeThrough, type OffsetRange } from '../../core/edit/rebase';

export type PendingState = 'streaming' | 'ready' | 'stale';

export type AcceptResult = { applied: true } | { applied: false; reason: 'streaming' | 'changed' | 'closed' | 'refused' };

/** Who proposed the edit, in the words the user sees. */
export interface EditOrigin {
  /** "Refactor", "Fix", "Apply": the diff's title and the messages name it. */
  readonly name: string;
  /** What is replaced, e.g. "method add (lines 4-6)". */
  readonly description: string;
}

/** The replacement while it streams (src/core/edit/proposal.ts), or one given whole. */
export interface ReplacementSource {
  currentReplacement(): string;
}

export class PendingEdit implements vscode.Disposable {
  private currentState: PendingState = 'streaming';
  private finalReplacement: string | undefined;
  /** Where the original text is now; undefined once a change touched it. */
  private trackedRange: OffsetRange | undefined;
  /** The document text when the edit was proposed: the preview falls back to it once the range changed. */
  private readonly before: string;
  private readonly after: string;
  /** The text the edit replaces, as it was when proposed. */
  readonly originalText: string;
  readonly abort = new AbortController();
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly id: number,
    readonly origin: EditOrigin,
    readonly document: vscode.TextDocument,
    range: OffsetRange,
    readonly source: ReplacementSource,
    readonly previewUri: vscode.Uri,
  ) {
    const text = document.getText();
    this.before = text.slice(0, range.start);
    this.after = text.slice(range.end);
    this.originalText = text.slice(range.start, range.end);
    this.trackedRange = range;
    const uri = document.uri.toString();
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() !== uri || e.contentChanges.length === 0) return;
      this.trackedRange = this.trackedRange && trackRangeThrough(this.trackedRange, e.contentChanges);
      if (!this.trackedRange && this.currentState === 'ready') this.currentState = 'stale';
    });
  }

  get state(): PendingState {
    return this.currentState;
  }

  /** The final replacement, once complete. */
  get replacement(): string | undefined {
    return this.finalReplacement;
  }

  get description(): string {
    return this.origin.description;
  }

  get fileName(): string {
    return this.document.uri.path.split('/').pop() || this.document.uri.toString();
  }

  /** The answer is complete: Accept applies `replacement` from now on (unless the range was edited). */
  complete(replacement: string): void {
    this.finalReplacement = replacement;
    this.currentState = this.trackedRange ? 'ready' : 'stale';
  }

  /** The replacement as far as it is known (the streamed part while streaming). */
  currentReplacement(): string {
    return this.finalReplacement ?? this.source.currentReplacement();
  }

  /**
   * What the preview shows: the document as it is now with the range replaced, so the user's
   * own edits elsewhere in the file do not show up as changes. Once the range itself changed,
   * the proposal is shown against the text it was made for.
   */
  previewText(): string {
    if (this.trackedRange && !this.document.isClosed) {
      const text = this.document.getText();
      return text.slice(0, this.trackedRange.start) + this.currentReplacement() + text.slice(this.trackedRange.end);
    }
    return this.before + this.currentReplacement() + this.after;
  }

  /** Applies the proposal as one WorkspaceEdit (one undo step), onto the current text when its range is unchanged. */
  async accept(): Promise<AcceptResult> {
    if (this.currentState === 'streaming' || this.finalReplacement === undefined) return { applied: false, reason: 'streaming' };
    let doc = this.document;
    if (doc.isClosed) {
      if (doc.isUntitled) return { applied: false, reason: 'closed' };
      doc = await vscode.workspace.openTextDocument(doc.uri);
      // Edits made while it was closed were not seen; the text check below catches them.
    }
    const check = rebase(doc.getText(), this.trackedRange, this.originalText);
    if (!check.ok) {
      this.currentState = 'stale';
      return { applied: false, reason: 'changed' };
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(check.range.start), doc.positionAt(check.range.end)), this.finalReplacement);
    const ok = await vscode.workspace.applyEdit(edit);
    return ok ? { applied: true } : { applied: false, reason: 'refused' };
  }

  dispose(): void {
    this.abort.abort();
    this.subscription.dispose();
  }
}
