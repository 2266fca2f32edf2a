// @sambanova in VS Code's chat view. Answers with the model picked in the chat (when it is one of
// ours) or the default SambaNova model; /explain, /fix, /tests and /doc use the editor commands'
// prompts on the selection or a #file; each answer ends with the chat panel's figures line.
import * as vscode from 'vscode';
import type { PromptDiagnostic } from '../../core/promptText';
import { isAbortError } from '../../core/client/errors';
import { budgetWarning } from '../budgetText';
import { lmErrorMessage } from '../../core/lm/lmErrors';
import {
  NO_CODE_MESSAGE,
  closingFence,
  commandKind,
  commandMessages,
  figuresMarkdown,
  followupsFor,
  questionMessages,
  type CodeContext,
  type Turn,
} from '../../core/lm/participant';
import { formatFigures } from '../../shared/present';
import { toSambaNovaError } from '../errorUi';
import { promptDiagnostics } from '../edit/editorContext';
import { readPromptOverrides } from '../edit/promptSettings';
import type { Services } from '../services';
import { toAbortSignal } from '../abortSignal';
import { VENDOR } from './languageModelProvider';

export const PARTICIPANT_ID = 'sambanova.participant';

interface AnswerMetadata {
  command?: string;
  model: string;
  figures?: string;
  /** The budget warning shown under the figures, left out of the history like them. */
  warning?: string;
}

export function registerParticipant(services: Services): vscode.Disposable {
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, (request, context, stream, token) =>
    answer(services, request, context, stream, token),
  );
  participant.iconPath = vscode.Uri.joinPath(services.context.extensionUri, 'media', 'icon.png');
  participant.followupProvider = {
    provideFollowups: (result) =>
      followupsFor((result.metadata as AnswerMetadata | undefined)?.command).map((f) => ({
        label: f.label,
        prompt: f.prompt,
        command: f.command,
        participant: PARTICIPANT_ID,
      })),
  };
  return participant;
}

/** The participant's handler; exported so integration tests can drive it where the chat view is missing. */
export async function answer(
  services: Services,
  request: vscode.ChatRequest,
  context: vscode.ChatContext,
  stream: vscode.ChatResponseStream,
  token: vscode.CancellationToken,
): Promise<vscode.ChatResult> {
  const config = services.config.get();
  // The model picked in the chat view when it is ours; otherwise the default SambaNova model.
  const model = request.model?.vendor === VENDOR ? request.model.id : config.model;
  const kind = commandKind(request.command);
  const files = await referencedCode(request.references);
  let messages;
  if (kind) {
    const code = files[0] ?? selectionCode();
    if (!code) {
      stream.markdown(NO_CODE_MESSAGE);
      return { metadata: { command: request.command, model } satisfies AnswerMetadata };
    }
    if (code.uri) stream.reference(code.range ? new vscode.Location(code.uri, code.range) : code.uri);
    const diagnostics = kind === 'fix' && code.uri ? diagnosticsFor(code.uri, code.range) : undefined;
    messages = commandMessages(kind, code, request.prompt, { diagnostics }, readPromptOverrides());
  } else {
    for (const file of files) if (file.uri) stream.reference(file.uri);
    messages = questionMessages(config.systemPrompt, historyTurns(context), request.prompt, files);
  }

  services.log.info(`@sambanova ${request.command ? `/${request.command} ` : ''}with ${model} (${messages.length} messages).`);
  const abort = toAbortSignal(token);
  let text = '';
  try {
    const result = await services.client.streamChat(
      { model, messages, params: config.params, source: 'participant' },
      {
        signal: abort.signal,
        onEvent: (event) => {
          if (event.type === 'text' && event.text) {
            text += event.text;
            stream.markdown(event.text);
          }
        },
      },
    );
    const figures = result.figures && formatFigures(result.figures);
    stream.markdown(closingFence(text) + (figures ? figuresMarkdown(figures) : ''));
    // The same budget the status bar shows: say it here too when a limit is near.
    const said = budgetWarning(services.rateLimits.budget(model));
    const warning = said ? `\n\n**${said.charAt(0).toUpperCase()}${said.slice(1)}.**` : undefined;
    if (warning) stream.markdown(warning);
    return { metadata: { command: request.command, model, figures, warning } satisfies AnswerMetadata };
  } catch (error) {
    if (isAbortError(error) || token.isCancellationRequested) return { metadata: { command: request.command, model } };
    const err = toSambaNovaError(error);
    if (err.action === 'setApiKey') stream.button({ command: 'sambanova.setApiKey', title: 'Set API Key' });
    // What streamed stays in the answer; the error is shown under it.
    return { errorDetails: { message: lmErrorMessage(err) }, metadata: { command: request.command, model } };
  } finally {
    abort.dispose();
  }
}

type Code = CodeContext & { uri?: vscode.Uri; range?: vscode.Range };

/** #file and #selection references, read from the editor's documents (open or on disk). */
async function referencedCode(references: readonly vscode.ChatPromptReference[]): Promise<Code[]> {
  const out: Code[] = [];
  for (const ref of references) {
    const value = ref.value;
    const uri = value instanceof vscode.Uri ? value : value instanceof vscode.Location ? value.uri : undefined;
    if (!uri) continue;
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const range = value instanceof vscode.Location && !value.range.isEmpty ? value.range : undefined;
      out.push({
        path: vscode.workspace.asRelativePath(uri),
        languageId: doc.languageId,
        text: doc.getText(range),
        startLine: range ? range.start.line + 1 : undefined,
        uri,
        range,
      });
    } catch {
      // A folder or a binary file: nothing to send.
    }
  }
  return out;
}

function selectionCode(): Code | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  const doc = editor.document;
  const range = new vscode.Range(editor.selection.start, editor.selection.end);
  return {
    path: doc.isUntitled ? doc.fileName : vscode.workspace.asRelativePath(doc.uri),
    languageId: doc.languageId,
    text: doc.getText(range),
    startLine: range.start.line + 1,
    uri: doc.uri,
    range,
  };
}

function diagnosticsFor(uri: vscode.Uri, range: vscode.Range | undefined): PromptDiagnostic[] {
  return promptDiagnostics(vscode.languages.getDiagnostics(uri).filter((d) => !range || d.range.intersection(range)));
}

/** Earlier turns with @sambanova in this chat, as plain text (figures lines left out). */
function historyTurns(context: vscode.ChatContext): Turn[] {
  const turns: Turn[] = [];
  for (const turn of context.history) {
    if (turn.participant !== PARTICIPANT_ID) continue;
    if (turn instanceof vscode.ChatRequestTurn) {
      turns.push({ role: 'user', text: turn.command ? `/${turn.command} ${turn.prompt}` : turn.prompt });
    } else if (turn instanceof vscode.ChatResponseTurn) {
      let text = '';
      for (const part of turn.response) if (part instanceof vscode.ChatResponseMarkdownPart) text += part.value.value;
      const meta = turn.result.metadata as AnswerMetadata | undefined;
      if (meta?.figures) text = text.replace(figuresMarkdown(meta.figures), '');
      if (meta?.warning) text = text.replace(meta.warning, '');
      turns.push({ role: 'assistant', text });
    }
  }
  return turns;
}
