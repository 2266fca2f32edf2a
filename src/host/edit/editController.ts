// Runs Refactor / Fix / Add Documentation / Edit: works out the range, asks for the instruction,
// streams the answer into a diff preview with progress and Cancel, and keeps the result as a
// pending edit per document until Accept or Reject. Generate Tests is in generateTests.ts.
import * as vscode from 'vscode';
import { isAbortError } from '../../core/client/errors';
import { checkContextSize } from '../../core/edit/contextCheck';
import { buildEditMessages, DEFAULT_REFACTOR_INSTRUCTION, type EditKind } from '../../core/edit/prompts';
import { StreamingProposal } from '../../core/edit/proposal';
import { resolveBlock, resolveEditRange, type ResolvedRange } from '../../core/edit/range';
import { leadingWhitespace } from '../../core/edit/text';
import { showError } from '../errorUi';
import type { Services } from '../services';
import {
  diagnosticsIn,
  displayName,
  documentSymbols,
  indentStyleOf,
  isReadOnly,
  promptDiagnostics,
  surroundings,
  toCoreRange,
  toVsRange,
} from './editorContext';
import { PendingEdit } from './pendingEdit';
import { EDIT_PREVIEW_SCHEME, PreviewDocuments } from './previewDocuments';
import { readPromptOverrides } from './promptSettings';

export type RewriteKind = Exclude<EditKind, 'explain' | 'tests'>;

export interface RunOptions {
  /** The document to edit; defaults to the active editor's. */
  uri?: vscode.Uri;
  /** An explicit range (quick fix: the diagnostics' range, resolved to its enclosing block). */
  diagnosticRange?: vscode.Range;
  /** Skips the input box (tests, and callers that already have the instruction). */
  instruction?: string;
}

const VERBS: Record<RewriteKind, string> = { refactor: 'Refactoring', fix: 'Fixing', doc: 'Documenting', edit: 'Editing' };
const NAMES: Record<RewriteKind, string> = { refactor: 'Refactor', fix: 'Fix', doc: 'Documentation', edit: 'Edit' };

/** Says a selection is too large, with the numbers; offers another model. Not awaited by the command. */
export function refuseTooLarge(message: string): void {
  void vscode.window.showErrorMessage(message, 'Choose Another Model').then(async (choice) => {
    if (choice) await vscode.commands.executeCommand('sambanova.selectModel');
  });
}

export class EditController implements vscode.Disposable {
  readonly previews = new PreviewDocuments();
  private readonly pending = new Map<string, PendingEdit>();
  private nextId = 1;
  private readonly disposables: vscode.Disposable[] = [this.previews];

  constructor(private readonly services: Services) {
    this.disposables.push(
      vscode.workspace.onDidCloseTextDocument((doc) => {
        // Closing the preview tab is not a Reject; an untitled file closed for good is.
        const p = this.pending.get(doc.uri.toString());
        if (p && doc.isUntitled) void this.drop(p);
      }),
      // The preview follows the user's edits elsewhere in the file.
      vscode.workspace.onDidChangeTextDocument((e) => {
        const p = this.pending.get(e.document.uri.toString());
        if (p) this.previews.refresh(p.previewUri);
      }),
    );
  }

  /** The pending edit of a document or of its preview, for Accept/Reject and tests. */
  pendingFor(uri: vscode.Uri | undefined): PendingEdit | undefined {
    if (!uri) return undefined;
    if (uri.scheme === EDIT_PREVIEW_SCHEME) return [...this.pending.values()].find((p) => p.previewUri.toString() === uri.toString());
    return this.pending.get(uri.toString());
  }

  get pendingEdits(): PendingEdit[] {
    return [...this.pending.values()];
  }

  /** Resolves the range a command works on in `editor`, and says which it is. */
  async resolveRange(editor: vscode.TextEditor, diagnosticRange?: vscode.Range): Promise<ResolvedRange> {
    const doc = editor.document;
    const needSymbols = diagnosticRange !== undefined || editor.selection.isEmpty;
    const symbols = needSymbols ? await documentSymbols(doc) : [];
    if (diagnosticRange) return resolveBlock(doc.getText(), toCoreRange(diagnosticRange), symbols);
    return resolveEditRange(doc.getText(), toCoreRange(editor.selection), symbols);
  }

  async run(kind: RewriteKind, options: RunOptions = {}): Promise<PendingEdit | undefined> {
    const editor = await this.editorFor(options.uri);
    if (!editor) {
      void vscode.window.showInformationMessage('Open a file and select the code to change first.');
      return undefined;
    }
    const doc = editor.document;
    if (isReadOnly(doc)) {
      void vscode.window.showWarningMessage(`${displayName(doc)} is read-only, so SambaNova cannot change it. Explain Selection still works.`);
      return undefined;
    }
    const resolved = await this.resolveRange(editor, options.diagnosticRange);
    if (!resolved.ok) {
      void vscode.window.showInformationMessage(resolved.message);
      return undefined;
    }
    let range = toVsRange(resolved.range);
    // A range that starts inside its line's indentation starts at column 0: the replacement
    // brings the indentation back, and the answer's lines all line up.
    const baseIndent = leadingWhitespace(doc.lineAt(range.start.line).text);
    if (range.start.character > 0 && range.start.character <= baseIndent.length) range = range.with(range.start.with(undefined, 0));
    if (resolved.source !== 'selection') editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);

    let instruction = options.instruction;
    if (instruction === undefined && (kind === 'refactor' || kind === 'edit')) {
      instruction = await vscode.window.showInputBox({
        title: `SambaNova: ${kind === 'refactor' ? 'Refactor' : 'Edit'} ${resolved.description}`,
        prompt: kind === 'refactor' ? 'How should it change? Empty: improve readability without changing behaviour.' : 'What should change?',
        placeHolder: kind === 'refactor' ? DEFAULT_REFACTOR_INSTRUCTION : 'e.g. handle the empty list; use async/await',
        ignoreFocusOut: true,
        validateInput: (v) => (kind === 'edit' && v.trim() === '' ? 'Say what to change, or press Escape to cancel.' : undefined),
      });
      if (instruction === undefined) return undefined; // Escape: nothing is sent.
    }

    const diagnostics = kind === 'fix' ? diagnosticsIn(doc, range) : [];
    const code = doc.getText(range);
    const messages = buildEditMessages(
      kind,
      {
        languageId: doc.languageId,
        fileName: displayName(doc),
        code,
        instruction,
        diagnostics: promptDiagnostics(diagnostics),
        context: surroundings(doc, range),
      },
      readPromptOverrides(),
    );
    const cfg = this.services.config.get();
    const contextLength = await this.contextLengthOf(cfg.model);
    const fits = checkContextSize({ messages, code, model: cfg.model, contextLength, maxTokens: cfg.params.maxTokens, expectsRewrite: true });
    if (!fits.ok) {
      refuseTooLarge(fits.message);
      return undefined;
    }

    const previous = this.pending.get(doc.uri.toString());
    if (previous) await this.reject(previous);

    const text = doc.getText();
    const start = doc.offsetAt(range.start);
    const end = doc.offsetAt(range.end);
    const proposal = new StreamingProposal(text.slice(0, start), text.slice(end), {
      baseIndent: leadingWhitespace(doc.lineAt(range.start.line).text),
      style: indentStyleOf(doc),
      indentFirstLine: range.start.character === 0,
      eol: doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
      trailingNewline: /\r?\n$/.test(code),
    });
    const id = this.nextId++;
    const name = doc.uri.path.split('/').pop() || 'file';
    const previewUri = vscode.Uri.from({ scheme: EDIT_PREVIEW_SCHEME, path: `/${id}/${name}` });
    const edit = new PendingEdit(id, kind, doc, { start, end }, code, proposal, previewUri, resolved.description);
    this.pending.set(doc.uri.toString(), edit);
    this.previews.add(previewUri, () => edit.previewText());
    await this.updateContext();
    await vscode.commands.executeCommand('vscode.diff', doc.uri, previewUri, `${name} ↔ SambaNova ${NAMES[kind]}`, {
      preview: true,
      viewColumn: editor.viewColumn,
    } satisfies vscode.TextDocumentShowOptions);

    const finished = await this.stream(edit, messages, cfg.model, cfg.params);
    if (!finished) return undefined;
    void this.offer(edit);
    return edit;
  }

  /** Streams the answer into the preview under a progress notification with Cancel. */
  private async stream(edit: PendingEdit, messages: ReturnType<typeof buildEditMessages>, model: string, params: ReturnType<Services['config']['get']>['params']): Promise<boolean> {
    const kind = edit.kind as RewriteKind;
    let answerCut = false;
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `SambaNova: ${VERBS[kind]} ${edit.description} in ${edit.fileName}`, cancellable: true },
        async (_progress, token) => {
          const onCancel = token.onCancellationRequested(() => edit.abort.abort());
          try {
            const result = await this.services.client.streamChat(
              { model, messages, params, source: 'command' },
              {
                signal: edit.abort.signal,
                onEvent: (e) => {
                  if (e.type !== 'text') return;
                  edit.proposal.push(e.text);
                  // Nothing to show before the code starts (prose, the fence line).
                  if (edit.proposal.hasCode) this.previews.refresh(edit.previewUri);
                },
              },
            );
            answerCut = result.finishReason === 'length';
          } finally {
            onCancel.dispose();
          }
        },
      );
    } catch (error) {
      await this.drop(edit);
      if (isAbortError(error)) return false;
      this.services.log.warn(`${NAMES[kind]} failed: ${error instanceof Error ? error.message : String(error)}`);
      // Not awaited: the command ends now; the message stays until the user answers it.
      void showError(error, `SambaNova ${NAMES[kind]}`).then((retry) => {
        if (retry) void vscode.commands.executeCommand(`sambanova.${kind === 'doc' ? 'addDocumentation' : `${kind}Selection`}`);
      });
      return false;
    }
    if (this.pending.get(edit.document.uri.toString()) !== edit) return false; // rejected while streaming
    const done = edit.proposal.finish();
    if (!done) {
      await this.drop(edit);
      const answer = edit.proposal.answer;
      void vscode.window.showWarningMessage(`SambaNova's answer held no code, so there is nothing to apply to ${edit.fileName}.`, 'Show Answer').then(async (choice) => {
        if (choice) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: answer, language: 'markdown' }));
      });
      return false;
    }
    edit.replacement = done.replacement;
    edit.state = edit.tracked ? 'ready' : 'stale';
    this.previews.refresh(edit.previewUri, true);
    if (answerCut || !done.complete) {
      void vscode.window.showWarningMessage(`The answer for ${edit.fileName} was cut off (max tokens reached). Review the preview before accepting.`);
    }
    return true;
  }

  private async offer(edit: PendingEdit): Promise<void> {
    const kind = NAMES[edit.kind as RewriteKind];
    const choice = await vscode.window.showInformationMessage(`SambaNova ${kind} of ${edit.description} in ${edit.fileName} is ready.`, 'Accept', 'Reject');
    if (this.pending.get(edit.document.uri.toString()) !== edit) return;
    if (choice === 'Accept') await this.accept(edit);
    else if (choice === 'Reject') await this.reject(edit);
  }

  /** Accepts `target` (a pending edit, or a document/preview URI); default: the active editor's, or the only one. */
  async accept(target?: PendingEdit | vscode.Uri): Promise<boolean> {
    const edit = await this.pick(target, 'accept');
    if (!edit) return false;
    const result = await edit.accept();
    if (result.applied) {
      await this.drop(edit);
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
    this.previews.refresh(edit.previewUri, true);
    void vscode.window.showWarningMessage(`${why} The proposal is kept: copy it, or run the command again.`, 'Copy Proposal', 'Reject').then(async (choice) => {
      if (choice === 'Copy Proposal') await vscode.env.clipboard.writeText(edit.replacement ?? '');
      else if (choice === 'Reject') await this.reject(edit);
    });
    return false;
  }

  async reject(target?: PendingEdit | vscode.Uri): Promise<void> {
    const edit = await this.pick(target, 'reject');
    if (edit) await this.drop(edit);
  }

  private async pick(target: PendingEdit | vscode.Uri | undefined, verb: string): Promise<PendingEdit | undefined> {
    if (target instanceof PendingEdit) return this.pending.get(target.document.uri.toString()) === target ? target : undefined;
    const edits = this.pendingEdits;
    const found = this.pendingFor(target ?? vscode.window.activeTextEditor?.document.uri) ?? (edits.length === 1 ? edits[0] : undefined);
    if (found || edits.length === 0) {
      if (!found) void vscode.window.showInformationMessage('There is no pending SambaNova edit.');
      return found;
    }
    const choice = await vscode.window.showQuickPick(
      edits.map((e) => ({ label: e.fileName, description: `${NAMES[e.kind as RewriteKind]} · ${e.description}`, edit: e })),
      { title: `Which SambaNova edit do you want to ${verb}?` },
    );
    return choice?.edit;
  }

  private async drop(edit: PendingEdit): Promise<void> {
    if (this.pending.get(edit.document.uri.toString()) === edit) this.pending.delete(edit.document.uri.toString());
    edit.dispose();
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === edit.previewUri.toString());
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
    this.previews.remove(edit.previewUri);
    await this.updateContext();
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'sambanova.editPending', this.pending.size > 0);
  }

  private async editorFor(uri: vscode.Uri | undefined): Promise<vscode.TextEditor | undefined> {
    const active = vscode.window.activeTextEditor;
    if (!uri) return active && active.document.uri.scheme !== EDIT_PREVIEW_SCHEME ? active : undefined;
    if (active?.document.uri.toString() === uri.toString()) return active;
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  async contextLengthOf(model: string): Promise<number | undefined> {
    const cached = this.services.client.modelInfo(model);
    if (cached) return cached.contextLength;
    try {
      const models = await this.services.client.listModels();
      return models.find((m) => m.id === model)?.contextLength;
    } catch {
      return undefined; // The request itself will say what is wrong.
    }
  }

  dispose(): void {
    for (const p of this.pending.values()) p.dispose();
    this.pending.clear();
    for (const d of this.disposables) d.dispose();
  }
}
