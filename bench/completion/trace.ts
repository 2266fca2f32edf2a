// The typing trace every provider in the completion bench replays: real source files typed
// character by character with a person's rhythm (seeded, so every provider gets the same trace).
// HumanEval solutions (test/fixtures/fim, MIT, OpenAI) are typed from the end of their docstring
// to the end; files of this repository have one function body cut out and typed back in the
// middle of the file, with the rest of the file after the cursor.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { mulberry32 } from '../../test/fake-sambanova/content';

const ROOT = join(__dirname, '..', '..');

export interface TraceFile {
  /** Workspace-relative name the editor shows (and the prompt names). */
  path: string;
  languageId: string;
  /** The finished file. */
  source: string;
  /** The typed region: the document starts as source[0, start) + source[end, ...). */
  start: number;
  end: number;
}

export interface Keystroke {
  file: number;
  /** What the key inserts at the cursor (Enter inserts the newline and the next line's indentation, like auto-indent). */
  text: string;
  /** Milliseconds after the previous keystroke (the first of a file: after opening it). */
  delayMs: number;
}

export interface Trace {
  files: TraceFile[];
  keys: Keystroke[];
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

/** A function body of this repository's own code, cut out of the middle of its file. */
function repoRegion(relPath: string, startMarker: string, endMarker: string): TraceFile {
  const source = readFileSync(join(ROOT, relPath), 'utf8');
  const at = source.indexOf(startMarker);
  if (at === -1) throw new Error(`bench trace: "${startMarker}" not found in ${relPath}`);
  const start = source.indexOf('\n', at) + 1;
  const end = source.indexOf(endMarker, start);
  if (end === -1) throw new Error(`bench trace: "${endMarker}" not found in ${relPath}`);
  return { path: relPath, languageId: 'typescript', source, start, end };
}

/** Keystrokes that type `region` with a person's rhythm: bursts, pauses at line ends and words. */
function typeRegion(fileIndex: number, region: string, random: () => number, keys: Keystroke[]): void {
  let i = 0;
  let first = true;
  while (i < region.length) {
    let text = region[i]!;
    i++;
    if (text === '\n') {
      // Enter + auto-indent: the editor puts the next line's indentation in.
      const indent = /^[ \t]*/.exec(region.slice(i))![0];
      text += indent;
      i += indent.length;
    }
    const previous = keys.at(-1)?.text ?? '';
    let delayMs = 60 + random() * 110;
    if (first) delayMs = 800;
    else if (previous.startsWith('\n') && random() < 0.55) delayMs = 350 + random() * 1100; // thinking at a new line
    else if (/[ (.,:=]$/.test(previous) && random() < 0.07) delayMs = 320 + random() * 900; // mid-line pause
    keys.push({ file: fileIndex, text, delayMs });
    first = false;
  }
}

/** The trace: HumanEval solutions and repository functions until at least `minKeys` keystrokes. */
export function buildTrace(minKeys: number, seed = 7): Trace {
  const random = mulberry32(seed);
  const files: TraceFile[] = [];
  const keys: Keystroke[] = [];
  const repo = [
    repoRegion('src/core/chat/merge.ts', 'export function mergeChats', '\n}\n'),
    repoRegion('bench/stats.ts', 'export function percentile', '\n}\n'),
    repoRegion('src/core/format.ts', 'export function', '\n}\n'),
  ];
  const solutions = humanEvalSolutions();
  let h = 0;
  let r = 0;
  while (keys.length < minKeys) {
    // Mostly HumanEval, every third file from this repository.
    let file: TraceFile;
    if (files.length % 3 === 2 && r < repo.length) file = repo[r++]!;
    else {
      const s = solutions[(h++ * 7) % solutions.length]!;
      file = { path: `humaneval/${s.taskId.replace('/', '_')}.py`, languageId: 'python', source: s.source, start: s.bodyStart, end: s.source.length };
    }
    files.push(file);
    typeRegion(files.length - 1, file.source.slice(file.start, file.end), random, keys);
  }
  return { files, keys };
}
