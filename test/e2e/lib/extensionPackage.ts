// Builds the extension the way it ships (production bundle) and packs it into a .vsix with vsce,
// so end-to-end tests and `npm start` install exactly what users would.
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, nodeBinary, requireTool, vsceScript } from './paths';
import { runToEnd } from './processes';

export async function buildProduction(): Promise<void> {
  await runToEnd(process.execPath, [path.join(ROOT, 'esbuild.mjs'), '--production'], { cwd: ROOT });
}

export async function buildDevelopment(): Promise<void> {
  await runToEnd(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT });
}

/** Production build + `vsce package --no-dependencies` (the bundle carries its dependencies). */
export async function packageVsix(outFile: string): Promise<{ file: string; bytes: number }> {
  await buildProduction();
  // vsce 3 wants Node >= 20.18; use the tools' Node 24 rather than whatever runs us.
  await runToEnd(requireTool(nodeBinary(24)), [requireTool(vsceScript()), 'package', '--no-dependencies', '--out', outFile], {
    cwd: ROOT,
    timeoutMs: 120_000,
  });
  return { file: outFile, bytes: statSync(outFile).size };
}
