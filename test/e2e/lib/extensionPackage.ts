// Packs the extension into a .vsix the way a publisher does: `vsce package` runs the manifest's
// `vscode:prepublish` script (the production bundle) and packs what .vscodeignore lets through, so
// end-to-end tests, `npm start` and `npm run package` install exactly what users would.
import { mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, nodeBinary, requireTool, vsceScript } from './paths';
import { runToEnd } from './processes';

/**
 * `vsce package --no-dependencies` (the bundle carries its dependencies) into outFile, creating
 * its folder: vsce does not, and a fresh clone has no .artifacts (issue 7: `npm start` failed
 * with ENOENT there). Leaves dist/ holding the production bundle.
 */
export async function packageVsix(outFile: string): Promise<{ file: string; bytes: number }> {
  const file = path.resolve(outFile);
  mkdirSync(path.dirname(file), { recursive: true });
  // vsce 3 needs a newer Node than the README's Node 20; use the tools' Node 24 whatever runs us.
  await runToEnd(requireTool(nodeBinary(24)), [requireTool(vsceScript()), 'package', '--no-dependencies', '--out', file], {
    cwd: ROOT,
    timeoutMs: 180_000,
  });
  return { file, bytes: statSync(file).size };
}
