// What a request asks for, read back from the text of its last user message as the extension
// writes it: the editor commands' messages (src/core/edit/prompts.ts) and the chat's user turns
// (src/core/chat/promptAssembly.ts). The stand-in's `follow` answers are built from this, so a
// person trying the extension without a key sees each feature answer the request it made.

/** Code the request carries, and where it came from. */
export interface CodeRef {
  text: string;
  /** VS Code language id or fence info ('' when none). */
  language: string;
  /** Workspace-relative path, when the request names one. */
  file?: string;
  /** Which part of the file, e.g. 'math.ts:3-9' (chat selections). */
  where?: string;
}

export type EditCommand = 'refactor' | 'fix' | 'doc' | 'edit';

export type Ask =
  | { kind: EditCommand; code: CodeRef; instruction?: string; problems: string[] }
  | { kind: 'tests'; code: CodeRef; framework?: string; testFile?: string; importPath?: string }
  | { kind: 'explain'; code: CodeRef }
  | { kind: 'question'; question: string; attachments: CodeRef[] }
  /** A hole-filling prompt: inline completion, not answered here. */
  | { kind: 'completion' };

/** The editor commands end their message with the code: "The code[ to replace], from FILE (LANG):" and a fence. */
const COMMAND_CODE = /(?:^|\n\n)(The code to replace|The code), from (.+) \(([^()\n]*)\):\n(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n?\4[ \t]*$/;

/** A chat attachment as promptAssembly renders it: "Selected code `path` (label):" and a fence. */
const ATTACHMENT = /^(Selected code|Active file|Open file|Problems)(?: `([^`\n]*)`)?(?: \(([^()\n]*)\))?:\n(`{3,})([^\n]*)\n([\s\S]*?)\n?\4(?:\n\(Truncated to fit the size limit\.\))?$/gm;

function paragraphs(text: string): string[] {
  return text.split(/\n\n+/);
}

function commandKind(task: string, hasProblems: boolean): EditCommand {
  if (/(?:doc(?:s|uments?|umentation|strings?)?|comments?)\b/i.test(task)) return 'doc';
  if (/\brefactor/i.test(task)) return 'refactor';
  if (hasProblems || /\bfix/i.test(task)) return 'fix';
  return 'edit';
}

function readCommand(message: string, m: RegExpExecArray): Ask {
  const code: CodeRef = { text: m[5]!, language: m[3]!, file: m[2]! };
  const task = paragraphs(message)[0] ?? '';
  if (m[1] === 'The code') {
    if (/\btests?\b/i.test(task) || /^Test framework: /m.test(message)) {
      return {
        kind: 'tests',
        code,
        framework: /^Test framework: (.+?)\.(?: |$)/m.exec(message)?.[1],
        testFile: /The tests go into (\S+?)\.(?: |$)/m.exec(message)?.[1],
        importPath: /Import the code under test from '([^'\n]+)'/.exec(message)?.[1],
      };
    }
    return { kind: 'explain', code };
  }
  const problemsAt = message.indexOf('Problems reported by the editor');
  const problems =
    problemsAt === -1
      ? []
      : (paragraphs(message.slice(problemsAt))[0] ?? '')
          .split('\n')
          .filter((l) => l.startsWith('- '))
          .map((l) => l.slice(2));
  const instruction = /^Instruction: (.*)$/m.exec(message)?.[1]?.trim();
  return { kind: commandKind(task, problems.length > 0), code, instruction, problems };
}

function readChat(message: string): Ask {
  const attachments: CodeRef[] = [];
  let end = 0;
  for (const m of message.matchAll(ATTACHMENT)) {
    if (m[1] !== 'Problems') attachments.push({ text: m[6]!, language: m[5]!, file: m[2], where: m[3] });
    end = m.index + m[0].length;
  }
  const question = message.slice(end).trim();
  const selection = attachments.find((a) => a.where !== undefined);
  if (selection && /^explain\b/i.test(question)) return { kind: 'explain', code: selection };
  return { kind: 'question', question, attachments };
}

/** Reads the last user message of a chat request. */
export function readPrompt(message: string): Ask {
  if (/\{\{FILL_HERE\}\}|<FILL_HERE>/.test(message)) return { kind: 'completion' };
  const command = COMMAND_CODE.exec(message);
  if (command) return readCommand(message, command);
  return readChat(message);
}
