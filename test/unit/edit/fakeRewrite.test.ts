// The stand-in server's `rewrite` answer through the real prompt and answer pipeline: what the
// editor commands' integration and e2e tests rely on, checked without an editor.
import assert from 'node:assert/strict';
import { buildEditMessages } from '../../../src/core/edit/prompts';
import { StreamingProposal } from '../../../src/core/edit/proposal';
import { rewriteAnswer, rewriteCode } from '../../fake-sambanova/rewrite';

describe('fake SambaNova rewrite answer', () => {
  it('rewrites the last code block: 2-space levels, var -> let, a marker line', () => {
    assert.equal(rewriteCode('    if (a) {\n        var b = 1;\n    }'), '// rewritten\nif (a) {\n  let b = 1;\n}');
  });

  it('through the refactor prompt and the streaming proposal, lands re-indented for a 4-space class body', () => {
    const code = '    add(a, b) {\n        var sum = a + b;\n        return sum;\n    }';
    const user = buildEditMessages('refactor', { languageId: 'javascript', fileName: 'calc.js', code, context: { before: 'class Calc {\n', after: '\n}\n' } })[1]!.content as string;
    const answer = rewriteAnswer(user);
    const p = new StreamingProposal('class Calc {\n', '\n}\n', { baseIndent: '    ', style: { insertSpaces: true, tabSize: 4 }, indentFirstLine: true, eol: '\n', trailingNewline: false });
    for (let i = 0; i < answer.length; i += 3) p.push(answer.slice(i, i + 3));
    assert.equal(p.finish()?.replacement, '    // rewritten\n    add(a, b) {\n        let sum = a + b;\n        return sum;\n    }');
  });
});
