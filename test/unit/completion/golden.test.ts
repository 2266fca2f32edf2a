// Golden post-processing cases: every hole of golden/holes.ts (eight languages) wrapped in each
// artefact models produce, plus hand-written cases where the right answer is not the raw fill
// (discard, cut, overlap). Each must come back exactly as expected.
import * as assert from 'node:assert/strict';
import { decideLineMode } from '../../../src/core/completion/lineMode';
import { cleanCompletion } from '../../../src/core/completion/postprocess';
import { detectIndent, leadingWhitespace, linePrefixOf } from '../../../src/core/completion/text';
import { holes, splitHole } from './golden/holes';

interface Parts {
  prefix: string;
  fill: string;
  suffix: string;
  language: string;
}

const fenceLang: Record<string, string> = { python: 'python', typescript: 'ts', javascript: 'js', go: 'go', rust: 'rust', java: 'java', c: 'c', ruby: 'ruby' };

function suffixHead(suffix: string, nonBlankLines: number): string {
  const lines = suffix.split('\n');
  let seen = 0;
  let i = 0;
  for (; i < lines.length && seen < nonBlankLines; i++) if (lines[i]!.trim() !== '' || i === 0) seen += lines[i]!.trim() !== '' ? 1 : 0;
  return lines.slice(0, i).join('\n');
}

/** Artefacts: name -> raw answer built from the true fill (undefined when it does not apply). */
const artefacts: Record<string, (p: Parts) => string | undefined> = {
  plain: (p) => p.fill,
  tags: (p) => `<COMPLETION>${p.fill}</COMPLETION>`,
  openTagOnly: (p) => `<COMPLETION>${p.fill}`,
  fence: (p) => `\`\`\`${fenceLang[p.language]}\n${p.fill}${p.fill.endsWith('\n') ? '' : '\n'}\`\`\``,
  think: (p) => `<think>\nThe cursor is in ${p.language} code; the missing part is short.\n</think>\n${p.fill}`,
  chatter: (p) => `Here is the completion:\n${p.fill}`,
  repeatPrefix: (p) => {
    const linePrefix = linePrefixOf(p.prefix);
    if (linePrefix.trim() !== '') return linePrefix.trimStart() + p.fill;
    const above = p.prefix.slice(0, p.prefix.length - linePrefix.length).split('\n').filter((l) => l.trim() !== '').pop();
    return above === undefined ? undefined : `${above}\n${p.fill}`;
  },
  suffixEcho: (p) => p.fill + suffixHead(p.suffix, 2),
  wrongIndentStyle: (p) => {
    if (!p.fill.includes('\n')) return undefined;
    const style = detectIndent(p.prefix + p.suffix);
    // A file with no indented line does not say which style is right.
    if (!style.known) return undefined;
    const lines = p.fill.split('\n');
    if (!lines.slice(1).some((l) => leadingWhitespace(l) !== '')) return undefined;
    // Tabs where the file uses spaces, spaces where it uses tabs.
    return lines
      .map((l, i) => {
        if (i === 0) return l;
        const ws = leadingWhitespace(l);
        const swapped = style.useTabs ? ws.replace(/\t/g, ' '.repeat(style.size)) : ws.replace(new RegExp(` {${style.size}}`, 'g'), '\t');
        return swapped + l.slice(ws.length);
      })
      .join('\n');
  },
  combo: (p) => `<think>plan</think>\nSure, here it is:\n<COMPLETION>\`\`\`${fenceLang[p.language]}\n${p.fill}${p.fill.endsWith('\n') ? '' : '\n'}\`\`\`</COMPLETION>`,
};

function clean(raw: string, p: Omit<Parts, 'fill'>): string {
  return cleanCompletion(raw, { prefix: p.prefix, suffix: p.suffix, languageId: p.language, mode: decideLineMode(p.prefix, p.suffix) });
}

let generated = 0;

describe('post-processing golden cases (8 languages x model artefacts)', () => {
  for (const hole of holes) {
    const parts = { ...splitHole(hole), language: hole.language };
    for (const [name, make] of Object.entries(artefacts)) {
      const raw = make(parts);
      if (raw === undefined) continue;
      generated++;
      it(`${hole.language}: ${hole.name} [${name}]`, () => {
        assert.equal(clean(raw, parts), parts.fill, `raw: ${JSON.stringify(raw)}`);
      });
    }
  }
});

/** Hand-written: the expected text is not simply the fill. `|` marks the cursor in `file`. */
const special: { name: string; language: string; file: string; raw: string; expected: string }[] = [
  { name: 'whitespace-only answer is discarded', language: 'python', file: 'def f():\n    |\n', raw: '   \n\n', expected: '' },
  { name: 'empty tags are discarded', language: 'typescript', file: 'const x = |;\n', raw: '<COMPLETION></COMPLETION>', expected: '' },
  { name: 'only thinking (unfinished) is discarded', language: 'python', file: 'x = |\n', raw: '<think>I should write 42 but', expected: '' },
  { name: 'answer that only repeats the line above is discarded', language: 'python', file: 'def f():\n    y = compute(1)\n    |\n', raw: '    y = compute(1)', expected: '' },
  { name: 'answer that only repeats the rest of the line is discarded', language: 'typescript', file: 'foo(|);\n', raw: ');', expected: '' },
  { name: 'one line asked: the rest is cut', language: 'typescript', file: 'const total = |;\n', raw: 'a + b;\nconsole.log(total);', expected: 'a + b' },
  { name: 'python block ends at the dedent out of the function', language: 'python', file: 'def f(x):\n    |\n', raw: 'return x + 1\n\nprint(f(2))\n', expected: 'return x + 1' },
  { name: 'brace block ends at its closer, which the file already has', language: 'typescript', file: 'function f() {\n  |\n}\n', raw: 'return 1;\n}\n\nfunction g() {}', expected: 'return 1;' },
  { name: 'brace block closer kept when the file lacks it', language: 'javascript', file: 'function f() {\n  |', raw: 'return 1;\n}\n\nfunction g() {}', expected: 'return 1;\n}' },
  { name: 'repeated indentation is removed (cursor after indentation)', language: 'python', file: 'def f():\n    |\n', raw: '    return 1', expected: 'return 1' },
  { name: 'flush-left block inside a function is re-indented', language: 'python', file: 'def f(xs):\n    total = 0\n|\n    return total\n', raw: 'for x in xs:\n    total += x\n', expected: '    for x in xs:\n        total += x\n' },
  { name: 'tabs become the file’s spaces', language: 'typescript', file: 'function f() {\n  if (a) {\n    |\n  }\n}\n', raw: 'for (;;) {\n\t\t\tbreak;\n\t\t}', expected: 'for (;;) {\n      break;\n    }' },
  { name: 'auto-closed bracket not doubled', language: 'python', file: 'print(|)\n', raw: 'len(items))', expected: 'len(items)' },
  { name: 'nested call keeps its own bracket', language: 'python', file: 'print(|)\n', raw: 'len(items)', expected: 'len(items)' },
  { name: 'auto-closed quote not doubled', language: 'typescript', file: "const s = '|';\n", raw: "hello';", expected: 'hello' },
  { name: 'doubled semicolon dropped', language: 'c', file: 'int x = |;\n', raw: '42;', expected: '42' },
  { name: 'chatter after a blank line dropped', language: 'go', file: 'func f() int {\n\t|\n}\n', raw: 'return 1\n\nThis function returns one.', expected: 'return 1' },
  { name: 'answer echoing the hole marker keeps what is after it', language: 'python', file: 'x = |\n', raw: 'x = {{FILL_HERE}}41 + 1', expected: '41 + 1' },
  { name: 'FIM sentinel ends the answer', language: 'python', file: 'def f():\n    |\n', raw: 'return 1<|endoftext|>def g(): pass', expected: 'return 1' },
  { name: 'leading FIM middle token dropped', language: 'rust', file: 'fn f() -> i32 {\n    |\n}\n', raw: '<fim_middle>42', expected: '42' },
  { name: 'DeepSeek sentinel ends the answer', language: 'java', file: 'class A {\n    int f() {\n        |\n    }\n}\n', raw: 'return 1;<｜end▁of▁sentence｜>', expected: 'return 1;' },
  { name: 'inline backticks around a one-line answer dropped', language: 'typescript', file: 'const n = |;\n', raw: '`items.length`', expected: 'items.length' },
  { name: 'model repeats the partial word', language: 'python', file: 'def f(x):\n    ret|\n', raw: 'return x', expected: 'urn x' },
  { name: 'CRLF answer normalised', language: 'c', file: 'int f(void) {\n    |\n}\n', raw: 'int y = 2;\r\n    return y;\r\n', expected: 'int y = 2;\n    return y;' },
  { name: 'lone repeated closer is kept (it may close another block)', language: 'typescript', file: 'if (a) {\n  if (b) {\n    run();\n  }\n|', raw: '}\n', expected: '}\n' },
];

describe('post-processing golden cases (hand-written)', () => {
  for (const c of special) {
    it(`${c.language}: ${c.name}`, () => {
      const at = c.file.indexOf('|');
      const prefix = c.file.slice(0, at);
      const suffix = c.file.slice(at + 1);
      assert.equal(clean(c.raw, { prefix, suffix, language: c.language }), c.expected);
    });
  }

  it('the golden set has at least 150 cases across at least 6 languages', () => {
    const languages = new Set([...holes.map((h) => h.language), ...special.map((c) => c.language)]);
    assert.ok(generated + special.length >= 150, `${generated + special.length} cases`);
    assert.ok(languages.size >= 6, `${languages.size} languages`);
  });
});
