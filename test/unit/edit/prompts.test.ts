import assert from 'node:assert/strict';
import {
  buildEditMessages,
  DEFAULT_EDIT_SYSTEM_PROMPT,
  DEFAULT_REFACTOR_INSTRUCTION,
  DEFAULT_TASKS,
  EDIT_KINDS,
  promptOverridesFrom,
  taskFor,
} from '../../../src/core/edit/prompts';
import { describeDiagnostic, fenceFor } from '../../../src/core/promptText';

const input = { languageId: 'typescript', fileName: 'src/math.ts', code: 'function add(a, b) {\n  return a + b;\n}' };

describe('edit prompts', () => {
  it('builds a system and a user message for every kind, with the code fenced and the file named', () => {
    for (const kind of EDIT_KINDS) {
      const [system, user] = buildEditMessages(kind, input);
      assert.equal(system?.role, 'system');
      assert.equal(user?.role, 'user');
      const text = user?.content as string;
      assert.ok(text.startsWith(DEFAULT_TASKS[kind]), kind);
      assert.ok(text.includes('```typescript\nfunction add(a, b) {\n  return a + b;\n}\n```'), kind);
      assert.ok(text.includes('src/math.ts'), kind);
    }
  });

  it('refactor with no instruction asks for readability without behaviour change; Edit sends the instruction', () => {
    assert.ok((buildEditMessages('refactor', { ...input, instruction: '  ' })[1]?.content as string).includes(DEFAULT_REFACTOR_INSTRUCTION));
    assert.ok((buildEditMessages('edit', { ...input, instruction: 'use BigInt' })[1]?.content as string).includes('Instruction: use BigInt'));
    assert.ok(!(buildEditMessages('edit', input)[1]?.content as string).includes('Instruction:'));
  });

  it('lists diagnostics with 1-based lines and their source', () => {
    const user = buildEditMessages('fix', {
      ...input,
      diagnostics: [{ message: "Cannot find name 'c'.", severity: 'error', line: 2, column: 10, source: 'ts', code: '2304' }],
    })[1]?.content as string;
    assert.ok(user.includes("- line 2, column 10: error: Cannot find name 'c'. [ts 2304]"));
  });

  it('applies overrides from settings and ignores empty ones', () => {
    const overrides = promptOverridesFrom({ refactor: 'Make it shorter.', system: 'Be terse.', fix: '', doc: 42 });
    assert.deepEqual(overrides, { refactor: 'Make it shorter.', system: 'Be terse.' });
    const [system, user] = buildEditMessages('refactor', input, overrides);
    assert.equal(system?.content, 'Be terse.');
    assert.ok((user?.content as string).startsWith('Make it shorter.'));
    assert.equal(buildEditMessages('fix', input, overrides)[0]?.content, 'Be terse.');
    assert.equal(taskFor('fix', overrides), DEFAULT_TASKS.fix);
    assert.notEqual(buildEditMessages('explain', input, overrides)[0]?.content, 'Be terse.');
    assert.equal(buildEditMessages('doc', input)[0]?.content, DEFAULT_EDIT_SYSTEM_PROMPT);
  });

  it('uses a fence longer than any backtick run in the code', () => {
    assert.equal(fenceFor('no ticks'), '```');
    assert.equal(fenceFor('a ```` b'), '`````');
    const user = buildEditMessages('doc', { ...input, code: 'const s = "```";' })[1]?.content as string;
    assert.ok(user.includes('````typescript\nconst s = "```";\n````'));
  });

  it('gives tests the conventions and an example, and context as reference only', () => {
    const user = buildEditMessages('tests', {
      ...input,
      testConventions: { framework: 'mocha', testFilePath: 'test/math.test.ts', importPath: '../src/math', example: { path: 'test/a.test.ts', text: "describe('a', () => {});" } },
    })[1]?.content as string;
    assert.ok(user.includes('Test framework: mocha.'));
    assert.ok(user.includes('test/math.test.ts'));
    assert.ok(user.includes("'../src/math'"));
    assert.ok(user.includes("describe('a', () => {});"));
    const withContext = buildEditMessages('refactor', { ...input, context: { before: 'import x;' } })[1]?.content as string;
    assert.ok(withContext.indexOf('import x;') < withContext.indexOf('The code to replace'));
  });
});

describe('editor problems in prompts', () => {
  const d = { message: "Cannot find name 'c'.", severity: 'error' as const, line: 2, column: 10, source: 'ts', code: '2304' };
  it('reads like the editor says it, with or without the file', () => {
    assert.equal(describeDiagnostic(d), "line 2, column 10: error: Cannot find name 'c'. [ts 2304]");
    assert.equal(describeDiagnostic(d, 'src/a.ts'), "src/a.ts:2:10 error: Cannot find name 'c'. [ts 2304]");
    assert.equal(describeDiagnostic({ message: 'x', line: 3 }), 'line 3: error: x');
  });
});
