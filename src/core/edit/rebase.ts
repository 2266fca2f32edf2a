// Keeping a pending edit's range valid while the user keeps typing. Changes before the range move
// it; changes after it don't matter; a change that touches the range itself makes the proposal
// stale (it was written for text that no longer exists), and it is refused, never guessed.

export interface OffsetRange {
  start: number;
  end: number;
}

/** One content change, as VS Code reports it (offsets into the text before the change). */
export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/** Where the range is after `change`, or undefined when the change touched its text. */
export function trackRange(range: OffsetRange, change: TextChange): OffsetRange | undefined {
  const cStart = change.rangeOffset;
  const cEnd = change.rangeOffset + change.rangeLength;
  const delta = change.text.length - change.rangeLength;
  if (cEnd <= range.start && !(cStart === cEnd && cStart === range.start && range.start === range.end)) {
    // Entirely before (an insertion right at the start stays outside the range).
    return { start: range.start + delta, end: range.end + delta };
  }
  if (cStart >= range.end) return range;
  return undefined;
}

/** Applies trackRange for a batch of changes (VS Code sends them in order, each against the text before it). */
export function trackRangeThrough(range: OffsetRange, changes: readonly TextChange[]): OffsetRange | undefined {
  let r: OffsetRange | undefined = range;
  // Within one event VS Code's changes do not overlap and are sorted last-first, so each offset
  // is valid against the text before the whole batch; apply them from the end.
  const sorted = [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset);
  for (const c of sorted) {
    if (!r) return undefined;
    r = trackRange(r, c);
  }
  return r;
}

export type RebaseResult = { ok: true; range: OffsetRange } | { ok: false; reason: 'changed' | 'closed' };

/**
 * Final check before applying: the tracked range must still hold exactly the text the proposal
 * was made for. Then the edit goes onto the current text; otherwise it is refused.
 */
export function rebase(currentText: string, tracked: OffsetRange | undefined, originalRangeText: string): RebaseResult {
  if (!tracked) return { ok: false, reason: 'changed' };
  if (currentText.slice(tracked.start, tracked.end) !== originalRangeText) return { ok: false, reason: 'changed' };
  return { ok: true, range: tracked };
}
