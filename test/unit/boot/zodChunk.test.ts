// dist/zod.js holds only the zod functions listed in src/core/boot/zodChunk.ts (the host bundle
// requires it on first use; esbuild.mjs). A zod function the host calls but the list lacks would
// be undefined at run time, on a user's first request, and no build step would say so: this test
// does, for every `z.<name>(` call and every named import from zod in src/ outside the webview.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as chunk from '../../../src/core/boot/zodChunk';

const SRC = path.resolve(__dirname, '../../../src');

function hostSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return full === path.join(SRC, 'webview') ? [] : hostSources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('zod on first use (dist/zod.js)', () => {
  const users = hostSources(SRC)
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
    .filter(({ text }) => /from 'zod\/(mini|locales)'/.test(text));

  it('finds the modules that use zod (the check below would pass on none)', () => {
    assert.ok(users.length >= 4, `only ${users.length} files import zod`);
  });

  it('exports every zod function the host calls or imports by name', () => {
    const missing = new Set<string>();
    for (const { file, text } of users) {
      const names = [...text.matchAll(/\bz\.(\w+)\(/g)].map((m) => m[1]!);
      for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'zod\/(?:mini|locales)'/g)) {
        names.push(...m[1]!.split(',').map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!).filter(Boolean));
      }
      for (const name of names) if (typeof (chunk as Record<string, unknown>)[name] !== 'function') missing.add(`${name} (${path.relative(SRC, file)})`);
    }
    assert.deepEqual([...missing], [], 'add these to src/core/boot/zodChunk.ts');
  });
});
