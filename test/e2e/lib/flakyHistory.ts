// Honest accounting of re-run specs. The e2e runner gives a failed spec one more attempt in a
// fresh VS Code; a spec that then passes is FLAKY, not passed: it is listed in the summary, and a
// spec flaky in two CI runs in a row fails the run (a flaky test is a bug in the test or the
// product, and a retry must not hide it for long). The streaks live in a small JSON file under
// .artifacts, so "in a row" spans the runs that share that folder (a CI workspace that is kept,
// or a developer's checkout); a CI job that starts from an empty clone every time sees each run
// alone and can only report the flakiness.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** How one spec ended in this run. */
export type SpecOutcome = 'passed' | 'flaky' | 'failed';

export interface FlakyHistory {
  /** Spec name -> number of consecutive CI runs, up to the last one, in which it was flaky. */
  ciStreaks: Record<string, number>;
}

/** Flaky this many CI runs in a row fails the run. */
export const FLAKY_STREAK_LIMIT = 2;

export interface FlakyVerdict {
  history: FlakyHistory;
  /** Specs that passed only on a re-run in this run. */
  flaky: string[];
  /** Specs whose flakiness fails this run (CI only), with their streak. */
  failing: Array<{ spec: string; streak: number }>;
}

/**
 * Pure decision: the new streaks and what fails. Only CI runs move the streaks (a developer's
 * local runs neither start nor break a CI streak); a spec that did not run keeps its streak; a
 * spec that passed or failed outright ends its streak (an outright failure is already counted).
 */
export function judgeFlaky(previous: FlakyHistory, outcomes: Record<string, SpecOutcome>, ci: boolean): FlakyVerdict {
  const flaky = Object.keys(outcomes).filter((spec) => outcomes[spec] === 'flaky');
  if (!ci) return { history: previous, flaky, failing: [] };
  const ciStreaks = { ...previous.ciStreaks };
  for (const [spec, outcome] of Object.entries(outcomes)) {
    if (outcome === 'flaky') ciStreaks[spec] = (ciStreaks[spec] ?? 0) + 1;
    else delete ciStreaks[spec];
  }
  const failing = flaky.filter((spec) => ciStreaks[spec] >= FLAKY_STREAK_LIMIT).map((spec) => ({ spec, streak: ciStreaks[spec] }));
  return { history: { ciStreaks }, flaky, failing };
}

/** Reads the history; a missing or unreadable file is an empty history (said on stderr). */
export function readFlakyHistory(file: string): FlakyHistory {
  if (!existsSync(file)) return { ciStreaks: {} };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<FlakyHistory>;
    const streaks: Record<string, number> = {};
    for (const [spec, n] of Object.entries(parsed.ciStreaks ?? {})) if (Number.isInteger(n) && n > 0) streaks[spec] = n;
    return { ciStreaks: streaks };
  } catch (err) {
    console.error(`ignoring unreadable ${file}: ${(err as Error).message}`);
    return { ciStreaks: {} };
  }
}

export function writeFlakyHistory(file: string, history: FlakyHistory): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(history, null, 2) + '\n');
}

/** CI sets CI=true (GitHub, GitLab, .ci/run); anything but empty/false/0 counts. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CI?.trim().toLowerCase();
  return !!v && v !== 'false' && v !== '0';
}
