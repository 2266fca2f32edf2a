import * as assert from 'node:assert/strict';
import { RequestBudget } from '../../../src/core/completion/budget';
import { parseReset } from '../../../src/core/client/rateLimits';
import { anchorOf, CompletionCache, type CachedAnswer } from '../../../src/core/completion/cache';
import { AdaptiveDebounce } from '../../../src/core/completion/debounce';
import { gate, isUserCode, schemeOf } from '../../../src/core/completion/gating';
import { priorityAt, unpromising } from '../../../src/core/completion/priority';
import { describeCompletionStatus } from '../../../src/core/completion/status';

describe('completion gating', () => {
  const on = { enabled: true, disabledLanguages: ['plaintext', 'markdown', 'scminput'] };
  const input = (text: string, offset = text.length, extra: Partial<{ uri: string; languageId: string; cursorCount: number }> = {}) => ({
    uri: 'file:///w/a.ts',
    languageId: 'typescript',
    cursorCount: 1,
    text,
    offset,
    ...extra,
  });

  it('asks at a line end, after an opener, on an empty line', () => {
    assert.equal(gate(input('const x = '), on, 0), undefined);
    assert.equal(gate(input('function f() {\n  '), on, 0), undefined);
    assert.equal(gate(input('foo(', 4), on, 0), undefined);
  });
  it('not when disabled or snoozed', () => {
    assert.equal(gate(input('x = '), { ...on, enabled: false }, 0), 'disabled');
    assert.equal(gate(input('x = '), { ...on, snoozedUntil: 1000 }, 500), 'snoozed');
    assert.equal(gate(input('x = '), { ...on, snoozedUntil: 1000 }, 1500), undefined);
  });
  it('not with several cursors', () => assert.equal(gate(input('x = ', 4, { cursorCount: 2 }), on, 0), 'multipleCursors'));
  it('not in output, SCM input, comments or the chat input', () => {
    for (const uri of ['output:extension-output-1', 'vscode-scm:git/scm0/input', 'comment:1', 'vscode-chat-input:/input-0']) {
      assert.equal(gate(input('x = ', 4, { uri }), on, 0), 'notAFile', uri);
    }
    assert.equal(gate(input('x = ', 4, { uri: 'untitled:Untitled-1' }), on, 0), undefined);
    assert.equal(schemeOf('C:\\work\\a.ts'), 'file');
  });
  it("only in the user's code: not VS Code's settings, keybindings or snippets, by scheme or by path", () => {
    for (const uri of [
      'vscode-userdata:/home/me/.config/Code/User/settings.json',
      'vscode-userdata:/User/keybindings.json',
      'vscode-userdata:/User/snippets/ts.json',
      'git:/w/a.ts?%7B%7D',
      'file:///home/me/.config/Code/User/settings.json',
      'file:///C%3A/Users/me/AppData/Roaming/Code/User/keybindings.json',
      'vscode-remote://ssh-remote%2Bbox/home/me/.vscode-server/data/Machine/settings.json',
      // code-server opens the user's settings as a file in its user data folder.
      'file:///tmp/run/user-data/User/settings.json',
      '/home/me/.local/share/code-server/User/keybindings.json',
    ]) {
      assert.equal(isUserCode(uri), false, uri);
      assert.equal(gate(input('x = ', 4, { uri }), on, 0), 'notAFile', uri);
    }
    for (const uri of ['file:///w/a.ts', 'file:///w/settings.json', 'file:///w/user/settings.json', 'untitled:Untitled-1', 'vscode-remote://ssh-remote%2Bbox/home/me/w/a.ts', 'vscode-vfs://github/me/repo/a.ts', 'src/a.ts']) {
      assert.equal(isUserCode(uri), true, uri);
    }
  });
  it('not in a disabled language', () => assert.equal(gate(input('some words ', 11, { languageId: 'plaintext' }), on, 0), 'disabledLanguage'));
  it('not mid-word with word characters to the right', () => {
    assert.equal(gate(input('const value = 1;', 8), on, 0), 'midWord'); // inside "value"
    assert.equal(gate(input('foo bar', 3), on, 0), 'midWord'); // end of "foo", "bar" follows
    assert.equal(gate(input('foo)', 3), on, 0), undefined); // only a closer follows
  });
});

describe('completion cache and forwarding', () => {
  const text = 'function f(a, b) {\n  return ';
  const at = text.length;
  const suffix = ';\n}\n';
  const doc = text + suffix;
  const entry = (completion: string, d = doc, offset = at): CachedAnswer => ({ uri: 'u', offset, ...anchorOf(d, offset), completion });

  it('same place: the whole answer (cache hit)', () => {
    const c = new CompletionCache();
    c.add(entry('a + b'));
    assert.deepEqual(c.lookup('u', doc, at), { text: 'a + b', kind: 'cache', moved: 0 });
  });
  it('typed along the answer: the rest, no request', () => {
    const c = new CompletionCache();
    c.add(entry('a + b'));
    const typed = `${text}a +${suffix}`;
    assert.deepEqual(c.lookup('u', typed, at + 3), { text: ' b', kind: 'forward', moved: 3 });
  });
  it('typed something else: miss', () => {
    const c = new CompletionCache();
    c.add(entry('a + b'));
    assert.equal(c.lookup('u', `${text}a -${suffix}`, at + 3), undefined);
  });
  it('typed the whole answer: nothing left, miss', () => {
    const c = new CompletionCache();
    c.add(entry('a + b'));
    assert.equal(c.lookup('u', `${text}a + b${suffix}`, at + 5), undefined);
  });
  it('past the shown part, along the whole answer after a line break: the rest of the answer', () => {
    const c = new CompletionCache();
    const open = 'function f(a, b) {\n  ';
    const below = '\n}';
    c.add({ uri: 'u', offset: open.length, ...anchorOf(open + below, open.length), completion: 'return a + b;', whole: 'return a + b;\n}\n\nfunction g() {}' });
    // Accepted, stepped down past the `}` VS Code had put below, two Enters.
    const now = `${open}return a + b;\n}\n\n`;
    assert.deepEqual(c.lookup('u', now, now.length), { text: 'function g() {}', kind: 'forward', moved: 'return a + b;\n}\n\n'.length, continued: true });
    // The shown part typed but no line break yet: nothing more to show there.
    assert.equal(c.lookup('u', `${open}return a + b;${below}`, open.length + 13), undefined);
    // Something else typed on the next line: miss.
    assert.equal(c.lookup('u', `${open}return a + b;\n}\n\nconst`, now.length + 5), undefined);
  });
  it('backspace back over typed characters and before the anchor on the same line', () => {
    const c = new CompletionCache();
    c.add(entry('a + b'));
    // Deleted "rn " of "return ": the answer applies again with them put back.
    const back = `function f(a, b) {\n  retu${suffix}`;
    assert.deepEqual(c.lookup('u', back, at - 3), { text: 'rn a + b', kind: 'forward', moved: -3 });
    // Deleting across the line break is a different place: miss.
    const far = `function f(a, b) {${suffix}`;
    assert.equal(c.lookup('u', far, 18), undefined);
  });
  it('accepting a word or a line is typing it; then the next line of a multi-line answer', () => {
    const c = new CompletionCache();
    const block = 'const s = a + b;\n  return s * 2';
    c.add(entry(block));
    const acceptedWord = `${text}const${suffix}`;
    assert.equal(c.lookup('u', acceptedWord, at + 5)?.text, ' s = a + b;\n  return s * 2');
    // Accept line, Enter (VS Code indents the new line like the answer does).
    const nextLine = `${text}const s = a + b;\n  ${suffix}`;
    assert.equal(c.lookup('u', nextLine, at + 'const s = a + b;\n  '.length)?.text, 'return s * 2');
  });
  it('an auto-closed bracket after the typed one still fits', () => {
    const c = new CompletionCache();
    c.add(entry('max(a, b)'));
    const typed = `${text}max()${suffix}`;
    assert.equal(c.lookup('u', typed, at + 4)?.text, 'a, b)');
  });
  it('another document or a changed line above: miss', () => {
    const c = new CompletionCache();
    c.add(entry('a + b'));
    assert.equal(c.lookup('other', doc, at), undefined);
    const edited = doc.replace('function f(a, b)', 'function g(a, b)');
    assert.equal(c.lookup('u', edited, at), undefined);
  });
  it('keeps the most recent answers only', () => {
    const c = new CompletionCache(2);
    c.add(entry('one', 'x = ', 4));
    c.add(entry('two', 'y = ', 4));
    c.add(entry('three', 'z = ', 4));
    assert.equal(c.size, 2);
    assert.equal(c.lookup('u', 'x = ', 4), undefined);
    assert.equal(c.lookup('u', 'z = ', 4)?.text, 'three');
  });
});

describe('completion request budget', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  const headers = (h: Record<string, string>) => (name: string) => h[name];

  it('before any header: a conservative share of 20 a minute, the rest kept for the chat, spread over the minute', () => {
    const b = new RequestBudget(clock);
    const times: number[] = [];
    // Ask every 100 ms for two minutes: a burst of 5, then one every 4 s (15 a minute).
    for (let t = 0; t < 120_000; t += 100) {
      now = 1_000_000 + t;
      if (b.check('m').ok) {
        b.noteSent('m');
        times.push(t);
      }
    }
    assert.equal(times.filter((t) => t < 1000).length, 5, 'the burst');
    for (let i = 0; i < times.length; i++) {
      assert.ok(times.filter((t) => t >= times[i]! && t < times[i]! + 60_000).length <= 15, `more than 15 in the minute from ${times[i]}`);
    }
    const gaps = times.slice(5).map((t, i) => t - times[i + 4]!);
    assert.ok(gaps.every((g) => g >= 3500), `paced: ${gaps.join(', ')}`);
    assert.ok(times.filter((t) => t < 60_000).length >= 15, `the minute's share was not spent: ${times.length}`);
    // Refused right after a request: says when the next may go, seconds away, not a minute.
    now = 1_000_000 + 200_000;
    for (let i = 0; i < 5; i++) b.noteSent('m');
    const verdict = b.check('m');
    assert.ok(!verdict.ok && verdict.reason === 'budget' && verdict.until - now > 0 && verdict.until - now <= 4000, JSON.stringify(verdict));
  });

  it('when requests are scarce, low-value places wait for a fuller bucket; a model of its own keeps no share for the chat', () => {
    const b = new RequestBudget(clock);
    assert.ok(b.isScarce('m'));
    for (let i = 0; i < 4; i++) b.noteSent('m');
    // One request left in the bucket: kept for a better place.
    assert.equal(b.check('m', { priority: 'low' }).ok, false);
    assert.equal(b.check('m', { priority: 'high' }).ok, true);
    assert.equal(b.allowance('m'), 15);
    assert.equal(b.allowance('m', false), 20);
    b.noteHeaders('m', headers({ 'x-ratelimit-limit-requests': '240', 'x-ratelimit-remaining-requests': '239', 'x-ratelimit-reset-requests': '60' }));
    assert.equal(b.isScarce('m'), false);
    assert.equal(b.check('m', { priority: 'low' }).ok, true, 'plenty: every place may ask');
    // Not shared with the chat: the server's last requests are completion's too.
    const own = new RequestBudget(clock);
    own.noteHeaders('c', headers({ 'x-ratelimit-limit-requests': '20', 'x-ratelimit-remaining-requests': '3', 'x-ratelimit-reset-requests': '30' }));
    assert.equal(own.check('c').ok, false);
    assert.equal(own.check('c', { sharedWithChat: false }).ok, true);
  });

  it('follows the server: limit and remaining from x-ratelimit-* keep headroom for the chat', () => {
    const b = new RequestBudget(clock);
    b.noteHeaders('m', headers({ 'x-ratelimit-limit-requests': '60', 'x-ratelimit-remaining-requests': '16', 'x-ratelimit-reset-requests': '30' }));
    assert.ok(b.check('m').ok);
    b.noteHeaders('m', headers({ 'x-ratelimit-limit-requests': '60', 'x-ratelimit-remaining-requests': '15', 'x-ratelimit-reset-requests': '30' }));
    const v = b.check('m');
    assert.ok(!v.ok && v.reason === 'budget' && v.until === now + 30_000, JSON.stringify(v)); // 15 left = 25% of 60: the chat's
    assert.ok(b.check('other-model').ok, 'budgets are per model');
  });

  it('the daily limit counts too', () => {
    const b = new RequestBudget(clock);
    b.noteHeaders('m', headers({ 'x-ratelimit-limit-requests-day': '20', 'x-ratelimit-remaining-requests-day': '5', 'x-ratelimit-reset-requests-day': '3600' }));
    const v = b.check('m');
    assert.ok(!v.ok && v.until === now + 3_600_000);
  });

  it('a 429 stops completion for Retry-After, then escalates without one', () => {
    const b = new RequestBudget(clock);
    assert.equal(b.noteRateLimited('m', 12_000), now + 12_000);
    const v = b.check('m');
    assert.ok(!v.ok && v.reason === 'rateLimited');
    assert.equal(b.blockedUntil('m'), now + 12_000);
    now += 12_001;
    assert.ok(b.check('m').ok);
    const first = b.noteRateLimited('m', undefined) - now;
    now += first + 1;
    const second = b.noteRateLimited('m', undefined) - now;
    assert.ok(second > first, `${second} <= ${first}`);
    b.noteSuccess('m');
  });

  it('reads reset values in every shape servers use', () => {
    const wall = 1_700_000_000_000;
    assert.equal(parseReset('12', 0, wall), 12_000);
    assert.equal(parseReset('0.5', 0, wall), 500);
    assert.equal(parseReset('1m30s', 0, wall), 90_000);
    assert.equal(parseReset('250ms', 0, wall), 250);
    assert.equal(parseReset(String(wall / 1000 + 20), 0, wall), 20_000);
    assert.equal(parseReset(String(wall + 5000), 0, wall), 5000);
    assert.equal(parseReset(new Date(wall + 7000).toUTCString(), 0, wall), 7000);
    assert.equal(parseReset('soon', 0, wall), undefined);
    assert.equal(parseReset(undefined, 0, wall), undefined);
  });
});

describe('where a suggestion is likely taken', () => {
  it('after Enter in a block and after =, return, ( : high; comment lines and blank lines after a block: low', () => {
    assert.equal(priorityAt('function f(a) {\n  '), 'high');
    assert.equal(priorityAt('def f(a):\n    x = 1\n    '), 'high');
    assert.equal(priorityAt('  const total = '), 'high');
    assert.equal(priorityAt('    return '), 'high');
    assert.equal(priorityAt('  print('), 'high');
    assert.equal(priorityAt('  // compute the '), 'low');
    assert.equal(priorityAt('    # the rest '), 'low');
    assert.equal(priorityAt('function f() {\n  return 1;\n}\n'), 'low');
    assert.equal(priorityAt('def f():\n    return 1\n'), 'low');
    assert.equal(priorityAt('  const total'), 'normal');
    assert.equal(priorityAt(''), 'normal');
  });
});

describe('places where an automatic request buys nothing', () => {
  it("in a comment before its first word or inside a word; on the line under a block that just ended at the end of the file", () => {
    assert.equal(unpromising('// Num', ''), 'prose');
    assert.equal(unpromising('x = 1\n    # the tot', '\n'), 'prose');
    assert.equal(unpromising('"""Stock bookkeeping: a list ', ''), undefined, 'after a space a comment may be continued');
    assert.equal(unpromising('  const total', ''), undefined, 'mid-word in code is asked');
    assert.equal(unpromising('#include <vec', ''), undefined, 'a C directive is code');
    assert.equal(unpromising('function f() {\n  return 1;\n}\n', ''), 'blockEnd');
    assert.equal(unpromising('function f() {\n  return 1;\n}\n', '\n\n'), 'blockEnd');
    assert.equal(unpromising('function f() {\n  return 1;\n}\n', 'function g() {}\n'), undefined, 'code follows: fill the gap');
    assert.equal(unpromising('function f() {\n  return 1;\n}\n\n', ''), undefined, 'after the blank line a new block may start');
    assert.equal(unpromising('class A {\n  f() {\n  }\n', ''), undefined, 'an inner closer: the block goes on');
    assert.equal(unpromising('// ', ''), 'prose', 'a comment before its first word');
    assert.equal(unpromising('x = 1\n# ', ''), 'prose');
    assert.equal(unpromising('def f():\n    return 1\n', ''), 'blockEnd', 'dedented out of the last block');
    assert.equal(unpromising('import os\n', ''), undefined, 'after a top-level statement the next may follow');
    assert.equal(unpromising('def f():\n    return 1\n', '\ndef g():\n    pass\n'), undefined);
    assert.equal(unpromising('', ''), undefined);
  });
});

describe('adaptive debounce', () => {
  it('waits just past the user\'s slow keystrokes, within bounds, and only a clear pause before it knows them', () => {
    const d = new AdaptiveDebounce();
    assert.equal(d.delayMs(), 500, 'a fresh window: only a clear pause');
    // 60-170 ms a key (the typist): the pause threshold lies above nearly every gap.
    const gaps = [60, 170, 95, 140, 110, 165, 75, 130, 150, 85, 120, 160];
    let t = 0;
    for (const g of gaps) d.note((t += g));
    const wait = d.delayMs();
    assert.ok(wait > 165 && wait <= 210, String(wait));
    assert.equal(gaps.filter((g) => g > wait).length, 0, 'a gap inside the burst would count as a pause');
    const fast = new AdaptiveDebounce();
    for (let i = 0; i < 10; i++) fast.note(i * 10);
    assert.equal(fast.delayMs(), 120);
    const slow = new AdaptiveDebounce();
    for (let i = 0; i < 10; i++) slow.note(i * 900);
    assert.equal(slow.delayMs(), 600);
    // Short thinking pauses between keys (one in six here) do not stretch the threshold.
    const thinker = new AdaptiveDebounce();
    let at = 0;
    for (let i = 0; i < 24; i++) thinker.note((at += i % 6 === 5 ? 450 : 100));
    assert.equal(thinker.delayMs(), 120);
    // Pauses (a second or more) are not rhythm.
    const paused = new AdaptiveDebounce();
    for (let i = 0; i < 10; i++) paused.note(i * 1500);
    assert.equal(paused.delayMs(), 500);
    assert.equal(d.delayMs(2), 2 * wait, 'stretched');
    assert.equal(d.delayMs(5), 600, 'still capped');
  });
});

describe('completion status in words', () => {
  const idle = { kind: 'idle' as const };
  it('on / off / snoozed / rate limited / paused for the chat / error', () => {
    assert.equal(describeCompletionStatus({ enabled: true, state: idle, now: 0 }).label, 'inline completion on');
    const off = describeCompletionStatus({ enabled: false, state: idle, now: 0 });
    assert.equal(off.label, 'inline completion off');
    assert.equal(off.text, undefined);
    const byWorkspace = describeCompletionStatus({ enabled: false, enabledOrigin: 'workspace', state: idle, now: 0 });
    assert.equal(byWorkspace.label, "inline completion off in this workspace's settings");
    assert.match(byWorkspace.tooltip, /off in this workspace's settings.*remove that setting there/);
    const snoozed = describeCompletionStatus({ enabled: true, snoozedUntil: 15 * 60_000, state: idle, now: 0 });
    assert.equal(snoozed.text, 'completion snoozed 15 min');
    const limited = describeCompletionStatus({ enabled: true, state: { kind: 'rateLimited', until: 12_000, model: 'm', selfImposed: false }, now: 0 });
    assert.equal(limited.text, 'completion rate limited, retry in 12 s');
    assert.match(limited.label, /rate limited, retry in 12 seconds/);
    const paused = describeCompletionStatus({ enabled: true, state: { kind: 'rateLimited', until: 5_000, model: 'm', selfImposed: true }, now: 0 });
    assert.match(paused.tooltip, /chat keeps its share/);
    const expired = describeCompletionStatus({ enabled: true, state: { kind: 'rateLimited', until: 5_000, model: 'm', selfImposed: false }, now: 6_000 });
    assert.equal(expired.label, 'inline completion on');
    const failed = describeCompletionStatus({ enabled: true, state: { kind: 'error', message: 'x' }, now: 0 });
    assert.equal(failed.text, 'completion error');
    // Only a failure is marked as one (the status bar drops it while no key is set at all).
    assert.equal(failed.failed, true);
    assert.equal(limited.failed, undefined);
    assert.equal(snoozed.failed, undefined);
    assert.match(describeCompletionStatus({ enabled: true, state: idle, model: { model: 'Meta-Llama-3.1-8B-Instruct', auto: true }, now: 0 }).tooltip, /Meta-Llama-3\.1-8B-Instruct \(picked automatically/);
  });
});
