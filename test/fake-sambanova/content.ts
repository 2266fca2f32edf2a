// What the fake model "says": deterministic text derived from a seed, cut into tokens the way a
// BPE tokenizer roughly would (a word with its leading space is one token; long words split).

/** Splits text into token-sized pieces that concatenate back to exactly the input. */
export function tokenize(text: string): string[] {
  // Special tags first (DeepSeek emits <think> as one token), then words of up to 6 letters with
  // their leading space, digit groups, single symbols (any code point, so emoji stay whole),
  // and runs of whitespace such as "\n\n".
  const pieces = text.match(/<\/?think>|[ \t]?[\p{L}\p{M}]{1,6}|[ \t]?\p{N}{1,3}|[ \t]?[^\s\p{L}\p{M}\p{N}]|\s+/gu);
  return pieces ?? [];
}

/** A small, fast, seedable PRNG (mulberry32), so the same seed gives the same answer. */
export function seededRandom(seed: string): () => number {
  return mulberry32(hashString(seed));
}

/** mulberry32: small, fast, seedable; shared with the benches so a trace replays the same. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bit. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const topics = ['stream', 'buffer', 'token', 'request', 'socket', 'parser', 'cache', 'queue', 'model', 'editor'];
const verbs = ['reads', 'parses', 'collects', 'forwards', 'measures', 'validates', 'retries', 'renders'];
const adjectives = ['fast', 'small', 'naïve', 'robust', 'lazy', 'typed', 'bounded', 'idle'];
const extras = ['→ then', '— and', '(about 5 ms)', 'in “one” pass', 'with 3× fewer copies', 'per chunk ✓'];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function sentence(random: () => number): string {
  const subject = `The ${pick(random, adjectives)} ${pick(random, topics)}`;
  const rest = `${pick(random, verbs)} each ${pick(random, topics)} ${pick(random, extras)} the ${pick(random, topics)}`;
  return `${subject} ${rest}.`;
}

function tsBlock(random: () => number, n: number): string {
  const name = `${pick(random, topics)}${n}`;
  return [
    '```ts',
    `export function ${name}(input: string[]): number {`,
    `  let total = 0;`,
    `  for (const item of input) total += item.length * ${1 + Math.floor(random() * 9)};`,
    `  return total; // ${pick(random, adjectives)}`,
    '}',
    '```',
  ].join('\n');
}

function pythonBlock(random: () => number, n: number): string {
  return [
    '```python',
    `def ${pick(random, topics)}_${n}(items):`,
    `    """Return the ${pick(random, adjectives)} items."""`,
    `    return [x for x in items if len(x) > ${Math.floor(random() * 10)}]`,
    '```',
  ].join('\n');
}

/** One section of markdown: heading, paragraph, list, and a code block (ts and python alternate). */
function section(random: () => number, n: number): string {
  const heading = `## ${n === 1 ? 'Answer' : `Part ${n}`}: the ${pick(random, adjectives)} ${pick(random, topics)}`;
  const paragraph = [sentence(random), sentence(random), `Use \`${pick(random, topics)}()\` **carefully**.`].join(' ');
  const list = [1, 2, 3].map(() => `- ${sentence(random)}`).join('\n');
  const code = n % 2 === 1 ? tsBlock(random, n) : pythonBlock(random, n);
  return [heading, paragraph, list, code].join('\n\n');
}

/**
 * A markdown answer of exactly `tokenCount` tokens (by tokenize()), the same for the same seed.
 * Long answers repeat the section pattern; the last section is cut where the count runs out.
 */
export function generateAnswerTokens(seed: string, tokenCount: number): string[] {
  const random = seededRandom(seed);
  const tokens: string[] = [];
  for (let n = 1; tokens.length < tokenCount; n++) {
    const text = (n === 1 ? '' : '\n\n') + section(random, n);
    for (const token of tokenize(text)) {
      if (tokens.length >= tokenCount) break;
      tokens.push(token);
    }
  }
  return tokens;
}

/** Reasoning text ("thinking") of exactly `tokenCount` tokens. */
export function generateReasoningTokens(seed: string, tokenCount: number): string[] {
  const random = seededRandom(`reasoning:${seed}`);
  const tokens: string[] = [];
  while (tokens.length < tokenCount) {
    const text = `${tokens.length === 0 ? '' : ' '}The user asks about the ${pick(random, topics)}; check how it ${pick(random, verbs)} data.`;
    for (const token of tokenize(text)) {
      if (tokens.length >= tokenCount) break;
      tokens.push(token);
    }
  }
  return tokens;
}

/** SambaNova-like prompt token estimate: about four characters per token, plus a few per message. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
