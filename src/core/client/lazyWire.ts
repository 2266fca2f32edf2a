// The wire schemas (and zod with them) are loaded on the first request, not when the extension
// activates: activation never parses anything, and initialising zod is a measurable part of
// loading the extension (bench/activation.ts). esbuild keeps wire.ts in the same bundle and runs
// its module code only when this require() first happens. Types come from wire.ts directly.
import type * as Wire from './wire';

let wire: typeof Wire | undefined;

export function wireSchemas(): typeof Wire {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, deferred load is the point
  return (wire ??= require('./wire') as typeof Wire);
}
