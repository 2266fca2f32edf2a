// Imported first by main.ts, before any schema exists. Classic zod probes for eval (new Function)
// to compile faster object parsers; the webview's CSP forbids eval, and each probe would be
// reported as a CSP violation. zod/mini's objects do not compile today, but this keeps any zod
// code path that could (z.compile, a later zod) from trying. Parsing without eval is fast enough
// for chat messages.
import { config } from 'zod/mini';

config({ jitless: true });
