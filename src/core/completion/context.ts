// What the model sees: a window of the file around the cursor and a few short snippets from
// other files of the same language, all inside a token budget that respects the model's
// context length. Smaller prompts also answer sooner, so the budget is modest by default.
import { CHARS_PER_TOKEN } from '../tokens';
import { estimateTokens } from './text';

export interface OtherDocument {
  /** Path or URI, shown to the model as the snippet's file name. */
  uri: string;
  languageId: string;
  text: string;
}

export interface ContextLimits {
  /** The model's context length in tokens, when known. */
  contextLength?: number;
  /** Tokens reserved for the answer. */
  maxOutputTokens: number;
  /** Tokens reserved for the template's own words (instructions, examples). */
  overheadTokens: number;
  /** Upper bound on prompt tokens even for huge-context models (speed). */
  maxPromptTokens?: number;
}

export interface Snippet {
  uri: string;
  text: string;
}

export interface PromptContext {
  prefix: string;
  suffix: string;
  snippets: Snippet[];
  /** Whether the windows had to cut the file. */
  prefixTruncated: boolean;
  suffixTruncated: boolean;
}

export const DEFAULT_MAX_PROMPT_TOKENS = 3000;
const PREFIX_MAX_LINES = 150;
const SUFFIX_MAX_LINES = 50;
const SNIPPET_LINES = 20;
const MAX_SNIPPETS = 3;

/** Prompt tokens available for file text and snippets. */
export function promptBudget(limits: ContextLimits): number {
  const cap = limits.maxPromptTokens ?? DEFAULT_MAX_PROMPT_TOKENS;
  const byModel = limits.contextLength ? limits.contextLength - limits.maxOutputTokens - limits.overheadTokens : cap;
  return Math.max(64, Math.min(cap, byModel));
}

/** Whole lines from the end of `text`, at most `maxLines` lines and `maxTokens` tokens; the cursor's own line is always kept whole. */
export function tailWindow(text: string, maxLines: number, maxTokens: number): { text: string; truncated: boolean } {
  const maxChars = maxTokens * CHARS_PER_TOKEN;
  const lastNl = text.lastIndexOf('\n');
  let start = lastNl + 1;
  let lines = 0;
  while (start > 0 && lines < maxLines) {
    const prev = start < 2 ? 0 : text.lastIndexOf('\n', start - 2) + 1;
    if (text.length - prev > maxChars) break;
    start = prev;
    lines++;
  }
  // The cursor's own line can be longer than the budget: keep its end.
  if (text.length - start > maxChars && start === lastNl + 1) start = Math.max(start, text.length - maxChars);
  return { text: text.slice(start), truncated: start > 0 };
}

/** Whole lines from the start of `text`, with the same limits. */
export function headWindow(text: string, maxLines: number, maxTokens: number): { text: string; truncated: boolean } {
  const maxChars = maxTokens * CHARS_PER_TOKEN;
  const firstNl = text.indexOf('\n');
  if (firstNl < 0) return { text: text.slice(0, maxChars), truncated: text.length > maxChars };
  let end = firstNl + 1;
  let lines = 0;
  while (end < text.length && lines < maxLines) {
    const nl = text.indexOf('\n', end);
    const next = nl < 0 ? text.length : nl + 1;
    if (next > maxChars) break;
    end = next;
    lines++;
  }
  if (end > maxChars) end = maxChars;
  return { text: text.slice(0, end), truncated: end < text.length };
}

const IDENT = /[\p{L}_$][\p{L}\p{N}_$]*/gu;
/** Keywords every file shares: they say nothing about whether two pieces of code are related. */
const COMMON = new Set(
  'const let var function return export import from default def class self this new true false null none undefined if else elif for while in of and or not is async await try catch except finally with as pass break continue public private static void int string bool number fn pub mut use let impl struct type interface package func end do then'.split(' '),
);

function identifiers(text: string): Set<string> {
  const out = new Set<string>();
  for (const id of text.match(IDENT) ?? []) if (id.length >= 3 && !COMMON.has(id.toLowerCase())) out.add(id);
  return out;
}

/**
 * The windows of other same-language files most similar to what the user is writing
 * (Jaccard overlap of identifiers with the last lines before the cursor), best first.
 */
export function pickSnippets(prefix: string, others: readonly OtherDocument[], languageId: string, maxTokens: number): Snippet[] {
  if (maxTokens <= 0 || others.length === 0) return [];
  const query = identifiers(prefix.slice(-1500));
  if (query.size === 0) return [];
  const scored: { uri: string; text: string; score: number }[] = [];
  for (const doc of others) {
    if (doc.languageId !== languageId || doc.text.length === 0) continue;
    const lines = doc.text.split('\n', 5000);
    let best: { text: string; score: number } | undefined;
    for (let start = 0; start < lines.length; start += SNIPPET_LINES / 2) {
      const text = lines.slice(start, start + SNIPPET_LINES).join('\n');
      const ids = identifiers(text);
      let common = 0;
      for (const id of ids) if (query.has(id)) common++;
      const score = common / (query.size + ids.size - common || 1);
      if (!best || score > best.score) best = { text, score };
    }
    if (best && best.score >= 0.1) scored.push({ uri: doc.uri, ...best });
  }
  scored.sort((a, b) => b.score - a.score);
  const out: Snippet[] = [];
  let left = maxTokens;
  for (const s of scored.slice(0, MAX_SNIPPETS)) {
    const cost = estimateTokens(s.text) + 10;
    if (cost > left) continue;
    left -= cost;
    out.push({ uri: s.uri, text: s.text });
  }
  return out;
}

/** Splits the budget: prefix 60%, suffix 20%, snippets what is left (up to 20%). */
export function buildContext(
  fullPrefix: string,
  fullSuffix: string,
  languageId: string,
  others: readonly OtherDocument[],
  limits: ContextLimits,
): PromptContext {
  const budget = promptBudget(limits);
  const suffix = headWindow(fullSuffix, SUFFIX_MAX_LINES, Math.floor(budget * 0.2));
  const prefix = tailWindow(fullPrefix, PREFIX_MAX_LINES, Math.floor(budget * 0.6));
  const used = estimateTokens(prefix.text) + estimateTokens(suffix.text);
  const snippets = pickSnippets(prefix.text, others, languageId, Math.min(Math.floor(budget * 0.2), budget - used));
  return { prefix: prefix.text, suffix: suffix.text, snippets, prefixTruncated: prefix.truncated, suffixTruncated: suffix.truncated };
}
