// The code-cache loader (dist/extension.js runs the extension's bundle through it): the bundle
// runs as require() would run it, the cache is used when it fits this exact text, and anything
// else (no cache, another text, corrupt data, a folder it cannot write) costs speed, never a load.
// Each load is a new Node process, as each VS Code window's extension host is: within one process
// V8 reuses what it compiled and never reads the cache.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..', '..');

type Loaded = { exports: { answer: number; dir: string; file: string; sep: string }; cache: string; saved: string | null };

/** A CommonJS bundle with enough code for V8 to keep (several functions, a require). */
function bundleText(answer: number): string {
  const fns = Array.from({ length: 60 }, (_, i) => `function f${i}(x) { const y = [x, ${i}].map((v) => v * 2); return y[0] + y[1] + ${answer}; }`).join('\n');
  return `"use strict";\n${fns}\nexports.answer = f0(0) - 0;\nexports.dir = __dirname;\nexports.file = __filename;\nexports.sep = require('node:path').sep;\n`;
}

describe('code cache loader', function () {
  this.timeout(20_000);
  let dir: string;
  let loader: string;
  let bundle: string;
  let cache: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sambanova-code-cache-'));
    loader = path.join(dir, 'codeCache.js');
    esbuild.buildSync({ entryPoints: [path.join(ROOT, 'src/core/boot/codeCache.ts')], outfile: loader, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    bundle = path.join(dir, 'extensionMain.js');
    cache = path.join(dir, 'extensionMain.js.v8-cache');
    rmSync(cache, { force: true });
    writeFileSync(bundle, bundleText(42));
  });

  /** Loads the bundle in a new process, saves the cache, and says what happened. */
  function load(): Loaded {
    const script = `
      const { loadWithCodeCache } = require(${JSON.stringify(loader)});
      const b = loadWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cache)}, require);
      b.saveCache((error) => process.stdout.write(JSON.stringify({ exports: { ...b.exports }, cache: b.cache, saved: error ? error.code ?? error.message : null })));`;
    return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Loaded;
  }

  it('runs the bundle with the wrapper arguments require() gives; writes the cache, which the next load uses as it is', () => {
    const first = load();
    assert.deepEqual(first, { exports: { answer: 42, dir, file: bundle, sep: path.sep }, cache: 'none', saved: null });
    const written = readFileSync(cache);
    const second = load();
    assert.equal(second.cache, 'used');
    assert.equal(second.exports.answer, 42);
    assert.ok(readFileSync(cache).equals(written), 'a cache in use is not rewritten');
  });

  it('a changed bundle of the same length does not use the old cache (V8 would check only the length)', () => {
    load();
    writeFileSync(bundle, bundleText(43));
    assert.equal(bundleText(43).length, bundleText(42).length);
    const changed = load();
    assert.deepEqual([changed.cache, changed.exports.answer], ['stale', 43]);
    assert.equal(load().cache, 'used');
  });

  it('corrupt data under the right key: V8 rejects it, the bundle still runs, the cache is written again', () => {
    load();
    const bytes = readFileSync(cache);
    const headerEnd = bytes.indexOf(0x0a) + 1;
    writeFileSync(cache, Buffer.concat([bytes.subarray(0, headerEnd), Buffer.alloc(bytes.length - headerEnd, 7)]));
    const corrupt = load();
    assert.deepEqual([corrupt.cache, corrupt.exports.answer, corrupt.saved], ['rejected', 42, null]);
    assert.equal(load().cache, 'used');
  });

  it('a folder it cannot write: the bundle runs, saving reports why and leaves nothing behind', () => {
    // root writes anywhere: a missing folder stands in for a read-only one then.
    const readOnly = process.getuid?.() !== 0;
    if (readOnly) chmodSync(dir, 0o500);
    else cache = path.join(dir, 'missing', 'extensionMain.js.v8-cache');
    try {
      const result = load();
      assert.equal(result.exports.answer, 42);
      assert.equal(result.saved, readOnly ? 'EACCES' : 'ENOENT');
      assert.equal(existsSync(cache), false);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});
