// Turns what a model answered into the text to show as ghost text. Model output is untrusted
// and messy: reasoning in <think> tags, the answer tags, markdown fences, polite chatter, a
// repeat of the line above, code that runs on into what follows the cursor, brackets the
// editor already closed, the wrong indentation. Each step below removes one such artefact;
// what is left is exactly the code to insert, or '' when there is nothing worth showing.
import { ThinkTagSplitter } from '../client/thinkSplitter';
import type { LineMode } from './lineMode';
import { CLOSE_TAG, HOLE, OPEN_TAG } from './prompt';
import { detectIndent, indentWidth, leadingWhitespace, linePrefixOf, lineSuffixOf, type IndentStyle } from './text';

export interface CleanContext {
  /** Text before the cursor (a window is enough: the last ~50 lines). */
  prefix: string;
  /** Text after the cursor (a window is enough). */
  suffix: string;
  languageId: string;
  mode: LineMode;
  /** The editor's indentation; detected from the text when absent. */
  indent?: IndentStyle;
}

/** Languages whose blocks end by indentation rather than by a closing bracket. */
const INDENT_BLOCK_LANGUAGES = new Set(['python', 'coffeescript', 'nim', 'pug', 'haml', 'yaml', 'fsharp']);

const FIM_SENTINELS = [
  '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|endoftext|>', '<|fim_pad|>', '<|file_sep|>', '<|im_end|>',
  '<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>', '<｜end▁of▁sentence｜>', '<｜EOT｜>',
  '<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<file_sep>',
  '<PRE>', '<SUF>', '<MID>', '<EOT>', '[PREFIX]', '[SUFFIX]', '[MIDDLE]', '</s>',
];

export function cleanCompletion(raw: string, ctx: CleanContext): string {
  let text = raw.replace(/\r\n?/g, '\n');
  text = stripThinking(text);
  text = stripSentinels(text);
  text = extractTagged(text);
  if (ctx.languageId !== 'markdown') text = extractFenced(text);
  text = stripChatter(text);
  text = stripInlineBackticks(text, ctx);
  if (text.includes(HOLE)) text = afterEchoedHole(text);
  if (text.trim() === '') return '';

  const linePrefix = linePrefixOf(ctx.prefix);
  const lineSuffix = lineSuffixOf(ctx.suffix);
  const indent = ctx.indent ?? detectIndent(ctx.prefix.slice(-4000) + ctx.suffix.slice(0, 2000));

  text = leadingBreaks(text, linePrefix, lineSuffix, ctx.mode);
  text = stripRepeatedPrefix(text, ctx.prefix, linePrefix, lineSuffix);
  if (text.trim() === '') return '';
  if (linePrefix.trim() === '') text = fixIndentation(text, ctx.prefix, ctx.suffix, linePrefix, indent);
  else text = text.split('\n').map((l, i) => (i === 0 ? l : convertIndent(l, indent))).join('\n');
  if (ctx.mode === 'single') text = firstLine(text, linePrefix);
  else {
    text = cutAtSuffixRepeat(text, ctx.suffix);
    text = cutAtBlockEnd(text, ctx, linePrefix, indent);
  }
  return fitToSuffix(text, ctx.prefix, ctx.suffix);
}

/**
 * Fits a suggestion to what follows the cursor: drops its trailing lines that are already the
 * next lines of the file (the `}` VS Code put below after `{` + Enter) and the end of its last
 * line that the rest of the cursor's line already holds (an auto-closed `)`, a quote, `;`). Run
 * when the answer is cleaned and again each time it is shown (engine.ts), against the text as it
 * is then: the editor may have inserted a closer after the request left.
 */
export function fitToSuffix(text: string, prefix: string, suffix: string): string {
  const linePrefix = linePrefixOf(prefix);
  const lineSuffix = lineSuffixOf(suffix);
  let out = dropSuffixOverlapLines(text, suffix, lineSuffix);
  out = dropSameLineOverlap(out, linePrefix, lineSuffix);
  out = finishTrailing(out, linePrefix, lineSuffix);
  return out.trim() === '' ? '' : out;
}


// ---- wrappers the model puts around the code ----

/**
 * The answer without its reasoning, by the stream splitter's rule (client/thinkSplitter.ts, the
 * one place that decides what thinking is): a `<think>` block at the very start only; a tag
 * anywhere else is text the model wrote. The client already separates streamed reasoning; this
 * covers answers that reach the cleaner whole (tests, the bench, a partial in-flight answer).
 */
export function stripThinking(text: string): string {
  let out = '';
  const splitter = new ThinkTagSplitter({ text: (t) => (out += t), reasoning: () => undefined }, false);
  splitter.push(text);
  splitter.end();
  return out;
}

function stripSentinels(text: string): string {
  let out = text;
  for (;;) {
    const lead = FIM_SENTINELS.find((s) => out.startsWith(s));
    if (!lead) break;
    out = out.slice(lead.length);
  }
  let cut = out.length;
  for (const s of FIM_SENTINELS) {
    const at = out.indexOf(s);
    if (at >= 0 && at < cut) cut = at;
  }
  return out.slice(0, cut);
}

/** The text between the answer tags when the model used them (the closing tag is also the stop sequence). */
export function extractTagged(text: string): string {
  const lower = text.toLowerCase();
  const open = lower.indexOf(OPEN_TAG.toLowerCase());
  let out = open >= 0 ? text.slice(open + OPEN_TAG.length) : text;
  const close = out.toLowerCase().indexOf(CLOSE_TAG.toLowerCase());
  if (close >= 0) out = out.slice(0, close);
  return out;
}

const FENCE_OPEN = /(^|\n)[ \t]*(`{3,}|~{3,})[\w+#.-]*[ \t]*\n/;

/** The inside of the first markdown code fence, when there is one. */
export function extractFenced(text: string): string {
  const m = FENCE_OPEN.exec(text);
  if (!m) return text.replace(/\n?[ \t]*`{3,}[ \t]*$/, '');
  const start = m.index + m[0].length;
  const rest = text.slice(start);
  const close = new RegExp(`(^|\\n)[ \\t]*${m[2]![0] === '`' ? '`' : '~'}{${m[2]!.length},}[ \\t]*(\\n|$)`).exec(rest);
  // The line break before the closing fence ends the code's last line: kept.
  return close ? rest.slice(0, close.index + (close[1] === '\n' ? 1 : 0)) : rest;
}

const CHATTER =
  /^(?:here(?:'s| is| are)\b|sure\b|certainly\b|of course\b|okay\b|ok[,.!]|the (?:missing|completed?|completion|code|answer)\b|this (?:code|function|method|class|snippet|implementation|completes|fills|completion|returns|will)\b|the (?:function|method|above|implementation)\b|i (?:have|would|will|'ll|'ve)\b|note:|explanation:|completion:|output:|answer:|to complete\b|you can\b|let me\b)/i;

function isChatter(line: string): boolean {
  const t = line.trim();
  return t !== '' && CHATTER.test(t) && !/[;{}=]\s*$/.test(t);
}

/** Drops polite sentences before the code and explanations after it. */
export function stripChatter(text: string): string {
  const lines = text.split('\n');
  while (lines.length > 0 && (isChatter(lines[0]!) || (lines[0]!.trim() === '' && lines.length > 1 && isChatter(lines[1]!)))) lines.shift();
  // Trailing prose: from a chatter line to the end, when everything after it is prose or blank.
  for (let i = 1; i < lines.length; i++) {
    // Prose after the code starts flush left (an indented sentence is a docstring or comment body).
    if (isChatter(lines[i]!) && !/^\s/.test(lines[i]!) && lines.slice(i + 1).every((l) => !looksLikeCode(l))) {
      let cut = i;
      while (cut > 0 && lines[cut - 1]!.trim() === '') cut--;
      // The code's last line keeps its line break; the prose after it goes.
      return `${lines.slice(0, cut).join('\n')}\n`;
    }
  }
  return lines.join('\n');
}

function looksLikeCode(line: string): boolean {
  const t = line.trim();
  return t !== '' && (/[;{}()[\]=<>]/.test(t) || /^(?:return|def|class|if|for|while|const|let|var|function|import)\b/.test(t));
}

/** `u.name` wrapped in single backticks as if it were prose. */
function stripInlineBackticks(text: string, ctx: CleanContext): string {
  const m = /^`([^`\n]+)`$/.exec(text.trim());
  if (!m || linePrefixOf(ctx.prefix).includes('`')) return text;
  return m[1]!;
}

/** The model echoed the query: keep what it wrote where the hole was. */
function afterEchoedHole(text: string): string {
  return text.slice(text.indexOf(HOLE) + HOLE.length);
}

/**
 * Line breaks at the start: layout when the cursor is already at a line's start or one line is
 * asked; meaningful after code (the answer goes on the next line), and missing when the model
 * answered an indented line right after a block opener.
 */
function leadingBreaks(text: string, linePrefix: string, lineSuffix: string, mode: LineMode): string {
  if (linePrefix.trim() === '' || mode === 'single') return text.replace(/^(?:[ \t]*\n)+/, '');
  if (lineSuffix.trim() === '' && !text.startsWith('\n') && /^[ \t]+\S/.test(text)) return `\n${text}`;
  return text;
}

// ---- repeats of what is already there ----

/**
 * Removes a repeat of the current line's start ("    return x" when the cursor is after
 * "    return ") and, at the start of a line, leading lines that repeat the lines above.
 */
export function stripRepeatedPrefix(text: string, prefix: string, linePrefix: string, lineSuffix = ''): string {
  if (linePrefix.trim() !== '') {
    if (text.startsWith(linePrefix)) return text.slice(linePrefix.length);
    const trimmed = linePrefix.trimStart();
    const body = text.trimStart();
    if (!body.startsWith(trimmed)) return text;
    // One character (an opening quote or bracket) counts as repeated only when keeping it breaks the line.
    const firstLine = (t: string) => t.split('\n', 1)[0]!;
    if (trimmed.length >= 2 || (broken(linePrefix + firstLine(body) + lineSuffix) && !broken(linePrefix + firstLine(body.slice(trimmed.length)) + lineSuffix))) {
      return body.slice(trimmed.length);
    }
    return text;
  }
  const above = prefix.slice(0, prefix.length - linePrefix.length).split('\n');
  above.pop(); // the cursor's line, empty or indentation only
  // Compared with their indentation: the same statement one level out is new code, not an echo.
  const prefixLines = above.filter((l) => l.trim() !== '').map((l) => l.trimEnd());
  const lines = text.split('\n');
  const nonBlank: number[] = [];
  lines.forEach((l, i) => {
    if (l.trim() !== '') nonBlank.push(i);
  });
  let best = 0;
  for (let k = 1; k <= Math.min(nonBlank.length, prefixLines.length, 60); k++) {
    let same = true;
    for (let j = 0; j < k && same; j++) same = lines[nonBlank[j]!]!.trimEnd() === prefixLines[prefixLines.length - k + j];
    if (same) best = k;
  }
  if (best === 0) return text;
  const repeated = nonBlank.slice(0, best).map((i) => lines[i]!.trim()).join('');
  // A lone closer ("}") may legitimately close another block.
  if (repeated.replace(/[\s)\]};,]/g, '').length < 3) return text;
  return lines.slice(nonBlank[best - 1]! + 1).join('\n').replace(/^\n+/, '');
}

// ---- indentation ----

function convertIndent(line: string, indent: IndentStyle): string {
  const ws = leadingWhitespace(line);
  if (ws === '' || indent.known === false) return line;
  const width = indentWidth(line, indent.size);
  const fixed = indent.useTabs ? '\t'.repeat(Math.floor(width / indent.size)) + ' '.repeat(width % indent.size) : ' '.repeat(width);
  return fixed + line.slice(ws.length);
}

function reindent(line: string, delta: number, indent: IndentStyle): string {
  if (line.trim() === '' || delta === 0) return line;
  const width = Math.max(0, indentWidth(line, indent.size) + delta);
  const ws = indent.useTabs ? '\t'.repeat(Math.floor(width / indent.size)) + ' '.repeat(width % indent.size) : ' '.repeat(width);
  return ws + line.slice(leadingWhitespace(line).length);
}

const OPENS_BLOCK = /(?:[{([:]|=>|\bthen|\bdo|\bbegin)\s*$/;

/**
 * Uses the file's tabs or spaces, and moves the whole answer when its first line sits at an
 * indentation no code could have there (for example flush left inside a function body, or
 * indented twice because the model repeated the indentation already before the cursor).
 */
export function fixIndentation(text: string, prefix: string, suffix: string, linePrefix: string, indent: IndentStyle): string {
  let lines = text.split('\n').map((l) => convertIndent(l, indent));
  const firstIdx = lines.findIndex((l) => l.trim() !== '');
  if (firstIdx < 0) return lines.join('\n');
  const above = prefix.slice(0, prefix.length - linePrefix.length).split('\n');
  above.pop();
  const prev = [...above].reverse().find((l) => l.trim() !== '');
  const next = suffix.split('\n').find((l) => l.trim() !== '');
  const cursorWidth = indentWidth(linePrefix, indent.size);
  // The first line is typed after linePrefix; later lines start at column 0.
  const firstWidth = cursorWidth + (firstIdx === 0 ? indentWidth(lines[0]!, indent.size) : 0);
  const actual = firstIdx === 0 ? firstWidth : indentWidth(lines[firstIdx]!, indent.size);
  if (prev === undefined) {
    // Top of the file: only the repeated-indentation mistake is certain.
    if (firstIdx === 0 && cursorWidth > 0 && indentWidth(lines[0]!, indent.size) === cursorWidth) lines[0] = lines[0]!.trimStart();
    return lines.join('\n');
  }
  // Inside a bracket or after a continuation the next line may be aligned anywhere: leave it.
  if (scanLine(prev).delta > 0 || /[,\\]\s*$/.test(prev)) return lines.join('\n');
  const prevWidth = indentWidth(prev, indent.size);
  const opener = OPENS_BLOCK.test(prev.trimEnd()) && !/^\s*(?:#|\/\/)/.test(prev);
  const nextWidth = next === undefined ? undefined : indentWidth(next, indent.size);
  const high = opener ? prevWidth + indent.size : prevWidth;
  const low = nextWidth !== undefined ? Math.min(nextWidth, high) : 0;
  // Two mistakes are certain: deeper than the block allows (indentation typed twice), and flush
  // left where the code around is indented. A smaller dedent can be a real block end (elif, else, return).
  const overIndented = actual > high && cursorWidth > 0;
  const flushLeft = actual === 0 && low > 0;
  if (!overIndented && !flushLeft) return lines.join('\n');
  const target = overIndented ? high : low;
  const delta = target - actual;
  lines = lines.map((l, i) => {
    if (i === 0 && firstIdx === 0) {
      // Only the part after linePrefix is ours to change.
      const own = Math.max(0, target - cursorWidth);
      const body = l.trimStart();
      return (indent.useTabs ? '\t'.repeat(Math.floor(own / indent.size)) + ' '.repeat(own % indent.size) : ' '.repeat(own)) + body;
    }
    return reindent(l, delta, indent);
  });
  return lines.join('\n');
}

// ---- where the answer should end ----

function firstLine(text: string, linePrefix: string): string {
  // At a line's start the first line of code may follow blank lines the model added.
  const body = linePrefix.trim() === '' ? text.replace(/^\n+/, '') : text;
  const nl = body.indexOf('\n');
  return nl < 0 ? body : body.slice(0, nl);
}

/** Cuts where the answer starts repeating the code after the cursor (the model wrote past the hole). */
export function cutAtSuffixRepeat(text: string, suffix: string): string {
  const suffixLines = suffix.split('\n');
  // The cursor's own rest of line is not a whole line of what follows.
  suffixLines.shift();
  const rest = lineSuffixOf(suffix).trim() === '' ? suffixLines : [lineSuffixOf(suffix), ...suffixLines];
  // Compared with indentation: the same statement at another depth is different code.
  const head = rest.filter((l) => l.trim() !== '').slice(0, 3).map((l) => l.trimEnd());
  if (head.length === 0) return text;
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trimEnd() !== head[0]) continue;
    let matched = 1;
    let j = i + 1;
    for (let h = 1; h < head.length && j < lines.length; j++) {
      if (lines[j]!.trim() === '') continue;
      if (lines[j]!.trimEnd() !== head[h]) break;
      matched++;
      h++;
    }
    const runsToEnd = lines.slice(j).every((l) => l.trim() === '');
    // One equal line is not enough (code repeats lines); two in a row, or all the rest, is.
    if (matched >= 2 || runsToEnd) {
      const kept = lines.slice(0, i).join('\n') + '\n';
      // The echo began with the suffix's own leading line breaks (the end of the cursor's line, blank lines).
      const lead = /^(?:[ \t]*\n)*/.exec(suffix)![0];
      return lead && kept.endsWith(lead) ? kept.slice(0, kept.length - lead.length) : kept;
    }
  }
  return text;
}

/** Stops where the block the cursor is in ends: a dedent (indentation languages) or an unmatched closer. */
export function cutAtBlockEnd(text: string, ctx: CleanContext, linePrefix: string, indent: IndentStyle): string {
  const lines = text.split('\n');
  if (INDENT_BLOCK_LANGUAGES.has(ctx.languageId)) {
    const firstIdx = lines.findIndex((l) => l.trim() !== '');
    if (firstIdx < 0) return text;
    const firstWidth = firstIdx === 0 ? indentWidth(linePrefix, indent.size) + indentWidth(lines[0]!, indent.size) : indentWidth(lines[firstIdx]!, indent.size);
    const next = ctx.suffix.split('\n').slice(lineSuffixOf(ctx.suffix).trim() === '' ? 1 : 0).find((l) => l.trim() !== '');
    // The block is the enclosing definition's body: code may dedent out of inner blocks, not out of it.
    const definition = enclosingDefinitionWidth(ctx.prefix, firstWidth, indent.size);
    let floor = definition !== undefined ? Math.min(firstWidth, definition + indent.size) : firstWidth;
    if (next !== undefined) floor = Math.min(floor, indentWidth(next, indent.size));
    for (let i = firstIdx + 1; i < lines.length; i++) {
      if (lines[i]!.trim() !== '' && indentWidth(lines[i]!, indent.size) < floor) {
        return lines.slice(0, i).join('\n') + '\n';
      }
    }
    return text;
  }
  let depth = 0;
  for (let i = 0; i < lines.length; i++) {
    depth += bracketDelta(lines[i]!);
    if (depth < 0) return lines.slice(0, i + 1).join('\n') + (i + 1 < lines.length ? '\n' : '');
  }
  return text;
}

const DEFINITION = /^\s*(?:async\s+def|def|class|fn|func|function|sub|proc|module|struct|impl|interface|describe|it)\b/;

/** Indentation of the outermost definition line enclosing the cursor (nested helpers included). */
function enclosingDefinitionWidth(prefix: string, width: number, tabSize: number): number | undefined {
  const lines = prefix.split('\n');
  lines.pop();
  let found: number | undefined;
  let bound = width;
  for (let i = lines.length - 1; i >= 0 && i >= lines.length - 400; i--) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const w = indentWidth(line, tabSize);
    if (w >= bound) continue;
    // A shallower line that is not a definition ends the search: the cursor is outside any deeper one.
    if (!DEFINITION.test(line)) {
      if (w === 0) break;
      bound = w;
      continue;
    }
    found = w;
    bound = w;
    if (w === 0) break;
  }
  return found;
}

/** Opening minus closing brackets on a line, ignoring those inside simple string literals and line comments. */
function bracketDelta(line: string): number {
  return scanLine(line).delta;
}

/** Bracket balance of a line and whether it ends inside an unclosed string literal. */
function scanLine(line: string): { delta: number; openString: boolean } {
  let delta = 0;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '/' && line[i + 1] === '/') break;
    else if (c === '#' && line[i + 1] !== '{' && (i === 0 || /\s/.test(line[i - 1]!))) break;
    else if (c === '{' || c === '(' || c === '[') delta++;
    else if (c === '}' || c === ')' || c === ']') delta--;
  }
  return { delta, openString: quote !== undefined };
}

// ---- overlap with what follows the cursor ----

/** Drops trailing lines of the answer that are already the next lines of the file. */
export function dropSuffixOverlapLines(text: string, suffix: string, lineSuffix: string): string {
  const lines = text.split('\n');
  const trailingNewline = lines.length > 1 && lines[lines.length - 1] === '';
  if (trailingNewline) lines.pop();
  const following = (lineSuffix.trim() === '' ? suffix.split('\n').slice(1) : suffix.split('\n')).filter((l) => l.trim() !== '');
  if (following.length === 0 || lines.length < 2) return text;
  let best = 0;
  for (let m = 1; m < lines.length && m <= following.length; m++) {
    const tail = lines.slice(lines.length - m).filter((l) => l.trim() !== '');
    if (tail.length === m && tail.every((l, k) => l.trimEnd() === following[k]!.trimEnd())) best = m;
  }
  if (best === 0) return text;
  const kept = lines.slice(0, lines.length - best);
  while (kept.length > 1 && kept[kept.length - 1]!.trim() === '') kept.pop();
  // The rest of the cursor's line goes where the dropped line was, at its indentation.
  return kept.join('\n') + (lineSuffix.trim() === '' ? '' : `\n${leadingWhitespace(lines[lines.length - best]!)}`);
}

/** A line that closes more than it opens, or leaves a string open, is broken. */
function broken(line: string): boolean {
  const scan = scanLine(line);
  return scan.delta < 0 || scan.openString;
}

// ---- which brackets the rest of the line closes ----

const OPENER_OF: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const QUOTES = '"\'`';

/** An open bracket or string; `at` is its offset in the cursor's line (-1 when the text opened it). */
interface Open {
  ch: string;
  at: number;
}

/**
 * Follows brackets and strings through code, one line or several: a quote opens a string, a brace
 * inside a string opens a placeholder (f-strings, template literals) where code resumes, a line
 * break ends any string but a template literal, line comments are skipped. Calls onClose for
 * each bracket or string closed.
 */
function scanCode(stack: Open[], code: string, offsets: boolean, onClose?: (open: Open) => void): Open[] {
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    const top = stack[stack.length - 1];
    if (top && QUOTES.includes(top.ch)) {
      if (c === '\\') i++;
      else if (c === top.ch) close(stack, onClose);
      else if (c === '\n' && top.ch !== '`') stack.pop();
      else if (c === '{') stack.push({ ch: c, at: offsets ? i : -1 });
      continue;
    }
    if (QUOTES.includes(c)) stack.push({ ch: c, at: offsets ? i : -1 });
    else if ((c === '/' && code[i + 1] === '/') || (c === '#' && (i === 0 || /\s/.test(code[i - 1]!)))) {
      const nl = code.indexOf('\n', i);
      i = nl < 0 ? code.length : nl - 1;
    } else if (c === '(' || c === '[' || c === '{') stack.push({ ch: c, at: offsets ? i : -1 });
    else if (c in OPENER_OF && top?.ch === OPENER_OF[c]) close(stack, onClose);
  }
  return stack;
}

function close(stack: Open[], onClose: ((open: Open) => void) | undefined): void {
  const open = stack.pop()!;
  onClose?.(open);
}

/** Brackets and strings open at the cursor, opened on its line. */
function lineState(linePrefix: string): Open[] {
  return scanCode([], linePrefix, true);
}

/**
 * Which of the cursor line's open brackets and strings (their offsets) the text closes. Closers of
 * blocks opened on earlier lines are the text's own business and not counted.
 */
function closedBy(state: Open[], text: string): Set<number> {
  const closed = new Set<number>();
  scanCode(state.map((o) => ({ ...o })), text, false, (open) => {
    if (open.at >= 0) closed.add(open.at);
  });
  return closed;
}

/**
 * For each length n of `rest` (the rest of the cursor's line), what its first n characters close
 * of the line's open brackets and strings; the list stops at the first character that is not a
 * closer of what is open, or `;`, `,`, `>` outside a string.
 */
function restCloses(state: Open[], rest: string): Array<Set<number>> {
  const out: Array<Set<number>> = [];
  const stack = [...state];
  const closed = new Set<number>();
  for (const c of rest) {
    const top = stack[stack.length - 1];
    const inString = top !== undefined && QUOTES.includes(top.ch);
    if (top && c === top.ch && inString) closed.add(stack.pop()!.at);
    else if (!inString && c in OPENER_OF) {
      // What it closes may sit under brackets still open after it (`[(e|]`).
      const at = stack.map((o) => o.ch).lastIndexOf(OPENER_OF[c]!);
      if (at < 0) break;
      closed.add(stack[at]!.at);
      stack.length = at;
    } else if (inString || !/[;,>]/.test(c)) break;
    out.push(new Set(closed));
  }
  return out;
}

const covers = (a: Set<number>, b: Set<number>) => [...b].every((x) => a.has(x));

/**
 * How many characters after the cursor the item should replace: the start of the rest of the
 * cursor's line (closers VS Code auto-closed, a closing quote, then `;`) when the suggestion
 * closes those brackets and that string itself somewhere in its text (`items: T[]): T[][] {`
 * before the `)` of `chunk<T>(|)`), so that accepting replaces them instead of leaving them
 * behind. VS Code's item range must stay on the cursor's line, which this does; it shows the
 * suggestion's other characters as ghost text around the replaced ones.
 */
export function replacedAfterCursor(text: string, linePrefix: string, lineSuffix: string): number {
  const rest = lineSuffix.trimEnd();
  if (rest === '' || /^\s/.test(rest)) return 0;
  const state = lineState(linePrefix);
  const byText = closedBy(state, text);
  const byRest = restCloses(state, rest);
  let best = 0;
  let at = 0;
  for (let n = 1; n <= byRest.length; n++) {
    // VS Code shows the replaced characters inside the suggestion, in order.
    at = text.indexOf(rest[n - 1]!, at) + 1;
    if (at === 0) break;
    if (byRest[n - 1]!.size > 0 && covers(byText, byRest[n - 1]!)) best = n;
  }
  return best;
}

/**
 * Drops the end of the answer's last line when the rest of the cursor's line already has it,
 * such as a `)` VS Code closed automatically: kept only if the line would otherwise close more
 * brackets than it opens.
 */
export function dropSameLineOverlap(text: string, linePrefix: string, lineSuffix: string): string {
  const rest = lineSuffix.trimStart();
  if (rest === '') return text;
  const lastNl = text.lastIndexOf('\n');
  const head = text.slice(0, lastNl + 1);
  const last = text.slice(lastNl + 1);
  const lastBody = last.trimEnd();
  for (let k = Math.min(rest.length, lastBody.length); k >= 1; k--) {
    const overlap = rest.slice(0, k);
    if (!lastBody.endsWith(overlap)) continue;
    const candidate = lastBody.slice(0, lastBody.length - k);
    const isClosingOnly = /^[\s)\]}>;,'"`]+$/.test(overlap);
    // Closers and quotes: dropped when the answer closes what they close (VS Code closed it
    // already) and would not without them. Other text: an exact repeat of the rest of the line,
    // or 3+ characters of its start, is never meant twice.
    let drop = k >= 3 || k === rest.length;
    if (isClosingOnly) {
      const state = lineState(linePrefix);
      const closes = restCloses(state, overlap);
      const wanted = closes.length === overlap.length ? closes.at(-1) : undefined;
      drop = !/[)\]}'"`]/.test(overlap) || (wanted !== undefined && wanted.size > 0 && covers(closedBy(state, head + lastBody), wanted) && !covers(closedBy(state, head + candidate), wanted));
    }
    if (drop) {
      // The echo usually repeats the space before the rest of the line too.
      const gap = lineSuffix.slice(0, lineSuffix.length - rest.length);
      return head + (gap && candidate.endsWith(gap) ? candidate.slice(0, candidate.length - gap.length) : candidate);
    }
  }
  return text;
}

function finishTrailing(text: string, linePrefix: string, lineSuffix: string): string {
  const body = text.replace(/(\n[ \t]*)+$/, '');
  if (linePrefix === '') {
    // At column 0 the answer is whole lines: in front of code on this line they must end with a
    // newline; on an empty line the model's own choice (a line break or not) is kept.
    if (lineSuffix.trim() !== '' || /\n[ \t]*$/.test(text)) return `${body}\n`;
    return body;
  }
  if (lineSuffix.trim() === '') return body.replace(/\s+$/, '');
  // A block written before `});` that stays: the rest goes on a line of its own, indented as the
  // answer says (what Enter between brackets does); after one line it stays on that line.
  const end = /\n[ \t]*$/.exec(text);
  return end && body.includes('\n') ? body + end[0] : body;
}
