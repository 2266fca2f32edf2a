// The file VS Code loads (package.json "main" -> dist/extension.js): runs the extension's bundle,
// dist/extensionMain.js, through V8's code cache (core/boot/codeCache.ts), and writes the cache a
// second and a half after activation, off the start-up path. Where the folder is read-only there is no
// cache and the bundle compiles as it always did. Imports neither vscode nor the bundle's code.
import * as path from 'node:path';
import { loadWithCodeCache } from './core/boot/codeCache';

/** After activation, so its functions are in the cache too; soon enough for short sessions (a window reloaded within 3 s). */
const WRITE_CACHE_AFTER_MS = 1500;

type Extension = { activate(context: unknown): unknown; deactivate?(): unknown };

const bundle = loadWithCodeCache<Extension>(path.join(__dirname, 'extensionMain.js'), path.join(__dirname, 'extensionMain.js.v8-cache'), require);

export function activate(context: unknown): unknown {
  const result = bundle.exports.activate(context);
  setTimeout(() => bundle.saveCache(), WRITE_CACHE_AFTER_MS).unref();
  return result;
}

export function deactivate(): unknown {
  return bundle.exports.deactivate?.();
}
