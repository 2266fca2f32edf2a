// Explain Selection: the code goes into the chat panel as a new turn with the code attached, with
// the explain prompt from settings. An empty selection explains the enclosing function or block
// (or the line), which is selected first so the user sees what was sent.
import * as vscode from 'vscode';
import { taskFor } from '../../core/edit/prompts';
import type { EditController } from './editController';
import { toVsRange } from './editorContext';
import { EDIT_PREVIEW_SCHEME } from './previewDocuments';
import { readPromptOverrides } from './promptSettings';

export async function explainSelection(edits: () => Promise<EditController>): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme === EDIT_PREVIEW_SCHEME) {
    void vscode.window.showInformationMessage('Open a file and select the code to explain first.');
    return;
  }
  if (editor.selection.isEmpty) {
    const resolved = await (await edits()).resolveRange(editor);
    if (!resolved.ok) {
      void vscode.window.showInformationMessage(resolved.message);
      return;
    }
    const r = toVsRange(resolved.range);
    editor.selection = new vscode.Selection(r.start, r.end);
  }
  // The chat's own command: attaches the selection and sends the prompt as a new turn.
  await vscode.commands.executeCommand('sambanova.chat.askAboutSelection', taskFor('explain', readPromptOverrides()));
}
