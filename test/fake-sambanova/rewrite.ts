// The `rewrite` answer: a deterministic new version of the code a request sends (the last fenced
// block of the last user message), so the editor commands' tests know the exact expected result.
// The answer comes the way models write it: prose around one fence, the code at base indent 0
// with 2-space indentation whatever the file uses, so indentation matching is exercised too.
//   - each line's indent becomes 2 spaces per level (levels from the smallest indent step);
//   - `var ` becomes `let `;
//   - a first line `// rewritten` is added.
import { docStyle, findSignature, lineComment, listed, nameToWords, type Signature } from './codeShape';

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

// The `follow` answers' edits (followAnswer.ts): the code as it was sent, with one visible,
// harmless change, at the code's own indentation (as a well-behaved model answers).

function indentAt(lines: readonly string[], index: number): string {
  return /^[ \t]*/.exec(lines[index] ?? '')![0];
}

/** The indent one level inside `line` at `index`: the next deeper line's, else 4 more spaces (a tab for tabs). */
function innerIndent(lines: readonly string[], index: number): string {
  const outer = indentAt(lines, index);
  const next = lines.slice(index + 1).find((l) => l.trim() !== '');
  const inner = next === undefined ? '' : indentAt([next], 0);
  if (inner.length > outer.length && inner.startsWith(outer)) return inner;
  return outer + (outer.includes('\t') ? '\t' : '    ');
}

/** One comment line above the code, at its first line's indent. */
export function withNote(code: string, language: string, note: string): string {
  const lines = code.split('\n');
  const first = Math.max(0, lines.findIndex((l) => l.trim() !== ''));
  const [open, close] = lineComment(language);
  // Nothing in the note may end the comment early.
  const safe = note.replace(/\s+/g, ' ').replace(/\*\/|-->/g, '').trim();
  lines.splice(first, 0, `${indentAt(lines, first)}${open}${safe}${close}`);
  return lines.join('\n');
}

/** The doc comment's first sentence: the declared name in words. */
function summaryOf(sig: Signature | undefined): string {
  return sig ? `${nameToWords(sig.name)}.` : 'What the code below does.';
}

/** The code with a doc comment on its first declaration, in the language's idiomatic style. */
export function withDocComment(code: string, language: string): string {
  const lines = code.split('\n');
  const sig = findSignature(code, language);
  const at = sig?.line ?? Math.max(0, lines.findIndex((l) => l.trim() !== ''));
  const returns = sig?.kind === 'function' && /\breturn\s+\S/.test(code);
  const summary = summaryOf(sig);
  const params = sig?.params ?? [];
  const style = docStyle(language);
  const pad = indentAt(lines, at);
  let doc: string[];
  if (style === 'docstring' && sig && /:\s*$/.test(lines[at]!)) {
    const inner = innerIndent(lines, at);
    const body = [summary];
    if (params.length) body.push('', 'Args:', ...params.map((p) => `    ${p}: The ${nameToWords(p).toLowerCase()}.`));
    if (returns) body.push('', 'Returns:', '    The result.');
    doc = body.length === 1 ? [`${inner}"""${summary}"""`] : [`${inner}"""${body[0]}`, ...body.slice(1).map((l) => (l ? inner + l : '')), `${inner}"""`];
    lines.splice(at + 1, 0, ...doc);
    return lines.join('\n');
  }
  if (style === 'block') {
    const javaLike = language === 'java' || language === 'kotlin' || language === 'scala';
    const tags = [
      ...params.map((p) => `@param ${p} The ${nameToWords(p).toLowerCase()}.`),
      ...(returns ? [`${javaLike ? '@return' : '@returns'} The result.`] : []),
    ];
    doc = ['/**', ` * ${summary}`, ...(tags.length ? [' *', ...tags.map((t) => ` * ${t}`)] : []), ' */'];
  } else if (style === 'slashes') {
    doc = language === 'csharp' ? [`/// <summary>${summary}</summary>`, ...params.map((p) => `/// <param name="${p}">The ${nameToWords(p).toLowerCase()}.</param>`)] : [`/// ${summary}`];
  } else {
    const [open, close] = lineComment(language);
    const text = language === 'go' && sig ? `${sig.name} takes ${params.length ? listed(params) : 'no arguments'}.` : summary;
    doc = [`${open}${text}${close}`];
  }
  lines.splice(at, 0, ...doc.map((l) => pad + l));
  return lines.join('\n');
}
