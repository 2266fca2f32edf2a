// VS Code's own diff, to charge each preview refresh what the diff editor computes after it. The
// code-server that setup-tools.sh installs ships VS Code's line diff (DefaultLinesDiffComputer,
// the diff editor's default algorithm, with the character-level inner changes it highlights) in
// a small ES module with two plain exports; it is imported from there, not copied. The options
// are the diff editor's defaults: trim whitespace ignored, 5 s budget, no move detection.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODE_SERVERS, TOOLS } from '../../test/e2e/lib/paths';
import { myersDistance } from './myers';

export interface LineDiff {
  /** What the per-refresh cost was measured with, for the printout. */
  name: string;
  diff(original: string, modified: string): void;
}

type ComputeDiffCounts = (
  original: string,
  modified: string,
  maxComputationTimeMs: number,
) => { added: number; removed: number };

export async function loadLineDiff(): Promise<LineDiff> {
  const version = CODE_SERVERS.current.version;
  const file = path.join(
    TOOLS,
    `code-server-${version}`,
    'node_modules',
    'code-server',
    'lib',
    'vscode',
    'out',
    'vs',
    'platform',
    'agentHost',
    'node',
    'diffWorkerMain.js',
  );
  if (existsSync(file)) {
    const mod = (await import(pathToFileURL(file).href)) as { computeDiffCounts?: ComputeDiffCounts };
    const compute = mod.computeDiffCounts;
    if (typeof compute === 'function')
      return { name: `VS Code's diff (code-server ${version})`, diff: (a, b) => void compute(a, b, 5000) };
  }
  // Without the tools (run scripts/setup-tools.sh), a plain Myers over lines stands in, and says so.
  return {
    name: 'Myers over lines (VS Code not installed: a stand-in)',
    diff: (a, b) => void myersDistance(a.split('\n'), b.split('\n')),
  };
}
