// Runs Refactor / Fix / Add Documentation / Edit: works out the range, asks for the instruction,
// and streams the answer into a proposed edit (proposedEdits.ts owns the preview, Accept and
// Reject) with progress and Cancel. Generate Tests is in generateTests.ts.
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
import type { PendingEdit } from './pendingEdit';
import { EDIT_PREVIEW_SCHEME } from './previewDocuments';
import type { ProposedEdits } from './proposedEdits';
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

/** What one command asks the model, once the range and instruction are settled. */
interface EditRequest {
  kind: RewriteKind;
  editor: vscode.TextEditor;
  range: vscode.Range;
  description: string;
  messages: ReturnType<typeof buildEditMessages>;
  model: string;
  params: ReturnType<Services['config']['get']>['params'];
}

export class EditController implements vscode.Disposable {
  constructor(
    private readonly services: Services,
    readonly edits: ProposedEdits,
  ) {}

  get previews(): ProposedEdits['previews'] {
    return this.edits.previews;
  }

  /** The pending edit of a document or of its preview, for Accept/Reject and tests. */
  pendingFor(uri: vscode.Uri | undefined): PendingEdit | undefined {
    return this.edits.pendingFor(uri);
  }

  get pendingEdits(): PendingEdit[] {
    return this.edits.all;
  }

  accept(target?: PendingEdit | vscode.Uri): Promise<boolean> {
    return this.edits.accept(target);
  }

  reject(target?: PendingEdit | vscode.Uri): Promise<void> {
    return this.edits.reject(target);
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
    const editor = await this.writableEditor(options.uri);
    if (!editor) return undefined;
    const target = await this.rangeToChange(editor, options.diagnosticRange);
    if (!target) return undefined;
    const instruction = options.instruction ?? (await this.askInstruction(kind, target.description));
    if (instruction === null) return undefined; // Escape: nothing is sent.
    const request = await this.buildRequest(kind, editor, target, instruction);
    if (!request) return undefined;
    const proposal = proposalFor(editor.document, request.range);
    const edit = await this.edits.propose({
      document: editor.document,
      range: { start: editor.document.offsetAt(request.range.start), end: editor.document.offsetAt(request.range.end) },
      origin: { name: NAMES[kind], description: request.description },
      source: proposal,
      viewColumn: editor.viewColumn,
    });
    return (await this.stream(edit, proposal, request)) ? edit : undefined;
  }

  /** The editor to change, or undefined after telling the user why there is none. */
  private async writableEditor(uri: vscode.Uri | undefined): Promise<vscode.TextEditor | undefined> {
    const editor = await this.editorFor(uri);
    if (!editor) {
      void vscode.window.showInformationMessage('Open a file and select the code to change first.');
      return undefined;
    }
    if (isReadOnly(editor.document)) {
      void vscode.window.showWarningMessage(`${displayName(editor.document)} is read-only, so SambaNova cannot change it. Explain Selection still works.`);
      return undefined;
    }
    return editor;
  }

  /** The range the command changes, selected and revealed so the user sees what goes. */
  private async rangeToChange(editor: vscode.TextEditor, diagnosticRange: vscode.Range | undefined): Promise<{ range: vscode.Range; description: string } | undefined> {
    const resolved = await this.resolveRange(editor, diagnosticRange);
    if (!resolved.ok) {
      void vscode.window.showInformationMessage(resolved.message);
      return undefined;
    }
    let range = toVsRange(resolved.range);
    // A range that starts inside its line's indentation starts at column 0: the replacement
    // brings the indentation back, and the answer's lines all line up.
    const baseIndent = leadingWhitespace(editor.document.lineAt(range.start.line).text);
    if (range.start.character > 0 && range.start.character <= baseIndent.length) range = range.with(range.start.with(undefined, 0));
    if (resolved.source !== 'selection') editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return { range, description: resolved.description };
  }

  /** Refactor and Edit ask what to change; null when the user pressed Escape. */
  private async askInstruction(kind: RewriteKind, description: string): Promise<string | undefined | null> {
    if (kind !== 'refactor' && kind !== 'edit') return undefined;
    const typed = await vscode.window.showInputBox({
      title: `SambaNova: ${kind === 'refactor' ? 'Refactor' : 'Edit'} ${description}`,
      prompt: kind === 'refactor' ? 'How should it change? Empty: improve readability without changing behaviour.' : 'What should change?',
      placeHolder: kind === 'refactor' ? DEFAULT_REFACTOR_INSTRUCTION : 'e.g. handle the empty list; use async/await',
      ignoreFocusOut: true,
      validateInput: (v) => (kind === 'edit' && v.trim() === '' ? 'Say what to change, or press Escape to cancel.' : undefined),
    });
    return typed ?? null;
  }

  /** The messages for the model, or undefined (and a message) when they would not fit its context. */
  private async buildRequest(
    kind: RewriteKind,
    editor: vscode.TextEditor,
    target: { range: vscode.Range; description: string },
    instruction: string | undefined,
  ): Promise<EditRequest | undefined> {
    const doc = editor.document;
    const { range } = target;
    const code = doc.getText(range);
    const messages = buildEditMessages(
      kind,
      {
        languageId: doc.languageId,
        fileName: displayName(doc),
        code,
        instruction,
        diagnostics: kind === 'fix' ? promptDiagnostics(diagnosticsIn(doc, range)) : [],
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
    return { kind, editor, range, description: target.description, messages, model: cfg.model, params: cfg.params };
  }

  /** Streams the answer into the preview under a progress notification with Cancel. */
  private async stream(edit: PendingEdit, proposal: StreamingProposal, request: EditRequest): Promise<boolean> {
    const { kind } = request;
    let answerCut = false;
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `SambaNova: ${VERBS[kind]} ${edit.description} in ${edit.fileName}`, cancellable: true },
        async (_progress, token) => {
          const onCancel = token.onCancellationRequested(() => edit.abort.abort());
          try {
            const result = await this.services.client.streamChat(
              { model: request.model, messages: request.messages, params: request.params, source: 'command' },
              {
                signal: edit.abort.signal,
                onEvent: (e) => {
                  if (e.type !== 'text') return;
                  proposal.push(e.text);
                  // Nothing to show before the code starts (prose, the fence line).
                  if (proposal.hasCode) this.edits.streamed(edit);
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
      await this.edits.discard(edit);
      if (isAbortError(error)) return false;
      this.services.log.warn(`${NAMES[kind]} failed: ${error instanceof Error ? error.message : String(error)}`);
      // Not awaited: the command ends now; the message stays until the user answers it.
      void showError(error, `SambaNova ${NAMES[kind]}`).then((retry) => {
        if (retry) void vscode.commands.executeCommand(`sambanova.${kind === 'doc' ? 'addDocumentation' : `${kind}Selection`}`);
      });
      return false;
    }
    if (!this.edits.isPending(edit)) return false; // rejected while streaming
    const done = proposal.finish();
    if (!done) {
      await this.edits.discard(edit);
      const answer = proposal.answer;
      void vscode.window.showWarningMessage(`SambaNova's answer held no code, so there is nothing to apply to ${edit.fileName}.`, 'Show Answer').then(async (choice) => {
        if (choice) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: answer, language: 'markdown' }));
      });
      return false;
    }
    this.edits.complete(edit, done.replacement);
    if (answerCut || !done.complete) {
      void vscode.window.showWarningMessage(`The answer for ${edit.fileName} was cut off (max tokens reached). Review the preview before accepting.`);
    }
    return true;
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
    // The pending edits belong to ProposedEdits, which the extension disposes.
  }
}

/** The streamed answer, re-indented for the range it replaces. */
function proposalFor(doc: vscode.TextDocument, range: vscode.Range): StreamingProposal {
  const text = doc.getText();
  return new StreamingProposal(text.slice(0, doc.offsetAt(range.start)), text.slice(doc.offsetAt(range.end)), {
    baseIndent: leadingWhitespace(doc.lineAt(range.start.line).text),
    style: indentStyleOf(doc),
    indentFirstLine: range.start.character === 0,
    eol: doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
    trailingNewline: /\r?\n$/.test(doc.getText(range)),
  });
}
