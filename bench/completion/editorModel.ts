// A small model of what VS Code 1.139 does to the text when a person types, presses Enter or
// accepts an inline suggestion, with its default settings (autoClosingBrackets/Quotes
// "languageDefined", autoClosingOvertype "auto", autoIndent "full", trimAutoWhitespace on).
// The bench replays keystrokes through it so that the provider sees what it would see in the
// editor: `(` arrives with its `)` already after the cursor, `{` + Enter puts `}` on a line of
// its own below, and an accepted multi-line suggestion pushes the rest of the line down.
//
// The rules are read from VS Code's own language configurations (vscodeLanguages/, copied from
// code-server's built-in extensions); the logic follows VS Code's cursor type/enter operations
// (autoCloseBefore, the quote-after-a-word rule, notIn string/comment, unmatched closers,
// onEnterRules, then the bracket rules, then indentationRules). What is left out: tokenization
// is a small scanner (strings and comments), not TextMate grammars; surround-with-selection,
// multiple cursors and snippets do not occur in the bench.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Context = 'string' | 'comment' | 'other';

interface AutoClosingPair {
  open: string;
  close: string;
  notIn: Context[];
}

interface EnterAction {
  indent: 'none' | 'indent' | 'indentOutdent' | 'outdent';
  appendText?: string;
  removeText?: number;
}

interface EnterRule {
  beforeText: RegExp;
  afterText?: RegExp;
  previousLineText?: RegExp;
  action: EnterAction;
}

export interface LanguageRules {
  languageId: string;
  autoClosingPairs: AutoClosingPair[];
  brackets: Array<[string, string]>;
  autoCloseBeforeQuotes: string;
  autoCloseBeforeBrackets: string;
  onEnterRules: EnterRule[];
  increaseIndent?: RegExp;
  decreaseIndent?: RegExp;
  indentNextLine?: RegExp;
}

// VS Code's defaults when a configuration has no autoCloseBefore (from the same build's workbench.js).
const DEFAULT_AUTOCLOSE_BEFORE_QUOTES = ';:.,=}])> \n\t';
const DEFAULT_AUTOCLOSE_BEFORE_BRACKETS = '\'"`;:.,=}])> \n\t';
// editor.wordSeparators' default: a quote typed right after any other non-space character is not closed.
const WORD_SEPARATORS = '`~!@#$%^&*()-=+[{]}\\|;:\'",.<>/?';

type Pattern = string | { pattern: string; flags?: string };
const regex = (p: Pattern): RegExp => (typeof p === 'string' ? new RegExp(p) : new RegExp(p.pattern, p.flags));

interface RawConfig {
  brackets?: Array<[string, string]>;
  autoClosingPairs?: Array<{ open: string; close: string; notIn?: string[] } | [string, string]>;
  autoCloseBefore?: string;
  indentationRules?: { increaseIndentPattern: Pattern; decreaseIndentPattern: Pattern; indentNextLinePattern?: Pattern };
  onEnterRules?: Array<{ beforeText: Pattern; afterText?: Pattern; previousLineText?: Pattern; action: EnterAction }>;
}

const cache = new Map<string, LanguageRules>();

/** The rules of a language the bench types (TypeScript and Python; JavaScript uses TypeScript's). */
export function languageRules(languageId: string): LanguageRules {
  const file = languageId === 'python' ? 'python' : 'typescript';
  const known = cache.get(file);
  if (known) return known;
  const raw = JSON.parse(readFileSync(join(__dirname, 'vscodeLanguages', `${file}.json`), 'utf8')) as RawConfig;
  const rules: LanguageRules = {
    languageId: file,
    autoClosingPairs: (raw.autoClosingPairs ?? []).map((p) =>
      Array.isArray(p) ? { open: p[0], close: p[1], notIn: [] } : { open: p.open, close: p.close, notIn: (p.notIn ?? []) as Context[] },
    ),
    brackets: raw.brackets ?? [],
    autoCloseBeforeQuotes: raw.autoCloseBefore ?? DEFAULT_AUTOCLOSE_BEFORE_QUOTES,
    autoCloseBeforeBrackets: raw.autoCloseBefore ?? DEFAULT_AUTOCLOSE_BEFORE_BRACKETS,
    onEnterRules: (raw.onEnterRules ?? []).map((r) => ({
      beforeText: regex(r.beforeText),
      afterText: r.afterText === undefined ? undefined : regex(r.afterText),
      previousLineText: r.previousLineText === undefined ? undefined : regex(r.previousLineText),
      action: r.action,
    })),
    increaseIndent: raw.indentationRules ? regex(raw.indentationRules.increaseIndentPattern) : undefined,
    decreaseIndent: raw.indentationRules ? regex(raw.indentationRules.decreaseIndentPattern) : undefined,
    indentNextLine: raw.indentationRules?.indentNextLinePattern ? regex(raw.indentationRules.indentNextLinePattern) : undefined,
  };
  cache.set(file, rules);
  return rules;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isQuote = (ch: string) => ch === '"' || ch === "'" || ch === '`';

/** Per character of `text`: inside a string, a comment, or code (a scanner, not a grammar). */
export function contexts(text: string, languageId: string): Context[] {
  const out: Context[] = new Array<Context>(text.length);
  const python = languageId === 'python';
  let i = 0;
  const mark = (from: number, to: number, c: Context) => {
    for (let k = from; k < to && k < text.length; k++) out[k] = c;
  };
  // Template literals: the depth of `${` inside each open template.
  const templates: number[] = [];
  while (i < text.length) {
    const c = text[i]!;
    if (templates.length > 0 && templates[templates.length - 1] === 0) {
      // Inside a template literal's text.
      const start = i;
      while (i < text.length && text[i] !== '`' && !(text[i] === '$' && text[i + 1] === '{')) i += text[i] === '\\' ? 2 : 1;
      if (text[i] === '`') {
        mark(start, i + 1, 'string');
        i++;
        templates.pop();
      } else {
        mark(start, i, 'string');
        mark(i, i + 2, 'other');
        i += 2;
        templates[templates.length - 1] = 1;
      }
      continue;
    }
    if (python ? c === '#' : c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      mark(i, stop, 'comment');
      i = stop;
      continue;
    }
    if (!python && c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      mark(i, stop, 'comment');
      i = stop;
      continue;
    }
    if (c === '`' && !python) {
      out[i] = 'string';
      templates.push(0);
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = python && text.startsWith(c.repeat(3), i);
      const delim = triple ? c.repeat(3) : c;
      let k = i + delim.length;
      while (k < text.length && !text.startsWith(delim, k) && (triple || text[k] !== '\n')) k += text[k] === '\\' ? 2 : 1;
      const stop = Math.min(text.length, text.startsWith(delim, k) ? k + delim.length : k);
      mark(i, stop, 'string');
      i = stop;
      continue;
    }
    if (templates.length > 0) {
      if (c === '{') templates[templates.length - 1]!++;
      else if (c === '}') templates[templates.length - 1]!--;
    }
    out[i] = 'other';
    i++;
  }
  return out;
}

interface AutoClosed {
  /** Offset of the inserted closer (its first character). */
  close: number;
  /** Offset of the opener's first character. */
  open: number;
  length: number;
  /** An accepted suggestion was inserted inside the pair since (VS Code still types over the closer). */
  displaced?: boolean;
}

export interface EditorOptions {
  /** One level of indentation as inserted ('    ', '  ' or '\t'). */
  indentUnit: string;
}

/** One document in one editor: text, a cursor, and what VS Code remembers between keystrokes. */
export class EditorModel {
  private autoClosed: AutoClosed[] = [];
  /** The line start of the indentation the last Enter inserted, while that line holds nothing else. */
  private autoWhitespaceLine: number | undefined;
  /** Offsets other code follows through edits (the bench: where the file's own suffix starts). */
  readonly markers: number[] = [];
  readonly rules: LanguageRules;

  constructor(
    public text: string,
    public cursor: number,
    languageId: string,
    private readonly options: EditorOptions,
  ) {
    this.rules = languageRules(languageId);
  }

  get lineStart(): number {
    return this.text.lastIndexOf('\n', this.cursor - 1) + 1;
  }

  get lineEnd(): number {
    const nl = this.text.indexOf('\n', this.cursor);
    return nl < 0 ? this.text.length : nl;
  }

  /** Whether VS Code would overtype the character after the cursor (a closer it inserted itself). */
  autoClosedAtCursor(): boolean {
    return this.autoClosed.some((a) => a.close === this.cursor);
  }

  /** A closer the editor inserted at `offset` that no accepted suggestion has moved: plainly the editor's own guess. */
  freshAutoClosedAt(offset = this.cursor): boolean {
    return this.autoClosed.some((a) => a.close === offset && !a.displaced);
  }

  /** Types one character (not a line break). */
  type(ch: string): void {
    this.leaveAutoWhitespace();
    // 1. Typing over a closer VS Code inserted (autoClosingOvertype "auto").
    const over = this.autoClosed.find((a) => a.close === this.cursor && this.text.startsWith(ch, a.close));
    if (over && this.isCloser(ch)) {
      this.autoClosed = this.autoClosed.filter((a) => a !== over);
      this.replace(this.cursor, this.cursor + 1, ch);
      this.cursor += 1;
      this.dropStaleAutoClosed();
      return;
    }
    // 2. An opener that closes itself.
    const pair = this.autoClosingPairFor(ch);
    if (pair) {
      const at = this.cursor;
      this.replace(at, at, ch + pair.close);
      this.cursor = at + 1;
      this.autoClosed.push({ open: at + 1 - pair.open.length, close: at + 1, length: pair.close.length });
      this.dropStaleAutoClosed();
      return;
    }
    // 3. Plain text; a closer typed on an empty line moves to its opener's indentation.
    const start = this.lineStart;
    const before = this.text.slice(start, this.cursor);
    this.replace(this.cursor, this.cursor, ch);
    this.cursor += 1;
    if (before.trim() === '' && this.isBracketCloser(ch)) this.outdentCloser(start, before);
    this.dropStaleAutoClosed();
  }

  /** Presses Enter. */
  enter(): void {
    const start = this.lineStart;
    const end = this.lineEnd;
    const before = this.text.slice(start, this.cursor);
    const after = this.text.slice(this.cursor, end);
    const prevStart = start === 0 ? 0 : this.text.lastIndexOf('\n', start - 2) + 1;
    const previous = start === 0 ? '' : this.text.slice(prevStart, start - 1);
    const trimLine = this.autoWhitespaceLine === start && this.text.slice(start, end).trim() === '';
    const indentation = /^[ \t]*/.exec(before)![0];
    const action = this.enterAction(before, after, previous);
    let insert: string;
    let cursorAt: number;
    if (action) {
      const base = action.removeText ? indentation.slice(0, Math.max(0, indentation.length - action.removeText)) : indentation;
      const append = this.normalize(action.appendText ?? (action.indent === 'indent' || action.indent === 'indentOutdent' ? '\t' : ''));
      if (action.indent === 'indentOutdent') {
        insert = `\n${base}${append}\n${base}`;
        cursorAt = 1 + base.length + append.length;
      } else {
        const own = action.indent === 'outdent' ? this.unshift(base) : base;
        insert = `\n${own}${append}`;
        cursorAt = insert.length;
      }
    } else {
      insert = `\n${this.indentForEnter(before, after, previous, indentation)}`;
      cursorAt = insert.length;
    }
    const at = this.cursor;
    this.replace(at, at, insert);
    this.cursor = at + cursorAt;
    const newLineStart = this.lineStart;
    if (trimLine) {
      // trimAutoWhitespace: the indentation Enter put on a line that stayed empty goes away.
      const width = at - start;
      this.replace(start, at, '');
      this.cursor -= width;
      this.autoWhitespaceLine = newLineStart - width;
    } else this.autoWhitespaceLine = newLineStart;
    if (this.text.slice(this.lineStart, this.cursor).trim() !== '') this.autoWhitespaceLine = undefined;
    this.dropStaleAutoClosed();
  }

  /** The person sets the cursor line's indentation (Backspace / Tab); returns the keys it took. */
  setIndentation(ws: string): number {
    const start = this.lineStart;
    const current = /^[ \t]*/.exec(this.text.slice(start, this.lineEnd))![0];
    if (current === ws) return 0;
    const unit = Math.max(1, this.normalize('\t').length);
    const keys = Math.max(1, Math.ceil(Math.abs(current.length - ws.length) / unit));
    const offsetInLine = this.cursor - start;
    this.replace(start, start + current.length, ws);
    this.cursor = start + Math.max(ws.length, offsetInLine - current.length + ws.length);
    this.autoWhitespaceLine = undefined;
    this.dropStaleAutoClosed();
    return keys;
  }

  /** Arrow keys / End: the cursor moves, the text does not change. */
  moveTo(offset: number): void {
    this.leaveAutoWhitespace();
    this.cursor = offset;
    this.dropStaleAutoClosed();
  }

  /** The Delete key, n times. */
  deleteForward(n: number): void {
    this.replace(this.cursor, this.cursor + n, '');
    this.dropStaleAutoClosed();
  }

  /** Accepting an inline suggestion (Tab): its text replaces [start, end); the cursor goes after it. */
  accept(insertText: string, start: number, end: number): void {
    this.leaveAutoWhitespace();
    this.replace(start, end, insertText);
    this.cursor = start + insertText.length;
    this.autoWhitespaceLine = undefined;
    // VS Code keeps a pair while the cursor stays inside it (and types over its closer then).
    for (const a of this.autoClosed) a.displaced = true;
    this.dropStaleAutoClosed();
  }

  // ---- rules ----

  private isCloser(ch: string): boolean {
    return this.rules.autoClosingPairs.some((p) => p.close === ch);
  }

  private isBracketCloser(ch: string): boolean {
    return this.rules.brackets.some(([, close]) => close === ch);
  }

  /** VS Code's auto-closing decision for `ch` typed at the cursor (TypeOperations' getAutoClosingPairClose). */
  private autoClosingPairFor(ch: string): AutoClosingPair | undefined {
    let pair: AutoClosingPair | undefined;
    for (const p of this.rules.autoClosingPairs) {
      if (!p.open.endsWith(ch)) continue;
      const lead = p.open.slice(0, -1);
      if (this.text.slice(this.cursor - lead.length, this.cursor) !== lead) continue;
      if (!pair || p.open.length > pair.open.length) pair = p;
    }
    if (!pair) return undefined;
    const quote = isQuote(ch);
    const rest = this.text.slice(this.cursor, this.lineEnd);
    if (rest.length > 0) {
      const allowed = quote ? this.rules.autoCloseBeforeQuotes : this.rules.autoCloseBeforeBrackets;
      if (!this.isBeforeClosingBrace(rest) && !allowed.includes(rest[0]!)) return undefined;
    }
    if (!quote && this.hasUnmatchedClosingBracketAfter(pair.open)) return undefined;
    if (pair.open.length === 1 && (ch === "'" || ch === '"') && this.cursor > this.lineStart) {
      const previous = this.text[this.cursor - 1]!;
      if (!/\s/.test(previous) && !WORD_SEPARATORS.includes(previous)) return undefined;
    }
    if (pair.notIn.length > 0) {
      const ctx = contexts(this.text, this.rules.languageId);
      const at = this.cursor - 1; // the character before the cursor (VS Code asks its token)
      const before: Context = at >= 0 && this.text[at] !== '\n' ? ctx[at]! : at >= 0 ? insideAt(ctx, at) : 'other';
      const here = insideAt(ctx, this.cursor);
      if (pair.notIn.includes(before) || pair.notIn.includes(here)) return undefined;
    }
    return pair;
  }

  private isBeforeClosingBrace(rest: string): boolean {
    const c = rest[0]!;
    const opens = this.rules.autoClosingPairs.some((p) => p.open[0] === c && rest.startsWith(p.open));
    const closes = this.rules.autoClosingPairs.some((p) => p.close[0] === c && rest.startsWith(p.close));
    return !opens && closes;
  }

  /** A closer after the cursor with no opener for it (VS Code does not add another opener's pair then). */
  private hasUnmatchedClosingBracketAfter(open: string): boolean {
    const pair = this.rules.brackets.find(([o]) => o === open || o.endsWith(open));
    if (!pair) return false;
    const ctx = contexts(this.text, this.rules.languageId);
    const stack: string[] = [];
    for (let i = 0; i < this.text.length; i++) {
      if (ctx[i] !== 'other') continue;
      const c = this.text[i]!;
      if (c === '{' || c === '(' || c === '[') stack.push(c);
      else if (c === '}' || c === ')' || c === ']') {
        const want = c === '}' ? '{' : c === ')' ? '(' : '[';
        if (stack[stack.length - 1] === want) stack.pop();
        else if (i >= this.cursor && c === pair[1].slice(-1)) return true;
      }
    }
    return false;
  }

  private enterAction(before: string, after: string, previous: string): EnterAction | undefined {
    for (const rule of this.rules.onEnterRules) {
      if (!rule.beforeText.test(before)) continue;
      if (rule.afterText && !rule.afterText.test(after)) continue;
      if (rule.previousLineText && !rule.previousLineText.test(previous)) continue;
      return rule.action;
    }
    // Then the brackets: between a pair, and after an opener.
    if (before.length > 0 && after.length > 0) {
      for (const [open, close] of this.rules.brackets) {
        if (new RegExp(`${escapeRe(open)}\\s*$`).test(before) && new RegExp(`^\\s*${escapeRe(close)}`).test(after)) return { indent: 'indentOutdent' };
      }
    }
    if (before.length > 0) {
      for (const [open] of this.rules.brackets) if (new RegExp(`${escapeRe(open)}\\s*$`).test(before)) return { indent: 'indent' };
    }
    return undefined;
  }

  /** indentationRules (autoIndent "full") when no on-Enter rule applied. */
  private indentForEnter(before: string, after: string, previous: string, indentation: string): string {
    const { increaseIndent, decreaseIndent, indentNextLine } = this.rules;
    if (!increaseIndent) return indentation;
    const line = codeOnly(before, this.rules.languageId);
    let indent = indentation;
    if (increaseIndent.test(line) || indentNextLine?.test(line)) indent += this.normalize('\t');
    else if (indentNextLine?.test(codeOnly(previous, this.rules.languageId)) && !increaseIndent.test(codeOnly(previous, this.rules.languageId))) indent = this.unshift(indent);
    if (decreaseIndent?.test(after)) indent = this.unshift(indent);
    return indent;
  }

  /** A closer typed first on its line takes the indentation of the line holding its opener. */
  private outdentCloser(lineStart: number, before: string): void {
    const ctx = contexts(this.text, this.rules.languageId);
    let depth = 0;
    for (let i = this.cursor - 2; i >= 0; i--) {
      if (ctx[i] !== 'other') continue;
      const c = this.text[i]!;
      if (c === '}' || c === ')' || c === ']') depth++;
      else if (c === '{' || c === '(' || c === '[') {
        if (depth > 0) {
          depth--;
          continue;
        }
        const openLine = this.text.lastIndexOf('\n', i) + 1;
        const ws = /^[ \t]*/.exec(this.text.slice(openLine))![0];
        if (ws !== before) {
          this.replace(lineStart, lineStart + before.length, ws);
          this.cursor += ws.length - before.length;
        }
        return;
      }
    }
  }

  private normalize(ws: string): string {
    return ws.replace(/\t/g, this.options.indentUnit);
  }

  private unshift(indent: string): string {
    const unit = this.normalize('\t');
    return indent.endsWith(unit) ? indent.slice(0, indent.length - unit.length) : indent.replace(/[ \t]$/, '');
  }

  private leaveAutoWhitespace(): void {
    // Typing on the auto-indented line makes its indentation the person's own.
    if (this.autoWhitespaceLine !== undefined && this.lineStart === this.autoWhitespaceLine) this.autoWhitespaceLine = undefined;
  }

  /** VS Code forgets an auto-closed pair once the cursor leaves it. */
  private dropStaleAutoClosed(): void {
    this.autoClosed = this.autoClosed.filter((a) => this.cursor > a.open && this.cursor <= a.close);
  }

  /** The one primitive edit: offsets after it shift, what it overwrote is forgotten. */
  private replace(start: number, end: number, insert: string): void {
    this.text = this.text.slice(0, start) + insert + this.text.slice(end);
    const delta = insert.length - (end - start);
    const map = (o: number): number | undefined => (o < start ? o : o >= end ? o + delta : undefined);
    this.autoClosed = this.autoClosed.flatMap((a) => {
      const open = map(a.open);
      const close = a.close >= start && a.close < end ? undefined : map(a.close);
      return open === undefined || close === undefined ? [] : [{ ...a, open, close }];
    });
    for (let i = 0; i < this.markers.length; i++) {
      const m = this.markers[i]!;
      // An edit over a marker leaves it after the new text.
      this.markers[i] = m < start || (m === start && end > start && insert === '') ? m : m >= end ? m + delta : start + insert.length;
    }
    if (this.autoWhitespaceLine !== undefined) {
      const mapped = map(this.autoWhitespaceLine);
      this.autoWhitespaceLine = mapped;
    }
  }
}

/** Whether the position between offset-1 and offset is inside a string or comment that spans it. */
function insideAt(ctx: Context[], offset: number): Context {
  const left = ctx[offset - 1];
  const right = ctx[offset];
  return left !== undefined && left === right ? left : 'other';
}

/** A line with its string contents and line comment blanked (VS Code tests indentation rules on code only). */
function codeOnly(line: string, languageId: string): string {
  const ctx = contexts(line, languageId);
  let out = '';
  for (let i = 0; i < line.length; i++) {
    if (ctx[i] === 'comment') break;
    out += ctx[i] === 'string' && !isQuote(line[i]!) ? ' ' : line[i]!;
  }
  return out;
}
