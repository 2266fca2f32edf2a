// Defence in depth: whatever reaches the log passes through here, and any secret we hold is
// replaced before it is written. Core never logs the key on purpose; this catches accidents
// (a server echoing the key in an error body, an Authorization header in a dumped object).
import type { Logger } from '../logger';

const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]{8,}/g;

const escapedForms = new Map<string, RegExp>();

/**
 * Every way JSON may write `secret`: each character as itself or as `\uXXXX` (either case), `/`
 * also as `\/`, `"` and `\` escaped. A server's error body is searched before it is decoded, and
 * an escaped echo of the key would otherwise pass into the message the user reads and keeps.
 */
function escapedForm(secret: string): RegExp {
  let pattern = escapedForms.get(secret);
  if (!pattern) {
    let source = '';
    const backslash = '\\\\'; // a regex source matching one literal backslash
    for (let i = 0; i < secret.length; i++) {
      const ch = secret[i]!;
      const hex = [...secret.charCodeAt(i).toString(16).padStart(4, '0')].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('');
      const forms = [ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), `${backslash}u${hex}`];
      if (ch === '/') forms.push(`${backslash}/`);
      if (ch === '"') forms.push(`${backslash}"`);
      if (ch === '\\') forms.push(`${backslash}${backslash}`);
      source += `(?:${forms.join('|')})`;
    }
    pattern = new RegExp(source, 'g');
    if (escapedForms.size > 32) escapedForms.clear();
    escapedForms.set(secret, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

/** Replaces `secret` in `text`, as written and in any JSON-escaped spelling. */
export function scrubOne(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  const out = text.includes(secret) ? text.split(secret).join('***') : text;
  // Only text with a backslash can hold an escaped spelling: the common case stays a plain search.
  return out.includes('\\') ? out.replace(escapedForm(secret), '***') : out;
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(BEARER, 'Bearer ***');
  for (const secret of secrets) out = scrubOne(out, secret);
  return out;
}

function redactArg(arg: unknown, secrets: readonly string[]): unknown {
  if (typeof arg === 'string') return redact(arg, secrets);
  if (arg instanceof Error) return redact(arg.stack ?? `${arg.name}: ${arg.message}`, secrets);
  if (arg === undefined || arg === null || typeof arg !== 'object') return arg;
  try {
    return redact(JSON.stringify(arg), secrets);
  } catch {
    return '[unserialisable]';
  }
}

/** Wraps a logger so every message and argument is redacted with the current secrets. */
export function redactingLogger(inner: Logger, secrets: () => readonly string[]): Logger {
  const wrap =
    (level: keyof Logger) =>
    (message: string | Error, ...args: unknown[]): void => {
      const s = secrets();
      const text = typeof message === 'string' ? redact(message, s) : (redactArg(message, s) as string);
      (inner[level] as (m: string, ...a: unknown[]) => void)(text, ...args.map((a) => redactArg(a, s)));
    };
  return {
    trace: wrap('trace'),
    debug: wrap('debug'),
    info: wrap('info'),
    warn: wrap('warn'),
    error: wrap('error'),
  };
}
