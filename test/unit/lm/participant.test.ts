import * as assert from 'node:assert/strict';
import { buildEditMessages } from '../../../src/core/edit/prompts';
import { closingFence, commandKind, commandMessages, figuresMarkdown, followupsFor, questionMessages } from '../../../src/core/lm/participant';

describe('@sambanova participant', () => {
  const code = { path: 'src/math.ts', languageId: 'typescript', text: 'export const add = (a: number, b: number) => a + b;\n' };

  it('knows its four slash commands and nothing else', () => {
    assert.deepEqual(['explain', 'fix', 'tests', 'doc', 'refactor', undefined].map(commandKind), ['explain', 'fix', 'tests', 'doc', undefined, undefined]);
  });

  it('sends exactly the editor command\'s prompt, with the chat text as the instruction', () => {
    const messages = commandMessages('fix', code, '  keep it short ', { diagnostics: [{ message: 'bad', line: 1 }] }, {});
    const expected = buildEditMessages('fix', { languageId: 'typescript', fileName: 'src/math.ts', code: code.text, instruction: 'keep it short', diagnostics: [{ message: 'bad', line: 1 }] });
    assert.deepEqual(messages, expected);
    // A user's prompt setting changes the participant too.
    const custom = commandMessages('explain', code, '', {}, { explain: 'Explain like I am five.' });
    assert.match(String(custom[1]!.content), /^Explain like I am five\./);
  });

  it('carries the earlier turns and the referenced files with a plain question', () => {
    const messages = questionMessages('Be brief.', [{ role: 'user', text: 'hi' }, { role: 'assistant', text: 'Hello!' }, { role: 'assistant', text: ' ' }], 'What does add do?', [code]);
    assert.equal(messages.length, 4);
    assert.deepEqual(messages[0], { role: 'system', content: 'Be brief.' });
    assert.equal(messages[2]!.content, 'Hello!');
    assert.equal(messages[3]!.content, 'src/math.ts:\n```typescript\nexport const add = (a: number, b: number) => a + b;\n```\n\nWhat does add do?');
  });

  it('offers the next useful command', () => {
    assert.deepEqual(
      followupsFor('explain').map((f) => f.command),
      ['tests', 'doc'],
    );
    assert.equal(followupsFor(undefined)[0]!.command, 'explain');
  });

  it('writes the figures line as literal markdown (no math, no emphasis)', () => {
    assert.equal(figuresMarkdown('TTFT 0.06 s · 512 tok/s · $0.0012'), '\n\n---\n\n*TTFT 0.06 s · 512 tok/s · \\$0.0012*');
  });

  it('closes a code block the answer left open, so the figures line is not code', () => {
    assert.equal(closingFence('Here:\n```ts\nconst a = 1;'), '\n```');
    assert.equal(closingFence('Here:\n````md\n```ts\nx\n```\n'), '````');
    assert.equal(closingFence('Done:\n```ts\nconst a = 1;\n```\nBye.'), '');
    assert.equal(closingFence('~~~\ncode'), '\n~~~');
    assert.equal(closingFence('no code at all'), '');
  });
});
