// The stand-in's fallible mode (completionAnswer.ts): a seeded share of completion answers is
// plausible but wrong, the same answer for the same place whoever asks, and another share
// carries an artefact.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerCompletion, makeWrong } from '../../fake-sambanova/completionAnswer';
import { SourceIndex } from '../../fake-sambanova/sourceIndex';

const source = readFileSync(join(__dirname, '..', '..', '..', 'bench', 'completion', 'fixtures', 'spans.ts.txt'), 'utf8');

function ask(cursor: number, wrong: number, seed: number, messy = 0) {
  const index = new SourceIndex();
  index.add('src/spans.ts', source);
  // A raw prompt: the file up to the cursor, a marker, the file after a hole of two lines or so.
  const holeEnd = source.indexOf('\n', source.indexOf('\n', cursor) + 1);
  const prompt = `${source.slice(0, cursor)}<|fim_suffix|>${source.slice(holeEnd)}`;
  return answerCompletion(index, { route: 'completion', messages: [{ role: 'user', content: prompt }], stop: [] }, { lines: 3, artefacts: [], wrong, messy, seed });
}

describe('stand-in fallible mode', () => {
  const cursors: number[] = [];
  for (let i = source.indexOf('\n') + 40; i < source.length - 40; i += 7) cursors.push(i);

  it('makes about the asked share of answers wrong, deterministically, and none at 0%', () => {
    let wrong = 0;
    for (const c of cursors) {
      const a = ask(c, 40, 3)!;
      assert.deepEqual(ask(c, 40, 3)!.text, a.text, 'the same place gives the same answer');
      if (a.wrong) {
        wrong++;
        assert.notEqual(a.text, a.truth);
      } else assert.equal(a.text, a.truth);
      assert.equal(ask(c, 0, 3)!.wrong, undefined);
    }
    const share = wrong / cursors.length;
    assert.ok(share > 0.25 && share < 0.5, `wrong share ${share.toFixed(2)} for 40%`);
  });

  it('another seed picks other places', () => {
    const a = cursors.map((c) => ask(c, 40, 1)!.wrong !== undefined);
    const b = cursors.map((c) => ask(c, 40, 2)!.wrong !== undefined);
    assert.notDeepEqual(a, b);
  });

  it('wrong answers look like code of the file', () => {
    assert.equal(makeWrong('start: number;\n  end: number;\n}', source, source.indexOf('start'), 'truncated', 0), 'start: number;\n}');
    const identifier = makeWrong('return span.end - span.start;', source, 0, 'identifier', 1)!;
    assert.notEqual(identifier, 'return span.end - span.start;');
    assert.match(identifier, /^return [\w.]+ - [\w.]+;$/);
    const at = source.indexOf('  const out');
    const statement = makeWrong('const out: T[][] = [];', source, at + 2, 'statement', 2)!;
    assert.ok(source.split('\n').some((l) => l === `  ${statement}`), statement);
  });

  it('messy answers carry an artefact', () => {
    const changed = cursors.filter((c) => ask(c, 0, 4, 100)!.text !== ask(c, 0, 4, 0)!.text).length;
    assert.ok(changed > cursors.length / 2, `${changed} of ${cursors.length}`);
  });
});
