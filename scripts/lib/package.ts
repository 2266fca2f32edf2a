// Packs the extension into a .vsix: `node scripts/lib/package.ts OUT.vsix` (production bundle
// built first). Prints the size, which bench/activation.ts also reports against its goal.
import * as path from 'node:path';
import { packageVsix } from '../../test/e2e/harness';

const out = path.resolve(process.argv[2] ?? 'sambanova.vsix');
packageVsix(out).then(
  ({ file, bytes }) => console.log(`packed ${file} (${(bytes / 1024).toFixed(1)} KiB)`),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
