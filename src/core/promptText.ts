// Text every feature puts into prompts the same way: code fenced so it cannot end its own block,
// and editor problems as the model reads them (the chat's Problems attachment, Fix, @sambanova /fix).

/** A fence longer than any backtick run in `text`, so code containing ``` cannot close it early and smuggle text out. */
export function fenceFor(text: string): string {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** One editor problem (a vscode.Diagnostic, as plain data; the host converts). Lines and columns from 1. */
export interface PromptDiagnostic {
  message: string;
  severity?: 'error' | 'warning' | 'info' | 'hint';
  line: number;
  column?: number;
  source?: string;
  code?: string;
}

/**
 * "line 2, column 10: error: Cannot find name 'c'. [ts 2304]", or with a path
 * "src/a.ts:2:10 error: Cannot find name 'c'. [ts 2304]" (the form compilers print).
 */
export function describeDiagnostic(d: PromptDiagnostic, path?: string): string {
  const origin = d.source ? ` [${d.source}${d.code ? ` ${d.code}` : ''}]` : '';
  const what = `${d.severity ?? 'error'}: ${d.message}${origin}`;
  if (path !== undefined) return `${path}:${d.line}${d.column ? `:${d.column}` : ''} ${what}`;
  return `${d.column ? `line ${d.line}, column ${d.column}` : `line ${d.line}`}: ${what}`;
}
