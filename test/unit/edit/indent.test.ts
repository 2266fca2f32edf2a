import assert from 'node:assert/strict';
import { detectIndentUnit, reindent } from '../../../src/core/edit/indent';

const spaces4 = { insertSpaces: true, tabSize: 4 };
const tabs = { insertSpaces: false, tabSize: 4 };

describe('indentation matching', () => {
  it('detects the answer unit: 2 or 4 spaces, or tabs', () => {
    assert.deepEqual(detectIndentUnit(['a {', '  b {', '    c', '  }', '}']), { tabs: false, size: 2 });
    assert.deepEqual(detectIndentUnit(['a {', '    b', '}']), { tabs: false, size: 4 });
    assert.equal(detectIndentUnit(['a {', '\tb', '}']).tabs, true);
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
});
