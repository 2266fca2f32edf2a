// The lightbulb: "Fix with SambaNova" on diagnostics, and the edit commands as refactorings of a
// selection. Actions only carry commands; nothing runs until the user picks one.
import * as vscode from 'vscode';

export const SAMBANOVA_REFACTOR_KIND = vscode.CodeActionKind.Refactor.append('sambanova');

export interface FixArgs {
  uri: string;
  /** The diagnostics' range; the command resolves it to the enclosing function or block. */
  range: [number, number, number, number];
}

export class SambaNovaCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, SAMBANOVA_REFACTOR_KIND],
  };

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const wants = (kind: vscode.CodeActionKind) => !context.only || context.only.contains(kind) || kind.contains(context.only);
    const diagnostics = context.diagnostics.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
    if (diagnostics.length > 0 && wants(vscode.CodeActionKind.QuickFix)) {
      const span = diagnostics.map((d) => d.range).reduce((a, b) => a.union(b));
      const fix = new vscode.CodeAction('Fix with SambaNova', vscode.CodeActionKind.QuickFix);
      fix.diagnostics = diagnostics;
      const args: FixArgs = { uri: doc.uri.toString(), range: [span.start.line, span.start.character, span.end.line, span.end.character] };
      fix.command = { command: 'sambanova.fixSelection', title: 'Fix with SambaNova', arguments: [args] };
      actions.push(fix);
    }
    if (!range.isEmpty && wants(SAMBANOVA_REFACTOR_KIND)) {
      const entries: [string, string][] = [
        ['sambanova.refactorSelection', 'SambaNova: Refactor Selection'],
        ['sambanova.editSelection', 'SambaNova: Edit Selection...'],
        ['sambanova.fixSelection', 'SambaNova: Fix Selection'],
        ['sambanova.addDocumentation', 'SambaNova: Add Documentation'],
        ['sambanova.generateTests', 'SambaNova: Generate Tests'],
        ['sambanova.explainSelection', 'SambaNova: Explain Selection'],
      ];
      for (const [command, title] of entries) {
        const action = new vscode.CodeAction(title, SAMBANOVA_REFACTOR_KIND);
        action.command = { command, title };
        actions.push(action);
      }
    }
    return actions;
  }
}
