// Defence in depth: whatever reaches the log passes through here, and any secret we hold is
// replaced before it is written. Core never logs the key on purpose; this catches accidents
// (a server echoing the key in an error body, an Authorization header in a dumped object).
import type { Logger } from '../logger';

const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]{8,}/g;

export function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(BEARER, 'Bearer ***');
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('***');
  }
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
