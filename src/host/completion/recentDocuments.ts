// Documents the user edited or looked at lately, most recent first: the prompt borrows short
// snippets from those in the same language (code the user is working with nearby). Only the
// user's own code lends snippets: never VS Code's settings, keybindings or snippets files, output
// or git's views, whichever editors are open.
import * as vscode from 'vscode';
import type { OtherDocument } from '../../core/completion/engine';
import { isUserCode } from '../../core/completion/gating';

const MAX_TRACKED = 12;
const MAX_OFFERED = 6;
const MAX_CHARS = 100_000;

export class RecentDocuments implements vscode.Disposable {
  private readonly recent: string[] = [];
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.touch(e.document.uri);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.touch(editor.document.uri)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
    ];
  }

  private touch(uri: vscode.Uri): void {
    if (!isUserCode(uri.toString())) return;
    const key = uri.toString();
    const at = this.recent.indexOf(key);
    if (at === 0) return;
    if (at > 0) this.recent.splice(at, 1);
    this.recent.unshift(key);
    if (this.recent.length > MAX_TRACKED) this.recent.length = MAX_TRACKED;
  }

  private forget(uri: vscode.Uri): void {
    const at = this.recent.indexOf(uri.toString());
    if (at >= 0) this.recent.splice(at, 1);
  }

  /** Other open documents of `languageId`: recently edited first, then visible ones. */
  sameLanguage(current: vscode.Uri, languageId: string): OtherDocument[] {
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const keys = [...this.recent, ...vscode.window.visibleTextEditors.map((e) => e.document.uri.toString())];
    const seen = new Set<string>([current.toString()]);
    const out: OtherDocument[] = [];
    for (const key of keys) {
      if (seen.has(key)) continue;
      seen.add(key);
      const doc = open.get(key);
      if (!doc || doc.languageId !== languageId || !isUserCode(key)) continue;
      const text = doc.getText();
      out.push({ uri: vscode.workspace.asRelativePath(doc.uri), languageId, text: text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text });
      if (out.length >= MAX_OFFERED) break;
    }
    return out;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
