// Brackets and strings in code, read the way the post-processing needs them: the balance of a
// line, whether it leaves a string open, and which of the cursor line's open brackets and
// strings a piece of code (the answer, the rest of the line) closes. Simple on purpose: quotes,
// f-string and template placeholders, line comments; no full tokenizer.

/** Opening minus closing brackets on a line, ignoring those inside simple string literals and line comments. */
export function bracketDelta(line: string): number {
  return scanLine(line).delta;
}

/** Bracket balance of a line and whether it ends inside an unclosed string literal. */
export function scanLine(line: string): { delta: number; openString: boolean } {
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

/** A line that closes more than it opens, or leaves a string open, is broken. */
export function broken(line: string): boolean {
  const scan = scanLine(line);
  return scan.delta < 0 || scan.openString;
}

const OPENER_OF: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const QUOTES = '"\'`';

/** An open bracket or string; `at` is its offset in the cursor's line (-1 when the text opened it). */
export interface Open {
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
export function lineState(linePrefix: string): Open[] {
  return scanCode([], linePrefix, true);
}

/**
 * Which of the cursor line's open brackets and strings (their offsets) the text closes. Closers of
 * blocks opened on earlier lines are the text's own business and not counted.
 */
export function closedBy(state: Open[], text: string): Set<number> {
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
export function restCloses(state: Open[], rest: string): Array<Set<number>> {
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

export const covers = (a: Set<number>, b: Set<number>) => [...b].every((x) => a.has(x));
