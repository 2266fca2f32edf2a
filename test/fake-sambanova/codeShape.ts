// What the stand-in can see in a piece of code without understanding it: the first declaration
// (name and parameters), what it checks, returns and calls, and how the language writes comments.
// Regular expressions over lines, good enough for the languages people try first; never exact.

export interface Signature {
  kind: 'function' | 'class';
  name: string;
  params: string[];
  /** Index of the line that declares it. */
  line: number;
}

const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'await', 'typeof', 'sizeof', 'new', 'super', 'with', 'elif', 'print', 'def', 'fn', 'func', 'fun', 'sub']);
const RECEIVERS = new Set(['self', 'cls', 'this', '&self', '&mut self', 'mut self']);

/** Splits on commas outside brackets. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if ('([{<'.includes(ch)) depth++;
    else if (')]}>'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((p) => p.trim()).filter((p) => p !== '');
}

/** A parameter's name: before a type annotation (TS, Python, Rust), else first (Go) or last (C, Java) word. */
function paramName(param: string, language: string): string | undefined {
  if (RECEIVERS.has(param)) return undefined;
  let p = param.replace(/=[\s\S]*$/, '').replace(/^\.\.\.|^\*{1,2}/, '').trim();
  p = p.replace(/^(?:public|private|protected|readonly|final|const|mut|override)\s+/g, '');
  if (p.includes(':')) p = p.slice(0, p.indexOf(':')).trim().replace(/\?$/, '');
  else {
    const words = p.split(/\s+/);
    p = (language === 'go' ? words[0] : words[words.length - 1]) ?? '';
  }
  p = p.replace(/^[*&]+|\[\]$/g, '');
  return /^[A-Za-z_$][\w$]*$/.test(p) && !RECEIVERS.has(p) ? p : undefined;
}

/** The first function, method or class declared in the code's first lines. */
export function findSignature(code: string, language: string): Signature | undefined {
  const lines = code.split('\n');
  for (let i = 0; i < Math.min(lines.length, 12); i++) {
    const line = lines[i]!.trim();
    if (line === '' || /^(\/\/|#|\*|\/\*|@|--)/.test(line)) continue;
    const cls = /^(?:export\s+)?(?:default\s+)?(?:public\s+|abstract\s+|final\s+|data\s+)*(?:class|struct|interface|enum|trait)\s+([A-Za-z_$][\w$]*)/.exec(line);
    if (cls) return { kind: 'class', name: cls[1]!, params: [], line: i };
    // A declaration: a declaring keyword, or a line that opens a body ({, =>, Python's :, or { on the next line).
    const opensBody = /(\{|=>|:)\s*$/.test(line) || (/\)\s*$/.test(line) && lines[i + 1]?.trim() === '{');
    if (!/\b(?:function|def|fn|func|fun|sub)\b/.test(line) && !opensBody) return undefined;
    for (const call of line.matchAll(/([A-Za-z_$][\w$]*)\s*(?:=\s*(?:async\s*)?(?:function\s*)?)?(?:<[^>()]*>)?\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g)) {
      if (KEYWORDS.has(call[1]!)) continue;
      const params = splitTopLevel(call[2]!).map((p) => paramName(p, language)).filter((p): p is string => p !== undefined);
      return { kind: 'function', name: call[1]!, params, line: i };
    }
    return undefined; // the code starts with something other than a declaration
  }
  return undefined;
}

/** 'clampValue', 'clamp_value' -> 'Clamp value'. */
export function nameToWords(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_$]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A human list: 'a', 'a and b', 'a, b and c'. */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export interface Outline {
  declares: string[];
  checks: string[];
  returns: string[];
  calls: string[];
}

function unique(items: string[], max: number): string[] {
  return [...new Set(items)].slice(0, max);
}

/** The condition of an if / else if / elif / while line: inside its parentheses, or up to Python's ':'. */
function condition(line: string): string | undefined {
  const rest = /^(?:\}\s*)?(?:else\s+if|elif|if|while)\b\s*(.*)$/.exec(line)?.[1];
  if (rest === undefined) return undefined;
  if (rest.startsWith('(')) {
    let depth = 0;
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '(') depth++;
      else if (rest[i] === ')' && --depth === 0) return rest.slice(1, i).trim() || undefined;
    }
    return undefined;
  }
  return rest.replace(/\s*(?::|\bthen\b|\{).*$/, '').trim() || undefined;
}

/** What the code visibly does: declarations, conditions, returned expressions, calls. */
export function outline(code: string, language: string): Outline {
  const lines = code.split('\n').map((l) => l.trim());
  const declares: string[] = [];
  const sig = findSignature(code, language);
  if (sig) declares.push(sig.kind === 'function' ? `${sig.name}(${sig.params.join(', ')})` : sig.name);
  for (const l of lines) {
    const m = /^(?:export\s+)?(?:const|let|var|val)\s+([A-Za-z_$][\w$]*)/.exec(l);
    if (m) declares.push(m[1]!);
  }
  const checks = lines.flatMap((l) => {
    const c = condition(l);
    return c ? [c] : [];
  });
  const returns = lines.flatMap((l) => {
    const m = /\breturn\s+([^;]+?);?\s*(?:\}\s*)?$/.exec(l);
    return m ? [m[1]!] : [];
  });
  const calls = [...code.matchAll(/\b([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(/g)]
    .map((m) => m[1]!)
    .filter((c) => !KEYWORDS.has(c) && c !== sig?.name && !/^(?:def|fn|func|fun)$/.test(c));
  return { declares: unique(declares, 4), checks: unique(checks, 4), returns: unique(returns, 4), calls: unique(calls, 5) };
}

/** How a language writes a one-line comment: before and after the text. */
export function lineComment(language: string): [string, string] {
  if (/^(python|ruby|shellscript|perl|r|yaml|dockerfile|makefile|powershell|toml|elixir|julia|coffeescript|properties|ini)$/.test(language)) return ['# ', ''];
  if (/^(sql|lua|haskell|ada|elm)$/.test(language)) return ['-- ', ''];
  if (/^(latex|tex|matlab|erlang)$/.test(language)) return ['% ', ''];
  if (/^(clojure|lisp|scheme)$/.test(language)) return [';; ', ''];
  if (/^(html|xml|markdown|vue-html|svg)$/.test(language)) return ['<!-- ', ' -->'];
  if (/^(css|scss|less)$/.test(language)) return ['/* ', ' */'];
  return ['// ', ''];
}

/** A doc block's style: JSDoc-like, triple-slash lines, a line comment, or a docstring after the def line. */
export type DocStyle = 'block' | 'slashes' | 'line' | 'docstring';

export function docStyle(language: string): DocStyle {
  if (language === 'python') return 'docstring';
  if (/^(rust|swift|dart|csharp|fsharp)$/.test(language)) return 'slashes';
  if (/^(javascript|typescript|javascriptreact|typescriptreact|java|kotlin|scala|groovy|php|c|cpp|objective-c|objective-cpp)$/.test(language)) return 'block';
  return 'line';
}
