// The wrappers a model puts around the code it means: reasoning in <think> tags, FIM sentinel
// tokens, the answer tags the chat prompt asks for, markdown fences, polite chatter before and
// after, single backticks, an echo of the query. unwrapAnswer() removes them in that order; what
// is left is the code, still to be fitted to the cursor (postprocess.ts).
import { ThinkTagSplitter } from '../client/thinkSplitter';
import { CLOSE_TAG, HOLE, OPEN_TAG } from './prompt';

const FIM_SENTINELS = [
  '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|endoftext|>', '<|fim_pad|>', '<|file_sep|>', '<|im_end|>',
  '<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>', '<｜end▁of▁sentence｜>', '<｜EOT｜>',
  '<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<file_sep>',
  '<PRE>', '<SUF>', '<MID>', '<EOT>', '[PREFIX]', '[SUFFIX]', '[MIDDLE]', '</s>',
];

/** The code inside whatever the model wrapped it in ('' when only wrapping is left). */
export function unwrapAnswer(raw: string, languageId: string, linePrefix: string): string {
  let text = raw.replace(/\r\n?/g, '\n');
  text = stripThinking(text);
  text = stripSentinels(text);
  text = extractTagged(text);
  if (languageId !== 'markdown') text = extractFenced(text);
  text = stripChatter(text);
  text = stripInlineBackticks(text, linePrefix);
  if (text.includes(HOLE)) text = afterEchoedHole(text);
  return text;
}

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
function stripInlineBackticks(text: string, linePrefix: string): string {
  const m = /^`([^`\n]+)`$/.exec(text.trim());
  if (!m || linePrefix.includes('`')) return text;
  return m[1]!;
}

/** The model echoed the query: keep what it wrote where the hole was. */
function afterEchoedHole(text: string): string {
  return text.slice(text.indexOf(HOLE) + HOLE.length);
}
