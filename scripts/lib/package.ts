// Packs the extension into a .vsix: `node scripts/lib/package.ts [OUT.vsix]`. vsce runs the
// `vscode:prepublish` script (production bundle) first. Without OUT the file lands where
// `vsce package` puts it: <name>-<version>.vsix in the repository root. Prints path and size.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, packageVsix } from '../../test/e2e/harness';

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const out = path.resolve(process.argv[2] ?? path.join(ROOT, `${manifest.name}-${manifest.version}.vsix`));
packageVsix(out).then(
  ({ file, bytes }) => console.log(`packed ${path.relative(process.cwd(), file) || file} (${(bytes / 1024).toFixed(1)} KiB)`),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
