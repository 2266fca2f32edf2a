// The stand-in's `follow` answers (the `demo` preset of `npm start` without a key), read through the
// extension's real prompts and, for the edit commands, its real streaming proposal: each answer is
// about the request it was given.
import assert from 'node:assert/strict';
import { userPromptText } from '../../../src/core/chat/promptAssembly';
import type { AttachmentContent } from '../../../src/core/chat/model';
import { buildEditMessages, taskFor, type EditKind, type EditPromptInput, type EditPromptOverrides } from '../../../src/core/edit/prompts';
import { StreamingProposal } from '../../../src/core/edit/proposal';
import { startFakeSambaNova, type FakeSambaNova } from '../../fake-sambanova';
import { followAnswer } from '../../fake-sambanova/followAnswer';
import { chatBody, chunksOf, contentOf, post } from './helpers';

const clamp = [
  'export function clamp(value: number, min: number, max: number): number {',
  '  if (value < min) return min;',
  '  if (value > max) return max;',
  '  return value;',
  '}',
].join('\n');

function userMessage(kind: EditKind, input: Partial<EditPromptInput> = {}, overrides: EditPromptOverrides = {}): string {
  const messages = buildEditMessages(kind, { languageId: 'typescript', fileName: 'src/math.ts', code: `${clamp}\n`, context: { before: 'import x;\n', after: '\nfoo();\n' }, ...input }, overrides);
  return messages[1]!.content as string;
}

/** The replacement the edit commands would propose, through the streaming proposal, in a 2-space file at column 0. */
function proposed(answer: string): string {
  const p = new StreamingProposal('', '\n', { baseIndent: '', style: { insertSpaces: true, tabSize: 2 }, indentFirstLine: true, eol: '\n', trailingNewline: false });
  for (let i = 0; i < answer.length; i += 7) p.push(answer.slice(i, i + 7));
  const done = p.finish();
  assert.ok(done, `no code in ${JSON.stringify(answer)}`);
  return done.replacement;
}

/** Lines of `after` not in `before` (in order), asserting every line of `before` is kept in order. */
function addedLines(before: string, after: string): string[] {
  const kept = before.split('\n');
  const added: string[] = [];
  let k = 0;
  for (const line of after.split('\n')) {
    if (k < kept.length && line === kept[k]) k++;
    else added.push(line);
  }
  assert.equal(k, kept.length, `the original code is not all there, in order:\n${after}`);
  return added;
}

function attachment(kind: AttachmentContent['kind'], text: string, extra: Partial<AttachmentContent> = {}): AttachmentContent {
  return { id: '1', kind, label: 'math.ts', path: 'src/math.ts', language: 'typescript', text, ...extra };
}

describe('fake SambaNova: answers that follow the request (demo)', () => {
  describe('edit commands: the selected code comes back with one visible, harmless change', () => {
    it('Refactor Selection keeps clamp and adds one comment saying what was asked (not a made-up function)', () => {
      const added = addedLines(clamp, proposed(followAnswer(userMessage('refactor'))!));
      assert.equal(added.length, 1);
      assert.match(added[0]!, /^\/\/ Refactor: Improve readability without changing behaviour\./);
    });

    it('Add Documentation puts a JSDoc block with the parameters above clamp, its " * " lines intact in a 2-space file', () => {
      const added = addedLines(clamp, proposed(followAnswer(userMessage('doc'))!));
      assert.deepEqual(added, ['/**', ' * Clamp.', ' *', ' * @param value The value.', ' * @param min The min.', ' * @param max The max.', ' * @returns The result.', ' */']);
    });

    it('Add Documentation in Python: a docstring under the def line, one level in', () => {
      const code = 'def clamp(value, lo, hi):\n    if value < lo:\n        return lo\n    return min(value, hi)';
      const answer = followAnswer(userMessage('doc', { languageId: 'python', fileName: 'm.py', code }))!;
      assert.match(answer, /^```python\ndef clamp\(value, lo, hi\):\n {4}"""Clamp\.\n\n {4}Args:\n {8}value: The value\.\n/);
      assert.ok(answer.endsWith('    """\n    if value < lo:\n        return lo\n    return min(value, hi)\n```'), answer);
    });

    it("Fix names the editor's first problem; Edit Selection names the instruction", () => {
      const fix = addedLines(clamp, proposed(followAnswer(userMessage('fix', { diagnostics: [{ line: 2, severity: 'error', message: "Cannot find name 'mn'." }] }))!));
      assert.deepEqual(fix.length, 1);
      assert.match(fix[0]!, /^\/\/ Fix: Cannot find name 'mn'\./);
      const edit = addedLines(clamp, proposed(followAnswer(userMessage('edit', { instruction: 'use Math.min and Math.max' }))!));
      assert.match(edit[0]!, /^\/\/ Edit: use Math\.min and Math\.max /);
    });

    it('a task sentence the user rewrote in settings is still read by what it asks', () => {
      const answer = followAnswer(userMessage('doc', {}, { doc: 'Write TSDoc for every exported function.' }))!;
      assert.match(answer, /\/\*\*\n \* Clamp\./);
    });

    it('a comment in CSS or HTML cannot be closed early by the instruction', () => {
      const css = followAnswer(userMessage('edit', { languageId: 'css', fileName: 'a.css', code: 'a { color: red; }', instruction: 'end */ here' }))!;
      assert.match(css, /^```css\n\/\* Edit: end {2}here .*\*\/\na \{ color: red; \}\n```$/);
    });
  });

  it('Generate Tests: a test file in the project framework that imports the selected function', () => {
    const answer = followAnswer(userMessage('tests', { testConventions: { framework: 'mocha (with node:assert)', testFilePath: 'test/math.test.ts', importPath: '../src/math' } }))!;
    assert.equal(
      answer,
      "```typescript\nimport assert from 'node:assert/strict';\nimport { clamp } from '../src/math';\n\ndescribe('clamp', () => {\n  it('is a function', () => {\n    assert.equal(typeof clamp, 'function');\n  });\n});\n```",
    );
    const py = followAnswer(userMessage('tests', { languageId: 'python', fileName: 'pkg/m.py', code: 'def clamp(v, lo, hi):\n    return v', testConventions: { framework: 'pytest', importPath: 'pkg.m' } }))!;
    assert.match(py, /^```python\nfrom pkg\.m import clamp\n\n\ndef test_clamp_is_callable\(\):\n {4}assert callable\(clamp\)\n```$/);
  });

  it('Explain Selection (in the chat): names the function and file, outlines its checks and returns, quotes it', () => {
    const answer = followAnswer(userPromptText(taskFor('explain'), [attachment('selection', clamp, { label: 'math.ts:3-7' })]))!;
    assert.match(answer, /^### `clamp` in `src\/math\.ts`/);
    assert.match(answer, /explain `math\.ts:3-7` \(typescript, 5 lines\)/);
    assert.match(answer, /\*\*Checks\*\* `value < min` and `value > max`/);
    assert.match(answer, /\*\*Returns\*\* `min`, `max` and `value`/);
    assert.ok(answer.includes(`\`\`\`typescript\n${clamp}\n\`\`\``));
  });

  it('a chat question: quoted back, with what came with it and where the names it mentions are', () => {
    const answer = followAnswer(userPromptText('Why does `clamp` check min first?', [attachment('file', clamp)]))!;
    assert.match(answer, /^You asked: “Why does `clamp` check min first\?”/);
    assert.match(answer, /\*\*About\*\* `src\/math\.ts` \(typescript, 5 lines\)/);
    assert.match(answer, /`clamp` first appears on line 1 of `src\/math\.ts`\./);
  });

  it('a question with nothing attached names the files it mentions and says how to send them', () => {
    const answer = followAnswer('What does README.md say about `npm start`?')!;
    assert.match(answer, /You mention `npm start` and `README\.md`\. Attach a file/);
    assert.match(answer, /local stand-in server, not from a model/);
  });

  it('leaves hole-filling prompts (inline completion) to the completion answers', () => {
    assert.equal(followAnswer('```ts\nconst x = {{FILL_HERE}};\n```'), undefined);
  });

  describe('through the server', () => {
    let server: FakeSambaNova;
    before(async () => {
      server = await startFakeSambaNova({ scenario: 'fast' });
    });
    after(() => server.close());

    it("the demo preset streams the follow answer; the default preset's generated text is unchanged", async () => {
      const body = chatBody(userMessage('refactor'));
      const demo = contentOf(chunksOf((await post(`${server.scenarioUrl('demo,ttft=0,tps=0')}/chat/completions`, body)).body));
      assert.equal(demo, followAnswer(userMessage('refactor')));
      const generated = contentOf(chunksOf((await post(`${server.scenarioUrl('fast')}/chat/completions`, body)).body));
      assert.doesNotMatch(generated, /clamp/);
    });
  });
});
