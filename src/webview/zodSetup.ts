// Imported first by main.ts, before any schema exists. zod probes for eval (new Function) to
// compile faster parsers; the webview's CSP forbids eval, and each probe would be reported as a
// CSP violation. Parsing without it is fast enough for chat messages.
import { config } from 'zod';

config({ jitless: true });
