// The `follow` answers (scenario answer=follow, the `demo` preset `npm start` uses without a key):
// each answers the request it was given, so a person trying the extension sees every feature do
// its job. An edit command gets its own code back with one visible, harmless change; Generate
// Tests a small test file for the selected function; Explain and chat questions an outline of the
// code that came with them. The stand-in reads the code's shape, not its meaning, and says so.
import { listed, outline, findSignature } from './codeShape';
import { readPrompt, type Ask, type CodeRef } from './promptReader';
import { withDocComment, withNote } from './rewrite';

const FOR_REAL = 'For real answers, restart with a key: `SAMBANOVA_API_KEY=... npm start`.';

function fence(text: string, language: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const f = '`'.repeat(Math.max(3, longest + 1));
  return `${f}${language}\n${text}\n${f}`;
}

function short(text: string, max = 100): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** The start of the code, for quoting: at most `max` lines. */
function head(text: string, max: number): string {
  const lines = text.replace(/\n+$/, '').split('\n');
  return lines.length <= max ? lines.join('\n') : [...lines.slice(0, max), '…'].join('\n');
}

function editAnswer(ask: Extract<Ask, { kind: 'refactor' | 'fix' | 'doc' | 'edit' }>): string {
  const { text, language } = ask.code;
  const body = text.replace(/\n$/, '');
  let changed: string;
  if (ask.kind === 'doc') changed = withDocComment(body, language);
  else if (ask.kind === 'fix') {
    const problem = ask.problems[0]?.replace(/^line \d+(?:, column \d+)?: (?:error|warning|info|hint): /, '');
    changed = withNote(body, language, problem ? `Fix: ${short(problem, 80)} (stand-in: the code itself is unchanged)` : 'Fix: the editor reports no problem here (stand-in: the code itself is unchanged)');
  } else {
    const verb = ask.kind === 'refactor' ? 'Refactor' : 'Edit';
    changed = withNote(body, language, `${verb}: ${short(ask.instruction ?? 'as asked', 80)} (stand-in: the code itself is unchanged)`);
  }
  return fence(changed, language);
}

function testsAnswer(ask: Extract<Ask, { kind: 'tests' }>): string {
  const { language } = ask.code;
  const sig = findSignature(ask.code.text, language);
  const name = sig?.name ?? 'subject';
  const from = ask.importPath ?? './subject';
  const framework = (ask.framework ?? '').toLowerCase();
  let file: string[];
  if (language === 'python') {
    file = [`from ${from} import ${name}`, '', '', `def test_${name}_is_callable():`, `    assert callable(${name})`];
  } else if (/^(typescript|javascript|typescriptreact|javascriptreact)$/.test(language)) {
    const imported = language.startsWith('typescript') ? `import { ${name} } from '${from}';` : `const { ${name} } = require('${from}');`;
    if (framework.startsWith('vitest') || framework.startsWith('jest') || framework.startsWith('jasmine')) {
      file = [
        ...(framework.startsWith('vitest') ? ["import { describe, expect, it } from 'vitest';"] : []),
        imported,
        '',
        `describe('${name}', () => {`,
        "  it('is a function', () => {",
        `    expect(typeof ${name}).toBe('function');`,
        '  });',
        '});',
      ];
    } else {
      const runner = framework.startsWith('mocha') ? [] : ["import { describe, it } from 'node:test';"];
      const assert = language.startsWith('typescript') ? "import assert from 'node:assert/strict';" : "const assert = require('node:assert/strict');";
      file = [...runner, assert, imported, '', `describe('${name}', () => {`, "  it('is a function', () => {", `    assert.equal(typeof ${name}, 'function');`, '  });', '});'];
    }
  } else {
    return [
      `A test file for ${code(name)} in ${ask.code.language || 'this language'} needs a real model: the local stand-in only writes`,
      `tests for TypeScript, JavaScript and Python. ${FOR_REAL}`,
    ].join('\n');
  }
  return fence(file.join('\n'), language);
}

/** Markdown lines saying what a piece of code visibly contains. */
function describe(ref: CodeRef): string[] {
  const o = outline(ref.text, ref.language);
  const out: string[] = [];
  if (o.declares.length) out.push(`- **Declares** ${listed(o.declares.map(code))}`);
  if (o.checks.length) out.push(`- **Checks** ${listed(o.checks.map(code))}`);
  if (o.returns.length) out.push(`- **Returns** ${listed(o.returns.map(code))}`);
  if (o.calls.length) out.push(`- **Calls** ${listed(o.calls.map(code))}`);
  return out;
}

function whereFrom(ref: CodeRef): string {
  const lines = ref.text.replace(/\n$/, '').split('\n').length;
  const place = ref.where ? `${code(ref.where)}` : ref.file ? code(ref.file) : 'the code you sent';
  return `${place} (${ref.language || 'text'}, ${lines} line${lines === 1 ? '' : 's'})`;
}

function explainAnswer(ref: CodeRef): string {
  const sig = findSignature(ref.text, ref.language);
  const title = sig ? `${code(sig.name)} in ${ref.file ? code(ref.file) : 'the selection'}` : `The code in ${ref.file ? code(ref.file) : 'the selection'}`;
  const parts = describe(ref);
  return [
    `### ${title}`,
    '',
    `You asked to explain ${whereFrom(ref)}. This is the local stand-in server, which sees the code's shape but not`,
    `its meaning, so here is what the code visibly does. ${FOR_REAL}`,
    '',
    ...(parts.length ? parts : ['- Nothing the stand-in recognises: no declaration, condition, return or call.']),
    '',
    fence(head(ref.text, 12), ref.language),
  ].join('\n');
}

/** Names of files and `code spans` the question mentions. */
function mentions(question: string): string[] {
  const spans = [...question.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  const files = [...question.matchAll(/(?:^|[\s(])((?:[\w.-]+\/)*[\w-]+\.[A-Za-z]{1,5})(?=[\s),.?!:;]|$)/g)].map((m) => m[1]!);
  return [...new Set([...spans, ...files])].slice(0, 5);
}

function questionAnswer(ask: Extract<Ask, { kind: 'question' }>): string {
  const out = [`You asked: “${short(ask.question, 200) || '(an empty question)'}”`, ''];
  const pasted = /(`{3,})([\w+#.-]*)\n([\s\S]*?)\n\1/.exec(ask.question);
  const refs = [...ask.attachments, ...(pasted ? [{ text: pasted[3]!, language: pasted[2]! }] : [])];
  out.push(`This answer comes from the local stand-in server, not from a model, so it can only show what reached it. ${FOR_REAL}`);
  for (const ref of refs.slice(0, 3)) {
    out.push('', `**${ref.where || ref.file ? 'About' : 'The code in your question,'}** ${whereFrom(ref)}:`, '', ...describe(ref));
  }
  if (refs[0]) out.push('', fence(head(refs[0].text, 8), refs[0].language));
  const named = mentions(ask.question.replace(/(`{3,})[\s\S]*?\1/g, ''));
  if (named.length && refs.length) {
    for (const name of named) {
      const ref = refs.find((r) => r.text.includes(name));
      const line = ref ? ref.text.split('\n').findIndex((l) => l.includes(name)) + 1 : 0;
      out.push('', ref ? `${code(name)} first appears on line ${line} of ${ref.file ? code(ref.file) : 'that code'}.` : `${code(name)} is not in the code that came with the question.`);
    }
  } else if (named.length) {
    out.push('', `You mention ${listed(named.map(code))}. Attach a file or the selection (**Attach**, under the input) and its text goes with the question.`);
  }
  if (refs.length === 0) {
    out.push(
      '',
      'What you can try meanwhile:',
      '',
      '- Select code in an editor and ask about it: the selection goes with the question.',
      '- **SambaNova: Explain Selection**, **Add Documentation**, **Refactor Selection**: the stand-in answers each in kind.',
      '- **SambaNova: Select Model** and watch the figures line change (time to first token, tokens per second).',
    );
  }
  return out.join('\n');
}

/** The answer to a chat request's last user message, or undefined for a hole-filling prompt (inline completion). */
export function followAnswer(userMessage: string): string | undefined {
  const ask = readPrompt(userMessage);
  switch (ask.kind) {
    case 'completion':
      return undefined;
    case 'refactor':
    case 'fix':
    case 'doc':
    case 'edit':
      return editAnswer(ask);
    case 'tests':
      return testsAnswer(ask);
    case 'explain':
      return explainAnswer(ask.code);
    case 'question':
      return questionAnswer(ask);
  }
}
