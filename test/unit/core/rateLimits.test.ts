import assert from 'node:assert/strict';
import {
  RateLimitTracker,
  localDay,
  parseReset,
  pickRateLimitHeaders,
  readRateLimitHeaders,
} from '../../../src/core/client/rateLimits';
// The sentences about a Budget are the host's (src/host/budgetText.ts); they are pinned here on
// the tracker's own figures, so a change to either shows.
import { budgetLines, budgetWarning, formatResetIn } from '../../../src/host/budgetText';

// 2026-12-07 10:00 local time.
const T0 = new Date(2026, 11, 7, 10, 0, 0).getTime();

/** Headers as the local stand-in sends them (test/fake-sambanova/rateLimit.ts): reset in whole seconds. */
function headers(minute: [number, number, number], day: [number, number, number]): Record<string, string> {
  return {
    'x-ratelimit-limit-requests': String(minute[0]),
    'x-ratelimit-remaining-requests': String(minute[1]),
    'x-ratelimit-reset-requests': String(minute[2]),
    'x-ratelimit-limit-requests-day': String(day[0]),
    'x-ratelimit-remaining-requests-day': String(day[1]),
    'x-ratelimit-reset-requests-day': String(day[2]),
  };
}

describe('rate limits from response headers', () => {
  it('picks only the six documented headers, and nothing from a server that sends none', () => {
    const all: Record<string, string> = { ...headers([20, 19, 60], [20, 19, 86400]), 'content-type': 'text/event-stream' };
    assert.deepEqual(Object.keys(pickRateLimitHeaders((n) => all[n]) ?? {}).length, 6);
    assert.equal(pickRateLimitHeaders(() => undefined), undefined);
  });

  it('reads the minute and the day windows', () => {
    const l = readRateLimitHeaders(headers([60, 57, 42], [12000, 11950, 3600]), T0);
    assert.deepEqual(l.minute, { limit: 60, remaining: 57, resetAt: T0 + 42_000 });
    assert.deepEqual(l.day, { limit: 12000, remaining: 11950, resetAt: T0 + 3_600_000 });
  });

  it('reads every reset form: seconds, durations, Unix seconds and ms, HTTP dates', () => {
    assert.equal(parseReset('0.5', T0), T0 + 500);
    assert.equal(parseReset('1m30s', T0), T0 + 90_000);
    assert.equal(parseReset('250ms', T0), T0 + 250);
    assert.equal(parseReset('6h0m0s', T0), T0 + 6 * 3_600_000);
    assert.equal(parseReset(String((T0 + 5000) / 1000), T0), T0 + 5000);
    assert.equal(parseReset(String(T0 + 5000), T0), T0 + 5000);
    assert.equal(parseReset(new Date(T0 + 60_000).toUTCString(), T0), T0 + 60_000);
    assert.equal(parseReset('soon', T0), undefined);
    assert.equal(parseReset(undefined, T0), undefined);
  });
});

describe('RateLimitTracker', () => {
  it('says requests left this minute and today, with when each resets', () => {
    let now = T0;
    const t = new RateLimitTracker(() => now);
    t.noteHeaders('gpt-oss-120b', headers([60, 50, 30], [12000, 11000, 7200]));
    now += 10_000;
    const b = t.budget('gpt-oss-120b');
    assert.equal(b.level, 'ok');
    assert.deepEqual(b.minute, { limit: 60, remaining: 50, resetsInMs: 20_000 });
    const lines = budgetLines(b);
    assert.equal(lines[0], 'Requests left this minute: 50 of 60 (resets in 20 s)');
    assert.equal(lines[1], 'Requests left today: 11,000 of 12,000 (resets in 2 h)');
    assert.equal(budgetWarning(b), undefined);
  });

  it('warns in words before the minute runs out, and says when it is out', () => {
    const t = new RateLimitTracker(() => T0);
    t.noteHeaders('m', headers([20, 4, 30], [1000, 900, 3600]));
    assert.equal(t.budget('m').level, 'ok');
    t.noteHeaders('m', headers([20, 3, 30], [1000, 899, 3600]));
    assert.equal(t.budget('m').level, 'near');
    assert.equal(budgetWarning(t.budget('m')), '3 requests left this minute for m');
    t.noteHeaders('m', headers([20, 0, 30], [1000, 897, 3600]));
    assert.equal(t.budget('m').level, 'out');
    assert.equal(budgetWarning(t.budget('m')), 'no requests left this minute for m, more in 30 s');
  });

  it('a near day limit is named as the day (free tier: 20 a day)', () => {
    const t = new RateLimitTracker(() => T0);
    t.noteHeaders('m', headers([20, 19, 60], [20, 2, 50_000]));
    const b = t.budget('m');
    assert.equal(b.tight, 'day');
    assert.equal(budgetWarning(b), '2 requests left today for m');
  });

  it('a window whose reset time passed is full again', () => {
    let now = T0;
    const t = new RateLimitTracker(() => now);
    t.noteHeaders('m', headers([20, 0, 30], [1000, 900, 3600]));
    now += 31_000;
    const b = t.budget('m');
    assert.deepEqual(b.minute, { limit: 20, remaining: 20 });
    assert.equal(b.level, 'ok');
  });

  it('knows nothing until an answer carried headers, and says so', () => {
    const t = new RateLimitTracker(() => T0);
    const b = t.budget('m');
    assert.equal(b.level, 'unknown');
    assert.match(budgetLines(b)[0]!, /not known yet/);
  });

  it('tallies tokens per model for the local day, and starts again the next day', () => {
    let now = T0;
    const t = new RateLimitTracker(() => now);
    t.noteUsage('gpt-oss-120b', 24_000, 300);
    t.noteUsage('gpt-oss-120b', 24_500, 120);
    t.noteUsage('Meta-Llama-3.3-70B-Instruct', 100, 10);
    assert.equal(t.budget('gpt-oss-120b').tokensToday, 48_920);
    assert.equal(t.budget('gpt-oss-120b').requestsToday, 2);
    assert.match(budgetLines(t.budget('gpt-oss-120b')).at(-1)!, /^Tokens used today by this extension: 48,920 in 2 requests/);
    const saved = t.savedTally();
    // A reload the same day keeps the tally; the next day starts from zero.
    assert.equal(new RateLimitTracker(() => now, saved).budget('gpt-oss-120b').tokensToday, 48_920);
    now += 24 * 3_600_000;
    assert.equal(new RateLimitTracker(() => now, saved).budget('gpt-oss-120b').tokensToday, 0);
    assert.equal(t.budget('gpt-oss-120b').tokensToday, 0);
    assert.equal(t.savedTally().day, localDay(now));
  });

  it('keeps what an earlier answer said when a later one leaves a header out', () => {
    const t = new RateLimitTracker(() => T0);
    t.noteHeaders('m', headers([60, 50, 30], [12000, 11000, 7200]));
    t.noteHeaders('m', { 'x-ratelimit-remaining-requests': '49', 'x-ratelimit-reset-requests': '29' });
    const b = t.budget('m');
    assert.deepEqual(b.minute, { limit: 60, remaining: 49, resetsInMs: 29_000 });
    assert.equal(b.day?.remaining, 11000);
  });

  it('tells listeners about every change', () => {
    const t = new RateLimitTracker(() => T0);
    let calls = 0;
    const sub = t.onDidChange(() => calls++);
    t.noteHeaders('m', headers([20, 19, 60], [20, 19, 600]));
    t.noteUsage('m', 1, 1);
    sub.dispose();
    t.noteUsage('m', 1, 1);
    assert.equal(calls, 2);
  });

  it('reset times read as a person says them', () => {
    assert.equal(formatResetIn(42_000), 'in 42 s');
    assert.equal(formatResetIn(5 * 60_000), 'in 5 min');
    assert.equal(formatResetIn(3 * 3_600_000 + 10 * 60_000), 'in 3 h 10 min');
  });
});
