import assert from 'node:assert/strict';
import { detectIndentUnit, reindent, type ReindentOptions } from '../../../src/core/edit/indent';
import { StreamingProposal } from '../../../src/core/edit/proposal';

const spaces4 = { insertSpaces: true, tabSize: 4 };
const tabs = { insertSpaces: false, tabSize: 4 };
const spaces2 = { insertSpaces: true, tabSize: 2 };

function into(baseIndent: string, style: typeof spaces4): ReindentOptions {
  return { baseIndent, style, indentFirstLine: true, eol: '\n', trailingNewline: false };
}

describe('indentation matching', () => {
  it('detects the answer unit: 2 or 4 spaces, or tabs', () => {
    assert.deepEqual(detectIndentUnit(['a {', '  b {', '    c', '  }', '}']), { tabs: false, size: 2, known: true });
    assert.deepEqual(detectIndentUnit(['a {', '    b', '}']), { tabs: false, size: 4, known: true });
    assert.equal(detectIndentUnit(['a {', '\tb', '}']).tabs, true);
    // A comment's ' * ' lines do not vote; with no step at all the unit is a default.
    assert.deepEqual(detectIndentUnit(['/**', ' * x', ' */', 'f();']), { tabs: false, size: 4, known: false });
  });

  it("moves the answer's base indent to the range's and its 2-space unit to the file's 4 spaces", () => {
    const code = 'add(a, b) {\n  if (a) {\n    return a + b;\n  }\n}';
    const out = reindent(code, { baseIndent: '    ', style: spaces4, indentFirstLine: true, eol: '\n', trailingNewline: false });
    assert.equal(out, '    add(a, b) {\n        if (a) {\n            return a + b;\n        }\n    }');
  });

  it('converts to tabs, keeps odd alignment spaces, empties blank lines, uses CRLF and a final newline when asked', () => {
    const code = '    f(a,\n      b);\n\n    g();';
    const out = reindent(code, { baseIndent: '\t', style: tabs, indentFirstLine: true, eol: '\r\n', trailingNewline: true });
    // The answer's base is 4 columns; its unit, guessed from the +2 step, is 2 columns.
    assert.equal(out, '\tf(a,\r\n\t\tb);\r\n\r\n\tg();\r\n');
  });

  it('leaves the first line alone when the range starts after code on its line', () => {
    const out = reindent('a +\n  b', { baseIndent: '  ', style: spaces4, indentFirstLine: false, eol: '\n', trailingNewline: false });
    assert.equal(out, 'a +\n      b');
  });

  it('an answer already indented for the range comes out unchanged', () => {
    const code = '    if (x) {\n        y();\n    }';
    assert.equal(reindent(code, { baseIndent: '    ', style: spaces4, indentFirstLine: true, eol: '\n', trailingNewline: false }), code);
  });

  describe('block comments keep their inner alignment', () => {
    it("a JSDoc block in a 2-space file keeps ' * ' (the single space is not an indent level)", () => {
      const code = '/**\n * Adds two numbers.\n * @param a the first\n */\nexport function add(a: number, b: number): number {\n  return a + b;\n}';
      assert.equal(reindent(code, into('', spaces2)), code);
    });

    it("a 4-space answer for a method goes into a 2-space class: levels convert, the comment's ' * ' and inner columns stay", () => {
      const code = '    /**\n     * Doubles it.\n     *   @returns twice x\n     */\n    twice(x) {\n        return 2 * x;\n    }';
      assert.equal(reindent(code, into('  ', spaces2)), '  /**\n   * Doubles it.\n   *   @returns twice x\n   */\n  twice(x) {\n    return 2 * x;\n  }');
    });

    it('Javadoc into a tab-indented file: tabs for the levels, one space before each star', () => {
      const code = '    /**\n     * Runs.\n     */\n    void run() {\n        go();\n    }';
      assert.equal(reindent(code, into('\t', tabs)), '\t/**\n\t * Runs.\n\t */\n\tvoid run() {\n\t\tgo();\n\t}');
    });

    it('a C block comment without stars keeps its text where it was relative to the opening line', () => {
      const code = 'int f(void) {\n  /*\n     aligned note\n   */\n  return 0;\n}';
      assert.equal(reindent(code, into('', spaces4)), 'int f(void) {\n    /*\n       aligned note\n     */\n    return 0;\n}');
    });

    it('a line starting with * outside a comment is code (C dereference)', () => {
      const code = 'void f(int *p) {\n  *p = 1;\n}';
      assert.equal(reindent(code, into('', spaces4)), 'void f(int *p) {\n    *p = 1;\n}');
    });

    it('a KDoc block streamed in small chunks previews with the same indentation it finishes with', () => {
      const answer = '```kotlin\n/**\n * Greets.\n */\nfun greet() {\n  println("hi")\n}\n```';
      const p = new StreamingProposal('', '\n', { ...into('', spaces4), trailingNewline: false });
      const previews: string[] = [];
      for (let i = 0; i < answer.length; i += 3) {
        p.push(answer.slice(i, i + 3));
        previews.push(p.currentReplacement());
      }
      const final = '/**\n * Greets.\n */\nfun greet() {\n    println("hi")\n}';
      assert.equal(p.finish()?.replacement, final);
      for (const preview of previews) {
        const complete = preview.slice(0, preview.lastIndexOf('\n') + 1);
        assert.ok((final + '\n').startsWith(complete), `preview ${JSON.stringify(preview)} disagrees with the final text`);
      }
    });
  });

  it("re-bases on the answer's first line: a selection starting deep in a block has its later, shallower lines dedented", () => {
    // The selection began at an 8-space line of a 4-space file; the answer (2-space) closes a block after it.
    const code = '    x();\n  }\n  y();';
    assert.equal(reindent(code, into('        ', spaces4)), '        x();\n    }\n    y();');
  });
});

