// The entry of dist/zod.js: the parts of zod the extension host calls, in a file of their own.
// esbuild.mjs points the host bundle's `zod/mini` and `zod/locales` imports here, so V8 no longer
// parses zod (~70 KB of the 297 KB bundle, ~2 ms of a cold start) when the extension loads, only
// when a module that declares schemas first runs: the first request (core/client/lazyWire.ts) or
// the chat's first use. A name missing here would be undefined at run time, not at build time;
// test/unit/boot/zodChunk.test.ts checks every `z.<name>(` call and named import in src/ against
// this list. (The webview bundles zod itself and is not concerned.)
export {
  array,
  boolean,
  compile,
  config,
  discriminatedUnion,
  enum,
  extend,
  int,
  lazy,
  literal,
  maxLength,
  minLength,
  nonnegative,
  nullable,
  nullish,
  number,
  object,
  omit,
  optional,
  pipe,
  record,
  string,
  transform,
  union,
  unknown,
} from 'zod/mini';
export { en } from 'zod/locales';
