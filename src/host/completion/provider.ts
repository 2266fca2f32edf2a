// VS Code's inline completion provider, as thin as it can be: turn the editor's request into
// the engine's input, the engine's items into InlineCompletionItems. Errors are logged and
// shown in the status bar by the engine's state, never as a notification.
import * as vscode from 'vscode';
import { isAbortError } from '../../core/client/errors';
import type { Logger } from '../../core/logger';
import type { CompletionEngine, CompletionInput, CompletionOutput } from '../../core/completion/engine';
import { toAbortSignal } from '../abortSignal';
import type { RecentDocuments } from './recentDocuments';

export interface ProviderDeps {
  engine: () => Promise<CompletionEngine>;
  recent: RecentDocuments;
  log: Logger;
  /** Every result, for tests and the log's trace level. */
  onResult?: (output: CompletionOutput) => void;
}

export function inputFor(
  document: vscode.TextDocument,
  position: vscode.Position,
  context: vscode.InlineCompletionContext,
  recent: RecentDocuments | undefined,
): CompletionInput {
  const editor = vscode.window.activeTextEditor?.document === document ? vscode.window.activeTextEditor : undefined;
  const selected = context.selectedCompletionInfo;
  const tabSize = typeof editor?.options.tabSize === 'number' ? editor.options.tabSize : undefined;
  return {
    uri: document.uri.toString(),
    languageId: document.languageId,
    text: document.getText(),
    offset: document.offsetAt(position),
    triggerKind: context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke ? 'explicit' : 'automatic',
    cursorCount: editor?.selections.length ?? 1,
    selectedCompletion: selected
      ? { start: document.offsetAt(selected.range.start), end: document.offsetAt(selected.range.end), text: selected.text }
      : undefined,
    otherDocuments: recent?.sameLanguage(document.uri, document.languageId),
    fileName: vscode.workspace.asRelativePath(document.uri),
    indent: tabSize !== undefined ? { useTabs: editor?.options.insertSpaces === false, size: tabSize } : undefined,
  };
}

export class SambaNovaInlineProvider implements vscode.InlineCompletionItemProvider {
  constructor(private readonly deps: ProviderDeps) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionList | undefined> {
    const abort = toAbortSignal(token);
    try {
      if (token.isCancellationRequested) return undefined;
      const engine = await this.deps.engine();
      const output = await engine.provide(inputFor(document, position, context, this.deps.recent), abort.signal);
      this.deps.onResult?.(output);
      const s = output.stats;
      this.deps.log.trace(
        `Inline completion at ${position.line + 1}:${position.character + 1}: ${s.outcome}${s.source ? ` (${s.source})` : ''}${s.gateReason ? ` (${s.gateReason})` : ''}` +
          ` in ${s.totalMs.toFixed(1)} ms (waited ${s.debounceMs.toFixed(0)} ms)${output.items[0] ? ` ${JSON.stringify(output.items[0].insertText.slice(0, 80))}` : ''}`,
      );
      if (output.items.length === 0 || token.isCancellationRequested) return undefined;
      return new vscode.InlineCompletionList(
        output.items.map(
          (item) =>
            new vscode.InlineCompletionItem(item.insertText, new vscode.Range(document.positionAt(item.range.start), document.positionAt(item.range.end))),
        ),
      );
    } catch (error) {
      if (!isAbortError(error)) this.deps.log.warn(`Inline completion failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    } finally {
      abort.dispose();
    }
  }
}
