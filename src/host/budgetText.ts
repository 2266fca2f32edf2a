// The request budget in words: the status bar's tooltip and warning, and @sambanova's note when a
// limit is near. core/client/rateLimits.ts returns the figures (a Budget); the sentences live here,
// beside the other words people read, with numbers formatted by src/shared/present.ts.
import type { Budget } from '../core/client/rateLimits';
import { formatCount } from '../shared/present';

/** "in 42 s", "in 3 min", "in 5 h 10 min". */
export function formatResetIn(ms: number | undefined): string {
  if (ms === undefined) return 'at a time the server did not say';
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 90) return `in ${s} s`;
  const min = Math.ceil(s / 60);
  if (min < 90) return `in ${min} min`;
  const h = Math.floor(min / 60);
  return `in ${h} h${min % 60 ? ` ${min % 60} min` : ''}`;
}

function windowLine(label: 'this minute' | 'today', w: NonNullable<Budget['minute']>): string {
  const of = w.limit !== undefined ? ` of ${formatCount(w.limit)}` : '';
  return `Requests left ${label}: ${formatCount(w.remaining)}${of} (resets ${formatResetIn(w.resetsInMs)})`;
}

/** Tooltip lines, in the order the user asks: minute, day, tokens. */
export function budgetLines(b: Budget): string[] {
  const lines: string[] = [];
  if (b.minute) lines.push(windowLine('this minute', b.minute));
  if (b.day) lines.push(windowLine('today', b.day));
  if (!b.minute && !b.day) lines.push('Requests left: not known yet (SambaNova reports them with each answer)');
  lines.push(
    `Tokens used today by this extension: ${formatCount(b.tokensToday)} in ${formatCount(b.requestsToday)} request${b.requestsToday === 1 ? '' : 's'} (resets at local midnight)`,
  );
  return lines;
}

/** The warning in words, for the status bar text, when a limit is near or reached; undefined otherwise. */
export function budgetWarning(b: Budget): string | undefined {
  if (b.level !== 'near' && b.level !== 'out') return undefined;
  const w = b.tight === 'day' ? b.day : b.minute;
  if (!w) return undefined;
  const when = b.tight === 'day' ? 'today' : 'this minute';
  if (b.level === 'out') return `no requests left ${when} for ${b.model}, more ${formatResetIn(w.resetsInMs)}`;
  return `${formatCount(w.remaining)} request${w.remaining === 1 ? '' : 's'} left ${when} for ${b.model}`;
}
