// Inline completion under a person's typing, in the real VS Code with its default editing
// (auto-closed brackets and quotes, auto-indent): a TypeScript and a Python file are typed from
// empty, key by key at 60-200 ms a key with a pause after each Enter and now and then mid-line,
// against the stand-in SambaNova that knows both finished files (its answers are their true
// continuation). The person presses Tab when the ghost text shown is right and types past it
// otherwise (test/e2e/lib/typist.ts). Then: each file on disk must be exactly the intended text,
// no notification may have shown, and the coverage goals of issue 13 §2 must hold. Run at the
// free tier's 20 requests a minute and at 240 (the developer tier), each in a fresh VS Code.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { mulberry32 } from '../../fake-sambanova/content';
import { openFile, runCommand, setUserSettings, statusBarText, typeIntoQuickInput, waitForQuickInput, waitForStatusBar, type E2EContext, type E2ESpec } from '../harness';
import { addSummaryNote } from '../lib/summaryNotes';
import { Typist, shown, type PauseRecord, type Rhythm, type TypingReport } from '../lib/typist';

/**
 * Issue 13 §2's goals, checked after both files are typed: a right suggestion at 70% of line-end
 * pauses at 20/min and 95% at 240/min (with 10-14 line-end pauses a file pair, 95% means every
 * one), at most 0.10 requests per keystroke, and no 429. The exact files on disk and "no
 * notification" are checked unconditionally.
 * Before the fixes of 2026-12-07 (a suggestion ending in a line break at the end of the file was
 * never shown; one request per pause at 20/min) this measured 69% and 82%.
 */
export const GOALS = {
  /** Share of line-end pauses at which a right suggestion showed, per requests-a-minute limit. */
  rightAtLineEndPauses: { 20: 0.7, 240: 0.95 } as Record<number, number>,
  /** 429s the stand-in answered, at most. */
  max429s: 0,
  /**
   * Requests per keystroke, at most (issue 13 §2). Tab writes ~90% of these files, so the keys
   * are few (110-150) and each request weighs ~0.008: before the cut of unpromising places
   * (priority.ts) 240/min measured 0.068-0.107 (five runs), after it 0.068-0.080 at 240/min and
   * 0.063-0.068 at 20/min (three runs each).
   */
  maxRequestsPerKeystroke: 0.1,
};

/** The person's rhythm (issue 13: 60-200 ms a key, a short pause after each Enter). */
const RHYTHM: Rhythm = {
  keyMs: [60, 200],
  lineEndPauseMs: [700, 1200],
  midLinePauseChance: 0.08,
  midLinePauseMs: [400, 900],
  reactionMs: 150,
};
/** The same keys and pauses every run. */
const SEED = 13;
const MODEL = 'Meta-Llama-3.3-70B-Instruct';
/**
 * The stand-in's minute is a real 60 s: the engine budgets per 60 s, so a shortened window would
 * measure something else. Both files take well over a minute to type, so 20/min binds.
 */
const WINDOW_MS = 60_000;
/**
 * How many lines of the true continuation the stand-in answers at most. Without a limit it
 * answers up to the request's max_tokens, which for these short files is the whole rest of the
 * file: one Tab would write it and leave almost no pauses to measure. Six lines (about 96
 * tokens) often run past the end of a block into the next one, as real answers do, which is
 * where a closer the editor already wrote gets doubled.
 */
const ANSWER_LINES = 6;
/** Extra stand-in fields for the answers (e.g. artefacts), none by default. */
const SCENARIO_EXTRA: Record<string, string | number> = {};

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'typing');
const FILES = [
  { name: 'ranges.ts', text: readFileSync(path.join(FIXTURES, 'ranges.ts.txt'), 'utf8') },
  { name: 'inventory.py', text: readFileSync(path.join(FIXTURES, 'inventory.py.txt'), 'utf8') },
];

interface LoggedRequest {
  path: string;
  model?: string;
  status?: number;
  outcome?: string;
  receivedAt?: number;
}

async function completionRequests(ctx: E2EContext, from: number, to: number): Promise<LoggedRequest[]> {
  const res = await fetch(`${ctx.fake.url}/_control/requests`);
  const all = (await res.json()) as LoggedRequest[];
  return all.filter((r) => r.model === MODEL && /\/(chat\/)?completions$/.test(r.path) && (r.receivedAt ?? 0) >= from && (r.receivedAt ?? 0) <= to);
}

const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(0)}%` : 'n/a');

/** Where the saved file first differs from the intended one, with a few lines around it. */
function describeDifference(saved: string, intended: string): string {
  const a = saved.split('\n');
  const b = intended.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (lines: string[]) => lines.slice(Math.max(0, i - 1), i + 3).map((l, k) => `${Math.max(0, i - 1) + k + 1}: ${JSON.stringify(l)}`).join('\n      ');
  return `first difference at line ${i + 1} (file has ${a.length} lines, intended ${b.length})\n    on disk:\n      ${around(a)}\n    intended:\n      ${around(b)}`;
}

function typingSpec(rpm: number): E2ESpec {
  const name = `completion-typing-${rpm}rpm`;
  return {
    name,
    async run(ctx) {
      const { page, cs, fake, steps, apiKey } = ctx;
      // Both files must fit on screen whole: the typist reads the document from the DOM.
      await page.setViewportSize({ width: 1400, height: 1500 });
      for (const file of FILES) writeFileSync(path.join(cs.workspace, file.name), '');

      const ready = await steps.step(`${name}: the stand-in knows the files, allows ${rpm} requests a minute; a key is set`, async () => {
        const res = await fetch(`${fake.url}/_control/sources`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ sources: FILES.map((f) => ({ path: f.name, text: f.text })) }),
        });
        if (!res.ok) throw new Error(`registering sources: ${res.status}`);
        // A fresh minute for this model (an earlier spec may have spent some of it).
        await fetch(`${fake.url}/_control/limits`, { method: 'DELETE' });
        await setUserSettings(page, cs, {
          'sambanova.baseUrl': fake.scenarioUrl('completion', { rpm, windowMs: WINDOW_MS, lines: ANSWER_LINES, ...SCENARIO_EXTRA }),
          'sambanova.completion.model': MODEL,
          'editor.parameterHints.enabled': false,
        });
        await runCommand(page, 'SambaNova: Set API Key');
        await waitForQuickInput(page);
        await typeIntoQuickInput(page, apiKey, { enter: true });
        await waitForStatusBar(page, /^\$\(zap\) SambaNova/, { timeoutMs: 20_000 });
        // The key's own notice is not the subject; every later notification is.
        await runCommand(page, 'Notifications: Clear All Notifications');
        if (process.env.E2E_COMPLETION_TRACE === '1') {
          // Every provide() call and answer in the SambaNova log (logs/*SambaNova.log), to explain a pause.
          await runCommand(page, 'Developer: Set Log Level...');
          await waitForQuickInput(page);
          await typeIntoQuickInput(page, 'SambaNova', { enter: true });
          await waitForQuickInput(page);
          await typeIntoQuickInput(page, 'Trace', { enter: true });
        }
      });
      if (!ready) return;

      const random = mulberry32(SEED);
      const reports: TypingReport[] = [];
      const phaseStart = Date.now();
      for (const file of FILES) {
        let report: TypingReport | undefined;
        // Per file, at the first line-end pause after a function header + Enter and at the first
        // other one: the right ghost text and the file after its Tab, or the screen with nothing.
        const shots = new Map<string, PauseRecord>();
        const screenshot = async (moment: 'ghost' | 'accepted' | 'nothing', pause: PauseRecord) => {
          if (pause.kind !== 'line-end') return;
          const where = pause.afterHeader ? 'after-header' : 'at-line-end';
          const first = moment === 'accepted' ? shots.get(`${where}-ghost`) === pause && !shots.has(`${where}-accepted`) : !shots.has(`${where}-${moment}`);
          if (!first) return;
          shots.set(`${where}-${moment}`, pause);
          const what = moment === 'ghost' ? 'ghost-text' : moment === 'accepted' ? 'after-tab' : 'nothing-shown';
          await steps.screenshot(`${name}-${file.name}-${what}-${where}-line-${pause.line}`);
        };
        await steps.step(`${name}: types ${file.name} (${file.text.split('\n').length - 1} lines) key by key, Tab on right ghost text`, async () => {
          await openFile(page, file.name);
          await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
          const typist = new Typist(page, random, RHYTHM);
          report = await typist.type(file.name, file.text, { onMoment: screenshot });
          reports.push(report);
          const right = report.pauses.filter((p) => p.kind === 'line-end' && p.right).length;
          const lineEnd = report.pauses.filter((p) => p.kind === 'line-end').length;
          steps.log(`  ${file.name}: ${report.keystrokes} keys, ${report.tabs} Tab, ${report.charactersAccepted} characters accepted, right ghost text at ${right}/${lineEnd} line-end pauses, ${((report.endedAt - report.startedAt) / 1000).toFixed(0)} s`);
          if (report.overtypeMisses || report.tabMisses) steps.log(`  closers typed but inserted (copy deleted): ${report.overtypeMisses}; Tab after the ghost text vanished: ${report.tabMisses}`);
          if (report.stoppedBecause) steps.log(`  typing stopped: ${report.stoppedBecause}`);
          if (report.stoppedBecause?.startsWith('the editor did not take')) throw new Error(report.stoppedBecause);
        });

        await steps.step(`${name}: ${file.name} on disk is exactly the intended text`, async () => {
          await page.keyboard.press('Control+S');
          // Saved once the tab no longer shows unsaved changes.
          await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
          const saved = readFileSync(path.join(cs.workspace, file.name), 'utf8');
          if (saved === file.text) return;
          const lines = [describeDifference(saved, file.text)];
          if (report?.stoppedBecause) lines.push(`typing stopped: ${report.stoppedBecause}`);
          for (const a of report?.acceptances ?? []) {
            lines.push(`Tab at line ${a.line} inserted ${shown(a.accepted)}; after the cursor before ${shown(a.restBefore, 40)}, after ${shown(a.restAfter, 40)}`);
          }
          throw new Error(lines.join('\n  '));
        });
      }
      const phaseEnd = Date.now();

      await steps.step(`${name}: no notification showed (none about the rate limit)`, async () => {
        const toasts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
        await runCommand(page, 'Notifications: Show Notifications');
        await page.waitForTimeout(500);
        const items = await page.locator('.notifications-center .notification-list-item').allInnerTexts();
        await steps.screenshot(`${name}-notification-centre`);
        await runCommand(page, 'Notifications: Hide Notifications').catch(() => undefined);
        const all = [...new Set([...toasts, ...items].map((t) => t.replace(/\s+/g, ' ').trim()))];
        const about429 = all.filter((t) => /rate.?limit|429|too many|retry in/i.test(t));
        if (about429.length) throw new Error(`a 429 showed as a notification: ${about429.join(' | ')}`);
        if (all.length) throw new Error(`${all.length} notification(s): ${all.join(' | ')}`);
      });

      await steps.step(`${name}: coverage goals (right ghost text at line-end pauses, requests per keystroke, no 429)`, async () => {
        const requests = await completionRequests(ctx, phaseStart, phaseEnd + 5000);
        const refused = requests.filter((r) => r.status === 429).length;
        const aborted = requests.filter((r) => r.outcome === 'aborted').length;
        const all = reports.flatMap((r) => r.pauses);
        const lineEnd = all.filter((p) => p.kind === 'line-end');
        const midLine = all.filter((p) => p.kind === 'mid-line');
        const count = (ps: PauseRecord[], f: (p: PauseRecord) => boolean) => ps.filter(f).length;
        const keys = reports.reduce((n, r) => n + r.keystrokes, 0);
        const accepted = reports.reduce((n, r) => n + r.charactersAccepted, 0);
        const total = FILES.reduce((n, f) => n + f.text.length, 0);
        const seconds = (phaseEnd - phaseStart) / 1000;
        const afterHeader = lineEnd.filter((p) => p.afterHeader);
        const rightShare = lineEnd.length ? count(lineEnd, (p) => p.right) / lineEnd.length : 0;
        const perKey = keys ? requests.length / keys : 0;
        const figures = {
          rpm,
          windowSeconds: WINDOW_MS / 1000,
          seconds: Math.round(seconds),
          lineEndPauses: lineEnd.length,
          lineEndShown: count(lineEnd, (p) => p.shown),
          lineEndRight: count(lineEnd, (p) => p.right),
          afterHeaderPauses: afterHeader.length,
          afterHeaderRight: count(afterHeader, (p) => p.right),
          midLinePauses: midLine.length,
          midLineShown: count(midLine, (p) => p.shown),
          midLineRight: count(midLine, (p) => p.right),
          shownRight: count(all, (p) => p.right),
          shown: count(all, (p) => p.shown),
          keystrokes: keys,
          tabs: reports.reduce((n, r) => n + r.tabs, 0),
          charactersAccepted: accepted,
          charactersInFiles: total,
          requests: requests.length,
          requestsPerKeystroke: Number(perKey.toFixed(3)),
          cancelledRequests: aborted,
          refused429: refused,
          filesExact: FILES.map((f) => readFileSync(path.join(cs.workspace, f.name), 'utf8') === f.text),
          statusBar: await statusBarText(page),
          pauses: reports.map((r) => ({ file: r.file, pauses: r.pauses })),
        };
        writeFileSync(path.join(ctx.dir, 'coverage.json'), JSON.stringify(figures, null, 2));
        const summary =
          `${name}: line-end pauses with a right suggestion ${figures.lineEndRight}/${lineEnd.length} (${percent(figures.lineEndRight, lineEnd.length)}; shown ${percent(figures.lineEndShown, lineEnd.length)}), ` +
          `suggestions right ${figures.shownRight}/${figures.shown} (${percent(figures.shownRight, figures.shown)}), ` +
          `${figures.requests} requests / ${keys} keys = ${perKey.toFixed(3)} per key (${(figures.requests / total).toFixed(3)} per character of the files; ${aborted} cancelled mid-answer), ${refused} 429s, ` +
          `${accepted} of ${total} characters accepted with ${figures.tabs} Tab, files exact: ${figures.filesExact.map((ok, i) => `${FILES[i]!.name} ${ok ? 'yes' : 'NO'}`).join(', ')}, ` +
          `${figures.seconds} s typing (stand-in minute: real ${WINDOW_MS / 1000} s)`;
        steps.log(`  ${summary}`);
        steps.log(`  after a function header + Enter: right ${figures.afterHeaderRight}/${afterHeader.length}; mid-line pauses: shown ${figures.midLineShown}/${midLine.length}, right ${figures.midLineRight}`);
        for (const p of lineEnd.filter((x) => !x.right)) {
          steps.log(`    ${p.line}: ${p.shown ? `wrong ${shown(p.wrongGhost ?? '', 100)}` : 'nothing shown'}`);
        }
        addSummaryNote(summary);
        const goal = GOALS.rightAtLineEndPauses[rpm] ?? 0;
        const misses: string[] = [];
        if (rightShare < goal) misses.push(`right suggestion at ${percent(figures.lineEndRight, lineEnd.length)} of line-end pauses, goal ${percent(goal, 1)}`);
        if (perKey > GOALS.maxRequestsPerKeystroke) misses.push(`${perKey.toFixed(3)} requests per keystroke, goal at most ${GOALS.maxRequestsPerKeystroke}`);
        if (refused > GOALS.max429s) misses.push(`${refused} 429s, goal at most ${GOALS.max429s}`);
        if (misses.length) throw new Error(misses.join('; '));
      });
    },
  };
}

export const completionTyping20 = typingSpec(20);
export const completionTyping240 = typingSpec(240);
