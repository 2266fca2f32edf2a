// Running a CommonJS bundle through V8's code cache. Compiling the extension's one bundle was most
// of its load (11-40 ms on a loaded 2-core machine, about 1 ms from the cache; bench/README.md),
// and VS Code keeps compiled code for its own files, not for extensions'. The cache sits next to
// the bundle: whoever can write there can already change the bundle, so it adds no way in. It is
// keyed by the bundle's exact text, V8's version and the architecture (V8 itself checks only the
// text's length and its flags), and V8 rejects data it cannot use: then the bundle compiles as
// usual and the cache is written again.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rename, unlink, writeFile } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

export type CacheState = 'used' | 'none' | 'stale' | 'rejected';

export interface LoadedBundle<T> {
  exports: T;
  /** What became of the cache at load. */
  cache: CacheState;
  /** Writes the cache, unless the one used is still good. Call it after the code has run a while: it then holds the functions compiled since. */
  saveCache(done?: (error?: Error) => void): void;
}

function cacheKey(source: string): Buffer {
  return Buffer.from(`${createHash('sha256').update(source).digest('hex')} ${process.versions.v8} ${process.arch}\n`);
}

/** The cache file's bytes, or undefined when there is none yet (or it cannot be read: compile as usual). */
function readCacheFile(file: string): Buffer | undefined {
  // existsSync first: a read that fails builds an error with a stack, which costs more than the check.
  if (!existsSync(file)) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Runs `bundle` as Node's require() would (same wrapper and arguments), compiled from `cacheFile`
 * when that holds code for this exact text. `requireFn` is the caller's: VS Code hands `vscode` to
 * a module by the path of the file that asks, so it must be a file in the extension's folder.
 */
export function loadWithCodeCache<T>(bundle: string, cacheFile: string, requireFn: NodeJS.Require): LoadedBundle<T> {
  const source = readFileSync(bundle, 'utf8');
  // The key is hashed only when there is a cache to check, or one to write: a first start (every
  // fresh install and update) has no cache, and hashing the bundle cost it ~1 ms (bench:load).
  let key: Buffer | undefined;
  const keyOf = (): Buffer => (key ??= cacheKey(source));
  const bytes = readCacheFile(cacheFile);
  const fits = bytes !== undefined && bytes.subarray(0, keyOf().length).equals(keyOf());
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData: fits ? bytes.subarray(keyOf().length) : undefined,
  });
  const cache: CacheState = bytes === undefined ? 'none' : !fits ? 'stale' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} };
  const run = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;
  run(module.exports, requireFn, module, bundle, path.dirname(bundle));
  return {
    exports: module.exports as T,
    cache,
    saveCache(done = () => undefined) {
      if (cache === 'used') return done();
      // Written whole, then renamed over the old one, so another window never reads half a cache.
      const temp = `${cacheFile}.${process.pid}.tmp`;
      let data: Buffer;
      try {
        data = Buffer.concat([keyOf(), script.createCachedData()]);
      } catch (error) {
        return done(error as Error);
      }
      const failed = (error: Error): void => unlink(temp, () => done(error));
      writeFile(temp, data, (error) => (error ? failed(error) : rename(temp, cacheFile, (renameError) => (renameError ? failed(renameError) : done()))));
    },
  };
}
