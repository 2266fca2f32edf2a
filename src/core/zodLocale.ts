// zod/mini (used instead of classic zod because it loads in a quarter of the time and a fifth of
// the bytes, which is most of the extension's activation cost) ships no error messages: every
// issue would read "Invalid input". Our logs and warnings quote the first issue, so install zod's
// English messages once, before any schema parses. Imported for its side effect by every module
// of the extension host that declares or parses schemas (the webview bundle installs its own in
// src/webview/zodSetup.ts: zod's config is per bundle).
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config(en());
