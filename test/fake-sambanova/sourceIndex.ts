// The fake model's "knowledge" of files being typed: given a prompt (any format: a chat
// hole-filling prompt, a raw FIM prompt, Tabby's segments), find which registered source file it
// quotes and where the cursor is, so the answer can be the file's true continuation and a replay
// can check correctness. Format-agnostic on purpose: it only looks for long stretches of the
// prompt that appear verbatim in a source (the prefix window ends at the cursor, the suffix window
// starts where the hole ends), so it keeps working whatever prompt the client builds.

/** Suffix automaton of one source: finds, for every end position of a text, its longest match. */
class SuffixAutomaton {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly link: number[] = [-1];
  private readonly length: number[] = [0];
  /** End index (inclusive) of the first occurrence of each state's strings. */
  private readonly firstEnd: number[] = [-1];

  constructor(text: string) {
    let last = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const cur = this.add(this.length[last]! + 1, i);
      let p = last;
      while (p !== -1 && !this.next[p]!.has(c)) {
        this.next[p]!.set(c, cur);
        p = this.link[p]!;
      }
      if (p === -1) this.link[cur] = 0;
      else {
        const q = this.next[p]!.get(c)!;
        if (this.length[p]! + 1 === this.length[q]) this.link[cur] = q;
        else {
          const clone = this.add(this.length[p]! + 1, this.firstEnd[q]!);
          this.next[clone] = new Map(this.next[q]);
          this.link[clone] = this.link[q]!;
          while (p !== -1 && this.next[p]!.get(c) === q) {
            this.next[p]!.set(c, clone);
            p = this.link[p]!;
          }
          this.link[q] = clone;
          this.link[cur] = clone;
        }
      }
      last = cur;
    }
  }

  private add(length: number, firstEnd: number): number {
    this.next.push(new Map());
    this.link.push(-1);
    this.length.push(length);
    this.firstEnd.push(firstEnd);
    return this.next.length - 1;
  }

  /** Maximal stretches of `text` found in the source, at least `minLength` long. */
  matches(text: string, minLength: number): Match[] {
    const found: Match[] = [];
    let state = 0;
    let length = 0;
    let previous: { length: number; state: number } | undefined;
    for (let i = 0; i <= text.length; i++) {
      let extended = false;
      if (i < text.length) {
        const c = text.charCodeAt(i);
        while (state !== 0 && !this.next[state]!.has(c)) {
          state = this.link[state]!;
          length = this.length[state]!;
        }
        const to = this.next[state]!.get(c);
        if (to !== undefined) {
          state = to;
          length++;
        } else {
          state = 0;
          length = 0;
        }
        extended = previous !== undefined && length === previous.length + 1;
      }
      // The stretch ending at i-1 is maximal when the one ending at i does not extend it.
      if (previous && !extended && previous.length >= minLength) {
        const sourceEnd = this.firstEnd[previous.state]! + 1;
        found.push({ textStart: i - previous.length, textEnd: i, sourceStart: sourceEnd - previous.length, sourceEnd });
      }
      previous = i < text.length ? { length, state } : undefined;
    }
    return found;
  }
}

export interface Match {
  /** [textStart, textEnd) in the prompt equals [sourceStart, sourceEnd) in the source. */
  textStart: number;
  textEnd: number;
  sourceStart: number;
  sourceEnd: number;
}

export interface Located {
  path: string;
  source: string;
  /** Cursor: the document is source[0, cursor) + source[holeEnd, end). */
  cursor: number;
  holeEnd: number;
  /** How many prompt characters matched the source (prefix + suffix windows). */
  evidence: number;
}

/** Tokens prompt formats use between prefix and suffix; a match must not swallow part of one. */
const marker =
  /<\|[^|<>\n]{1,40}\|>|<｜[^｜<>\n]{1,40}｜>|<\/?[A-Za-z_][\w-]{0,40}>|\{\{[A-Za-z_]{2,40}\}\}|\[(?:PREFIX|SUFFIX|MIDDLE)\]|<(?:PRE|SUF|MID)>/g;

/** Cuts matches back where they run into a marker token (e.g. source "<" before "<|fim_suffix|>"). */
function trimAtMarkers(text: string, match: Match): Match | undefined {
  let { textStart, textEnd, sourceStart, sourceEnd } = match;
  marker.lastIndex = Math.max(0, textStart - 45);
  const windowEnd = textEnd + 45;
  for (let m = marker.exec(text); m && m.index < windowEnd; m = marker.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (start < textEnd && end > textEnd && start >= textStart) {
      sourceEnd -= textEnd - start;
      textEnd = start;
    }
    if (start < textStart && end > textStart && end <= textEnd) {
      sourceStart += end - textStart;
      textStart = end;
    }
  }
  return textEnd > textStart ? { textStart, textEnd, sourceStart, sourceEnd } : undefined;
}

export class SourceIndex {
  private readonly sources = new Map<string, { text: string; automaton?: SuffixAutomaton }>();

  add(path: string, text: string): void {
    this.sources.set(path, { text });
  }

  remove(path: string): void {
    this.sources.delete(path);
  }

  clear(): void {
    this.sources.clear();
  }

  get size(): number {
    return this.sources.size;
  }

  paths(): string[] {
    return [...this.sources.keys()];
  }

  /**
   * Finds the source and cursor a prompt is about. Sources whose file name the prompt mentions are
   * tried first (cheap); all sources otherwise. Undefined when nothing matches well enough.
   */
  locate(prompt: string, minLength = 16): Located | undefined {
    if (this.sources.size === 0) return undefined;
    const named = [...this.sources.keys()].filter((path) => prompt.includes(baseName(path)));
    const first = this.best(named, prompt, minLength);
    if (first) return first;
    return this.best([...this.sources.keys()].filter((path) => !named.includes(path)), prompt, minLength);
  }

  private best(paths: string[], prompt: string, minLength: number): Located | undefined {
    let best: Located | undefined;
    for (const path of paths) {
      const located = this.locateIn(path, prompt, minLength);
      if (located && (!best || located.evidence > best.evidence)) best = located;
    }
    return best;
  }

  private locateIn(path: string, prompt: string, minLength: number): Located | undefined {
    const entry = this.sources.get(path)!;
    entry.automaton ??= new SuffixAutomaton(entry.text);
    const matches = entry.automaton
      .matches(prompt, minLength)
      .map((m) => trimAtMarkers(prompt, m))
      .filter((m): m is Match => m !== undefined && m.textEnd - m.textStart >= minLength)
      .sort((a, b) => b.textEnd - b.textStart - (a.textEnd - a.textStart));
    const [a, b] = matches;
    if (!a) return undefined;
    const size = (m: Match) => m.textEnd - m.textStart;
    if (!b) {
      // One long window: the prefix. A short suffix (");\n}") shows as a short match right after
      // it in the prompt (past a marker) that lies after the cursor in the source; without one,
      // the hole runs to the end of the file.
      const holeEnd = shortSuffixStart(prompt.slice(a.textEnd), entry.text, a.sourceEnd) ?? entry.text.length;
      return { path, source: entry.text, cursor: a.sourceEnd, holeEnd, evidence: size(a) };
    }
    const [prefix, suffix] = a.sourceEnd <= b.sourceStart ? [a, b] : [b, a];
    if (prefix.sourceEnd > suffix.sourceStart) {
      return { path, source: entry.text, cursor: a.sourceEnd, holeEnd: entry.text.length, evidence: size(a) };
    }
    return { path, source: entry.text, cursor: prefix.sourceEnd, holeEnd: suffix.sourceStart, evidence: size(a) + size(b) };
  }
}

/** Where the text after the prefix window (past one marker, up to the next) continues the source. */
function shortSuffixStart(afterPrefix: string, source: string, cursor: number): number | undefined {
  marker.lastIndex = 0;
  const lead = marker.exec(afterPrefix);
  let rest = lead && lead.index === 0 ? afterPrefix.slice(lead[0].length) : afterPrefix;
  marker.lastIndex = 0;
  const next = marker.exec(rest);
  if (next) rest = rest.slice(0, next.index);
  rest = rest.slice(0, 200);
  for (let length = rest.length; length >= 3; length--) {
    const at = source.indexOf(rest.slice(0, length), cursor);
    if (at !== -1) return at;
  }
  return undefined;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
