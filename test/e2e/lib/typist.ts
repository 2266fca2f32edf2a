// A person typing a file they have in mind into the real editor, key by key, with VS Code's
// default editing on (auto-closed brackets and quotes, auto-indent): they look at the screen
// after each key, type over a closer the editor put in, step past a closing line the editor
// already wrote instead of typing it again, fix the indentation the editor guessed wrong, pause
// after each Enter (and now and then mid-line), and press Tab when the ghost text shown then is
// right: what accepting would leave on screen is the start of what they meant to write.
// They never repair what accepting did; the file on disk shows it.
import type { Page } from 'playwright-core';
import { documentText, readEditorView, type EditorView } from './editorView';

export interface Rhythm {
  /** Milliseconds between keys: uniform in [min, max]. */
  keyMs: [number, number];
  /** The pause after Enter (when the new line is not blank). */
  lineEndPauseMs: [number, number];
  /** A pause after one of ` (.,:=` with this probability. */
  midLinePauseChance: number;
  midLinePauseMs: [number, number];
  /** From seeing a right suggestion to pressing Tab. */
  reactionMs: number;
}

export interface PauseRecord {
  kind: 'line-end' | 'mid-line';
  /** 1-based line of the intended text the cursor was on. */
  line: number;
  /** The intended line before the cursor's line ends with a function/class header. */
  afterHeader: boolean;
  /** Ghost text showed at some moment of the pause; right = a right one did. */
  shown: boolean;
  right: boolean;
  /** Ms from the pause's start to the first ghost text. */
  shownAfterMs?: number;
  /** What showed last (as accepting would leave it), when it was not right. */
  wrongGhost?: string;
  /** Characters Tab inserted (0 when not accepted). */
  accepted: number;
}

export interface TypingReport {
  file: string;
  keystrokes: number;
  tabs: number;
  charactersAccepted: number;
  pauses: PauseRecord[];
  /** Typed closers the editor inserted instead of typing over (the person deleted the copy). */
  overtypeMisses: number;
  /** Tab pressed as the ghost text vanished (indentation inserted, removed again). */
  tabMisses: number;
  /** Why typing stopped before the file was finished, with the screen at that moment. */
  stoppedBecause?: string;
  /** Each acceptance: where, and the text after the cursor before and after it. */
  acceptances: Array<{ line: number; accepted: string; restBefore: string; restAfter: string }>;
  startedAt: number;
  endedAt: number;
}

export interface TypistHooks {
  /**
   * Called at the moments worth a screenshot: a right suggestion about to be accepted ('ghost'),
   * the file right after its Tab ('accepted'), a pause that ends with nothing shown ('nothing').
   */
  onMoment?: (moment: 'ghost' | 'accepted' | 'nothing', pause: PauseRecord) => Promise<void>;
}

const CLOSERS = new Set([')', ']', '}', '"', "'", '`']);
const HEADER = /^\s*(export\s+)?(async\s+)?(function|def|class|interface)\b.*[{:]\s*$/;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

function between(random: () => number, [min, max]: [number, number]): number {
  return min + random() * (max - min);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** Shows a stretch of text with its line breaks visible, for failure messages. */
export function shown(text: string, max = 160): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}

export class Typist {
  private nextKeyAt = 0;

  constructor(
    private readonly page: Page,
    private readonly random: () => number,
    private readonly rhythm: Rhythm,
  ) {}

  /** Presses one key at the person's rhythm. */
  private async key(report: TypingReport, key: string): Promise<void> {
    await sleep(this.nextKeyAt - Date.now());
    if (key.length === 1) await this.page.keyboard.type(key);
    else await this.page.keyboard.press(key);
    if (process.env.TYPIST_DEBUG) {
      const v = await readEditorView(this.page);
      const t = documentText(v);
      console.log(`key ${JSON.stringify(key)} -> ...${JSON.stringify(t.slice(Math.max(0, v.offset - 30), v.offset))}|${JSON.stringify(t.slice(v.offset, v.offset + 10))} ghost ${JSON.stringify(v.ghost?.text ?? null)}`);
    }
    if (key !== 'Tab') report.keystrokes++;
    this.nextKeyAt = Date.now() + between(this.random, this.rhythm.keyMs);
  }

  /** Is what accepting the ghost text would leave on its lines the start of the intended text? */
  private static isRight(view: EditorView, intended: string): boolean {
    if (!view.ghost) return false;
    const text = documentText(view);
    let lineStart = 0;
    for (let i = 0; i < view.ghost.lineNumber - 1; i++) lineStart += view.lines[i]!.length + 1;
    if (text.slice(0, lineStart) !== intended.slice(0, lineStart)) return false;
    const docLine = view.lines[view.ghost.lineNumber - 1] ?? '';
    // Something must be added, and all of it must be what the person meant to write.
    return view.ghost.text.length > docLine.length && intended.startsWith(view.ghost.text, lineStart);
  }

  /**
   * Waits out one pause looking at the screen; presses Tab when a right suggestion shows.
   * Returns the view after the pause.
   */
  private async pause(report: TypingReport, kind: PauseRecord['kind'], intended: string, hooks: TypistHooks, durationMs: number): Promise<EditorView> {
    const started = Date.now();
    let view = await readEditorView(this.page);
    const line = view.cursorLine;
    const intendedLines = intended.split('\n');
    const record: PauseRecord = { kind, line, afterHeader: HEADER.test(intendedLines[line - 2] ?? ''), shown: false, right: false, accepted: 0 };
    report.pauses.push(record);
    for (;;) {
      if (view.ghost) {
        record.shown = true;
        record.shownAfterMs ??= Date.now() - started;
        if (Typist.isRight(view, intended)) {
          await sleep(this.rhythm.reactionMs);
          view = await readEditorView(this.page);
          if (Typist.isRight(view, intended)) {
            record.right = true;
            record.wrongGhost = undefined;
            await hooks.onMoment?.('ghost', record);
            const accepted = report.charactersAccepted;
            view = await this.accept(report, view, line);
            record.accepted = report.charactersAccepted - accepted;
            if (record.accepted > 0) await hooks.onMoment?.('accepted', record);
            return view;
          }
        }
        if (view.ghost) record.wrongGhost = view.ghost.text;
      }
      if (Date.now() - started >= durationMs) {
        if (!record.shown) await hooks.onMoment?.('nothing', record);
        return view;
      }
      await sleep(50);
      view = await readEditorView(this.page);
    }
  }

  private async accept(report: TypingReport, before: EditorView, line: number): Promise<EditorView> {
    const textBefore = documentText(before);
    await this.key(report, 'Tab');
    report.tabs++;
    let after = await readEditorView(this.page);
    const textAfter = documentText(after);
    const inserted = textAfter.slice(before.offset, after.offset);
    if (after.offset > before.offset && /^ +$/.test(inserted) && before.ghost && !before.ghost.text.slice(before.cursorColumn - 1).startsWith(inserted)) {
      // The ghost text went away as Tab was pressed, which indented instead: undo that by hand.
      report.tabMisses++;
      while (after.offset > before.offset) {
        await this.key(report, 'Backspace');
        after = await readEditorView(this.page);
      }
      return after;
    }
    report.charactersAccepted += Math.max(0, after.offset - before.offset);
    report.acceptances.push({
      line,
      accepted: inserted,
      restBefore: textBefore.slice(before.offset, before.offset + 80),
      restAfter: textAfter.slice(after.offset, after.offset + 80),
    });
    return after;
  }

  /**
   * Types `intended` into the focused, empty editor. Resolves when the document holds it whole
   * with the cursor at its end, or when typing cannot go on (report.stoppedBecause says why).
   */
  async type(file: string, intended: string, hooks: TypistHooks = {}): Promise<TypingReport> {
    const report: TypingReport = {
      file,
      keystrokes: 0,
      tabs: 0,
      charactersAccepted: 0,
      pauses: [],
      overtypeMisses: 0,
      tabMisses: 0,
      acceptances: [],
      startedAt: Date.now(),
      endedAt: 0,
    };
    this.nextKeyAt = Date.now() + 800;
    let view = await readEditorView(this.page);
    let pending: PauseRecord['kind'] | undefined;
    let unchanged = 0;
    let lastText = '';
    let lastOffset = -1;
    const stop = (why: string) => {
      const text = documentText(view);
      report.stoppedBecause = `${why} (line ${view.cursorLine}, column ${view.cursorColumn}; before the cursor ${shown(text.slice(Math.max(0, view.offset - 60), view.offset))}, after it ${shown(text.slice(view.offset, view.offset + 60))})`;
    };
    for (;;) {
      const text = documentText(view);
      const at = view.offset;
      if (text === intended && at === intended.length) break;
      // A key that changed nothing three times running: the editor is not taking keys.
      unchanged = text === lastText && at === lastOffset ? unchanged + 1 : 0;
      lastText = text;
      lastOffset = at;
      if (unchanged >= 3) {
        stop('the editor did not take the last keys');
        break;
      }
      if (text.slice(0, at) !== intended.slice(0, at)) {
        const lineStart = text.lastIndexOf('\n', at - 1) + 1;
        if (text.slice(0, lineStart) === intended.slice(0, lineStart) && /^ +$/.test(text.slice(lineStart, at))) {
          // Auto-indent went deeper than meant (or indented a line meant to be blank).
          await this.key(report, 'Backspace');
          view = await readEditorView(this.page);
          continue;
        }
        stop(`the text before the cursor is not what was meant from line ${lineOf(text, firstDifference(text, intended))} on`);
        break;
      }
      if (at >= intended.length) {
        stop('the intended text is all there, but more follows it');
        break;
      }
      if (pending) {
        const range = pending === 'line-end' ? this.rhythm.lineEndPauseMs : this.rhythm.midLinePauseMs;
        view = await this.pause(report, pending, intended, hooks, between(this.random, range));
        pending = undefined;
        continue;
      }
      const ch = intended[at]!;
      const rest = text.slice(at);
      if (ch === '\n') {
        const restOfLine = rest.split('\n')[0]!;
        if (restOfLine === '' && rest.startsWith('\n')) {
          // The editor already wrote the closing line ("}" or "});") below: go past it.
          const nextInDoc = rest.slice(1).split('\n')[0]!;
          const nextMeant = intended.slice(at + 1).split('\n')[0]!;
          if (nextInDoc.trim() !== '' && nextMeant.startsWith(nextInDoc)) {
            await this.key(report, 'ArrowDown');
            await this.key(report, 'End');
            view = await readEditorView(this.page);
            continue;
          }
        }
        await this.key(report, 'Enter');
        if (intended.slice(at + 1).split('\n')[0]!.trim() !== '') pending = 'line-end';
        view = await readEditorView(this.page);
        continue;
      }
      await this.key(report, ch);
      view = await readEditorView(this.page);
      const after = documentText(view);
      if (CLOSERS.has(ch) && rest.startsWith(ch) && view.offset === at + 1 && after.slice(at + 1) === rest && intended[at + 1] !== ch) {
        // The editor inserted the closer instead of typing over the one after the cursor.
        report.overtypeMisses++;
        await this.key(report, 'Delete');
        view = await readEditorView(this.page);
      }
      if (/[ (.,:=]/.test(ch) && this.random() < this.rhythm.midLinePauseChance) pending = 'mid-line';
    }
    report.endedAt = Date.now();
    return report;
  }
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
