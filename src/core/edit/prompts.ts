// The prompts of the editor commands (Explain, Refactor, Fix, Add Documentation, Generate Tests,
// Edit Selection). One home for them: the commands in src/host/edit and the VS Code chat
// participant (src/host/lm) both build their messages here, so a user's prompt setting changes
// both. Pure functions: no I/O, no vscode.
//
// Stable contract (engineer H depends on it): `buildEditMessages(kind, input, overrides)` and the
// per-kind builders keep their signatures; changes are additive only.
import type { ChatMessage } from '../client/types';
import { describeDiagnostic, fenceFor, type PromptDiagnostic } from '../promptText';

export type EditKind = 'explain' | 'refactor' | 'fix' | 'doc' | 'tests' | 'edit';

export const EDIT_KINDS: readonly EditKind[] = ['explain', 'refactor', 'fix', 'doc', 'tests', 'edit'];

/** One diagnostic in (or near) the code, as the editor reports it. Lines are 1-based. */
/** What the project's existing tests look like (see testConventions.ts). */
export interface PromptTestConventions {
  /** e.g. 'mocha', 'jest', 'vitest', 'pytest', 'go test'. */
  framework?: string;
  /** Path of the file the tests will be written to, relative to the workspace. */
  testFilePath?: string;
  /** How the test file imports the code under test, e.g. `../src/math`. */
  importPath?: string;
  /** The start of an existing test file, so style and helpers can be copied. */
  example?: { path: string; text: string };
}

export interface EditPromptInput {
  /** VS Code language id, e.g. 'typescript'. */
  languageId: string;
  /** Workspace-relative path or the file's name ('Untitled-1' for untitled documents). */
  fileName: string;
  /** The code the command works on, exactly as it is in the document. */
  code: string;
  /** The user's free instruction (Refactor, Edit). */
  instruction?: string;
  /** Diagnostics in the code's range (Fix). */
  diagnostics?: PromptDiagnostic[];
  /** Text around the code, for reference only; the model must not repeat it. */
  context?: { before?: string; after?: string };
  /** Generate Tests only. */
  testConventions?: PromptTestConventions;
}

/**
 * The user's settings (`sambanova.prompts.*`). Empty or missing means the default. `system`
 * replaces the system prompt of the commands that edit code; each kind replaces that command's
 * task sentence (the code, file name, diagnostics and instruction are always added after it).
 */
export type EditPromptOverrides = Partial<Record<EditKind | 'system', string>>;

/** Refactor with an empty instruction means this. */
export const DEFAULT_REFACTOR_INSTRUCTION = 'Improve readability without changing behaviour.';

export const DEFAULT_EDIT_SYSTEM_PROMPT =
  'You are an expert programmer editing code inside Visual Studio Code. ' +
  'Reply with the complete replacement for the code you are given, in exactly one fenced code block, and nothing else: ' +
  'no explanation before or after it. Keep the code\'s language, style and surrounding indentation. ' +
  'Change only what the task asks for; keep every other line as it is.';

export const DEFAULT_EXPLAIN_SYSTEM_PROMPT =
  'You are an expert programmer explaining code inside Visual Studio Code. Be concise and concrete. ' +
  'Use fenced code blocks with a language tag when you quote code.';

export const DEFAULT_TESTS_SYSTEM_PROMPT =
  'You are an expert programmer writing unit tests inside Visual Studio Code. ' +
  'Reply with one complete test file in exactly one fenced code block, and nothing else. ' +
  'Follow the project\'s test framework, helpers and style as shown.';

/** The default task sentence of each command; a `sambanova.prompts.<kind>` setting replaces it. */
export const DEFAULT_TASKS: Readonly<Record<EditKind, string>> = {
  explain: 'Explain what the selected code does, step by step, and point out anything surprising.',
  refactor: 'Refactor this code as instructed, without changing what it does.',
  fix: 'Fix the problems reported in this code. Change as little as possible.',
  doc: 'Add documentation comments to this code in the idiomatic style for its language (for example JSDoc, docstrings, doc comments). Do not change the code itself.',
  tests: 'Write unit tests for this code. Cover normal cases, edge cases and errors.',
  edit: 'Change this code as instructed.',
};

function fenced(text: string, languageId: string): string {
  const fence = fenceFor(text);
  return `${fence}${languageId}\n${text}${text.endsWith('\n') ? '' : '\n'}${fence}`;
}

function pick(override: string | undefined, fallback: string): string {
  return override && override.trim() !== '' ? override.trim() : fallback;
}

/** The task sentence of `kind`, with the user's override applied. Explain in the chat panel sends only this. */
export function taskFor(kind: EditKind, overrides: EditPromptOverrides = {}): string {
  return pick(overrides[kind], DEFAULT_TASKS[kind]);
}

export function systemPromptFor(kind: EditKind, overrides: EditPromptOverrides = {}): string {
  if (kind === 'explain') return DEFAULT_EXPLAIN_SYSTEM_PROMPT;
  if (kind === 'tests') return DEFAULT_TESTS_SYSTEM_PROMPT;
  return pick(overrides.system, DEFAULT_EDIT_SYSTEM_PROMPT);
}

function userMessage(kind: EditKind, input: EditPromptInput, overrides: EditPromptOverrides): string {
  const parts: string[] = [taskFor(kind, overrides)];
  const instruction = input.instruction?.trim();
  if (kind === 'refactor') parts.push(`Instruction: ${instruction || DEFAULT_REFACTOR_INSTRUCTION}`);
  else if (instruction) parts.push(`Instruction: ${instruction}`);
  if (input.diagnostics?.length) {
    parts.push(`Problems reported by the editor (line numbers count from the start of the file):\n${input.diagnostics.map((d) => `- ${describeDiagnostic(d)}`).join('\n')}`);
  }
  const t = input.testConventions;
  if (kind === 'tests' && t) {
    const facts: string[] = [];
    if (t.framework) facts.push(`Test framework: ${t.framework}.`);
    if (t.testFilePath) facts.push(`The tests go into ${t.testFilePath}.`);
    if (t.importPath) facts.push(`Import the code under test from '${t.importPath}'.`);
    if (facts.length) parts.push(facts.join(' '));
    if (t.example) parts.push(`An existing test file in this project (${t.example.path}), for style:\n${fenced(t.example.text, input.languageId)}`);
  }
  const before = input.context?.before;
  const after = input.context?.after;
  if (before || after) {
    const ctx: string[] = ['For reference only (do not repeat it in your answer), the code around it:'];
    if (before) ctx.push(`Before:\n${fenced(before, input.languageId)}`);
    if (after) ctx.push(`After:\n${fenced(after, input.languageId)}`);
    parts.push(ctx.join('\n'));
  }
  const which = kind === 'explain' || kind === 'tests' ? 'The code' : 'The code to replace';
  parts.push(`${which}, from ${input.fileName} (${input.languageId}):\n${fenced(input.code, input.languageId)}`);
  return parts.join('\n\n');
}

export type PromptBuilder = (input: EditPromptInput, overrides?: EditPromptOverrides) => ChatMessage[];

function builder(kind: EditKind): PromptBuilder {
  return (input, overrides = {}) => [
    { role: 'system', content: systemPromptFor(kind, overrides) },
    { role: 'user', content: userMessage(kind, input, overrides) },
  ];
}

export const explainMessages: PromptBuilder = builder('explain');
export const refactorMessages: PromptBuilder = builder('refactor');
export const fixMessages: PromptBuilder = builder('fix');
export const docMessages: PromptBuilder = builder('doc');
export const testsMessages: PromptBuilder = builder('tests');
export const editMessages: PromptBuilder = builder('edit');

export const PROMPT_BUILDERS: Readonly<Record<EditKind, PromptBuilder>> = {
  explain: explainMessages,
  refactor: refactorMessages,
  fix: fixMessages,
  doc: docMessages,
  tests: testsMessages,
  edit: editMessages,
};

/** The system and user messages for `kind`. */
export function buildEditMessages(kind: EditKind, input: EditPromptInput, overrides: EditPromptOverrides = {}): ChatMessage[] {
  return PROMPT_BUILDERS[kind](input, overrides);
}

/** Reads `sambanova.prompts.*` values (unknown until checked) into overrides; non-strings are ignored. */
export function promptOverridesFrom(values: Partial<Record<EditKind | 'system', unknown>>): EditPromptOverrides {
  const out: EditPromptOverrides = {};
  for (const key of [...EDIT_KINDS, 'system'] as const) {
    const v = values[key];
    if (typeof v === 'string' && v.trim() !== '') out[key] = v;
  }
  return out;
}
