// Imported first by main.ts, before any schema exists; zod's config is global to this bundle.
// English messages: zod/mini ships none, and a refused message is logged with its first issue.
// jitless: classic zod probes for eval (new Function) to compile faster object parsers; the
// webview's CSP forbids eval, and each probe would be reported as a CSP violation. zod/mini's
// objects do not compile today, but this keeps any zod code path that could (z.compile, a later
// zod) from trying. Parsing without eval is fast enough for chat messages.
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config({ ...en(), jitless: true });
