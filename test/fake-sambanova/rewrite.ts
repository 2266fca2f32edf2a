// The `rewrite` answer: a deterministic new version of the code a request sends (the last fenced
// block of the last user message), so the editor commands' tests know the exact expected result.
// The answer comes the way models write it: prose around one fence, the code at base indent 0
// with 2-space indentation whatever the file uses, so indentation matching is exercised too.
//   - each line's indent becomes 2 spaces per level (levels from the smallest indent step);
//   - `var ` becomes `let `;
//   - a first line `// rewritten` is added.

const FENCE = /^(`{3,}|~{3,})[^`\n]*\n([\s\S]*?)\n\1[ \t]*$/gm;

export function lastFencedBlock(message: string): string | undefined {
  let last: string | undefined;
  for (const m of message.matchAll(FENCE)) last = m[2];
  return last;
}

function indentOf(line: string): number {
  let w = 0;
  for (const ch of /^[ \t]*/.exec(line)![0]) w += ch === '\t' ? 4 : 1;
  return w;
}

export function rewriteCode(code: string): string {
  const lines = code.split('\n');
  const widths = lines.filter((l) => l.trim() !== '').map(indentOf);
  const base = widths.length ? Math.min(...widths) : 0;
  const steps = widths.map((w) => w - base).filter((w) => w > 0);
  const unit = steps.length ? Math.min(...steps) : 1;
  const out = lines.map((l) => {
    if (l.trim() === '') return '';
    const levels = Math.round((indentOf(l) - base) / unit);
    return '  '.repeat(levels) + l.trimStart().replace(/\bvar /g, 'let ');
  });
  return ['// rewritten', ...out].join('\n');
}

/** The whole answer text for a user message, prose and fence included. */
export function rewriteAnswer(userMessage: string): string {
  const code = lastFencedBlock(userMessage);
  if (code === undefined) return 'There is no code in your message to rewrite.';
  return `Here is the rewritten code:\n\n\`\`\`\n${rewriteCode(code)}\n\`\`\`\n\nIt declares variables with let.`;
}
