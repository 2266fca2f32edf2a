// The typing trace every provider in the completion bench replays: source files typed character
// by character with a person's rhythm (seeded, so every provider gets the same trace). Two files
// written for the bench (TypeScript and Python, typed whole), HumanEval solutions
// (test/fixtures/fim, MIT, OpenAI) typed from the end of their docstring, and three TypeScript
// functions of this repository, copied into bench/completion/fixtures so the bench does not change
// when src/ does, each cut out of the middle of its file and typed back in.
// The trace is text and timing, not keystrokes: what a key does depends on the editor
// (editorModel.ts) and on what the person accepts (typist.ts), so the replay derives the keys.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { mulberry32 } from '../../test/fake-sambanova/content';

const ROOT = join(__dirname, '..', '..');

export interface TraceFile {
  /** Workspace-relative name the editor shows (and the prompt names). */
  path: string;
  languageId: string;
  /** The finished file: what the person means to type and what the file must read at the end. */
  source: string;
  /** The typed region: the document starts as source[0, start) + source[end, ...). */
  start: number;
  end: number;
  /** One level of indentation in this file. */
  indentUnit: string;
  /** delays[i - start]: milliseconds the person takes before typing source[i] (a pause or not). */
  delays: number[];
}

export interface Trace {
  files: TraceFile[];
  /** Characters to type, over all files (a lower bound on keystrokes). */
  chars: number;
}

interface HumanEvalTask {
  task_id: string;
  prompt: string;
  canonical_solution: string;
  suffix: string;
  test: string;
  entry_point: string;
}

export function readHumanEval(file = 'HumanEval-SingleLineInfilling.jsonl.gz'): HumanEvalTask[] {
  const text = gunzipSync(readFileSync(join(ROOT, 'test', 'fixtures', 'fim', file))).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as HumanEvalTask);
}

/** One whole solution per HumanEval task (prompt + canonical solution + suffix of any of its holes). */
export function humanEvalSolutions(): Array<{ taskId: string; source: string; bodyStart: number }> {
  const seen = new Set<string>();
  const out: Array<{ taskId: string; source: string; bodyStart: number }> = [];
  for (const task of readHumanEval()) {
    const id = /HumanEval\/\d+/.exec(task.task_id)?.[0] ?? task.task_id;
    if (seen.has(id)) continue;
    seen.add(id);
    const source = task.prompt + task.canonical_solution + task.suffix;
    // The body starts after the docstring's closing quotes (or after the signature line).
    const docEnd = Math.max(source.lastIndexOf('"""\n', source.length), source.lastIndexOf("'''\n"));
    const bodyStart = docEnd > 0 && docEnd < task.prompt.length + 4 ? docEnd + 4 : task.prompt.length;
    out.push({ taskId: /HumanEval\/\d+/.exec(task.task_id)?.[0] ?? task.task_id, source, bodyStart });
  }
  return out;
}

const FIXTURES = join(__dirname, 'fixtures');

/** A function body of a copied repository file, cut out of the middle of its file. */
function fixtureRegion(name: string, path: string, startMarker: string, endMarker: string): Omit<TraceFile, 'delays'> {
  const source = readFileSync(join(FIXTURES, name), 'utf8');
  const at = source.indexOf(startMarker);
  if (at === -1) throw new Error(`bench trace: "${startMarker}" not found in ${name}`);
  const start = source.indexOf('\n', at) + 1;
  const end = source.indexOf(endMarker, start);
  if (end === -1) throw new Error(`bench trace: "${endMarker}" not found in ${name}`);
  return { path, languageId: 'typescript', source, start, end, indentUnit: '  ' };
}

/** A whole file written for the bench, typed from its first line on. */
function fixtureFile(name: string, path: string, languageId: string, indentUnit: string): Omit<TraceFile, 'delays'> {
  const source = readFileSync(join(FIXTURES, name), 'utf8');
  // The first line (a comment or docstring saying what the file is) is there when typing starts.
  const start = source.indexOf('\n') + 1;
  return { path, languageId, source, start, end: source.length, indentUnit };
}

/** The person's rhythm over a region: bursts, a pause to think at most new lines, now and then mid-line. */
function rhythm(source: string, start: number, end: number, random: () => number): number[] {
  const delays: number[] = [];
  for (let i = start; i < end; i++) {
    const previous = source[i - 1] ?? '';
    const lineStart = source.lastIndexOf('\n', i - 1) + 1;
    const firstOfLine = source.slice(lineStart, i).trim() === '' && source[i] !== ' ' && source[i] !== '\t';
    let delay = 60 + random() * 110;
    if (i === start) delay = 800;
    else if (firstOfLine && source[i] !== '\n' && random() < 0.55) delay = 350 + random() * 1100; // thinking at a new line
    else if (/[ (.,:=]/.test(previous) && random() < 0.07) delay = 320 + random() * 900; // mid-line pause
    delays.push(delay);
  }
  return delays;
}

/**
 * The trace: the two bench files, then HumanEval solutions and repository functions, until at
 * least `minChars` characters; a region longer than `maxPerFile` characters ends at its next
 * blank line.
 */
export function buildTrace(minChars: number, seed = 7, maxPerFile = Infinity): Trace {
  const random = mulberry32(seed);
  const files: TraceFile[] = [];
  const own = [fixtureFile('spans.ts.txt', 'src/spans.ts', 'typescript', '  '), fixtureFile('words.py.txt', 'words.py', 'python', '    ')];
  const repo = [
    fixtureRegion('merge.ts.txt', 'src/core/chat/merge.ts', 'export function mergeChats', '\n}\n'),
    fixtureRegion('stats.ts.txt', 'bench/stats.ts', 'export function percentile', '\n}\n'),
    fixtureRegion('format.ts.txt', 'src/core/format.ts', 'export function', '\n}\n'),
  ];
  const solutions = humanEvalSolutions();
  let h = 0;
  let r = 0;
  let chars = 0;
  const add = (whole: Omit<TraceFile, 'delays'>) => {
    // A shorter region is a shorter file: it ends at a blank line (between two functions, so no
    // block is left open), and what was cut off goes, so what follows the cursor is still only
    // what followed the whole region (nothing, or the rest of the file after a function).
    const cut = Number.isFinite(maxPerFile) ? whole.source.indexOf('\n\n', whole.start + maxPerFile) : -1;
    const file = cut >= 0 && cut < whole.end ? { ...whole, source: whole.source.slice(0, cut) + whole.source.slice(whole.end), end: cut } : whole;
    files.push({ ...file, delays: rhythm(file.source, file.start, file.end, random) });
    chars += file.end - file.start;
  };
  for (const file of own) add(file);
  while (chars < minChars) {
    // Mostly HumanEval, every third file from this repository.
    if (files.length % 3 === 2 && r < repo.length) add(repo[r++]!);
    else {
      const s = solutions[(h++ * 7) % solutions.length]!;
      add({ path: `humaneval/${s.taskId.replace('/', '_')}.py`, languageId: 'python', source: s.source, start: s.bodyStart, end: s.source.length, indentUnit: '    ' });
    }
  }
  return { files, chars };
}
