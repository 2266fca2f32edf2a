// A fast token count for VS Code's budgeting (provideTokenCount). It must not undercount: VS Code
// trims a conversation to maxInputTokens by these numbers, and a low count means the server
// refuses the request. So it takes the larger of two cheap estimates, each of which overcounts
// where the other undercounts:
// - a pre-tokenizer count (words, each digit, each punctuation mark, line breaks), which is
//   close on code, JSON and short English but too low on long words;
// - four characters a token, which is close on English prose but too low on code.
// How close it is is measured in test/unit/lm/tokenEstimate.test.ts: against SambaNova's
// `usage.prompt_tokens` in captured responses (the constants below were fitted to those), and
// against the real tokenizers of Llama 3, Qwen3, gemma 3, DeepSeek V3 and gpt-oss on long code,
// prose, data and other scripts that nothing here was fitted to (fixtures/held-out).
import type { TemplateFamily } from './modelFamily';

/**
 * Letters (long words split about every 8), one digit, one other character, whitespace runs.
 * Qwen and gemma give every digit its own token (Llama 3, DeepSeek and gpt-oss take up to three):
 * counting each digit keeps numbers, dates and ids from undercounting on the first two.
 */
const PIECE = /[A-Za-z]+|\d|\s+|[^\sA-Za-z\d]/g;

const isDigit = (code: number) => code >= 48 && code <= 57;

export function estimateTextTokens(text: string): number {
  if (text === '') return 0;
  let pieces = 0;
  PIECE.lastIndex = 0;
  for (let m = PIECE.exec(text); m !== null; m = PIECE.exec(text)) {
    const piece = m[0];
    const first = piece.charCodeAt(0);
    if (first === 32) {
      // A single space belongs to the next word (" the" is one token), but not to a number
      // (" 42" is two); longer runs are one token.
      if (piece.length > 1 || isDigit(text.charCodeAt(m.index + 1))) pieces++;
    } else if (first <= 32) {
      pieces++; // line breaks and tabs
    } else if (piece.length > 8 && /^[A-Za-z]/.test(piece)) {
      pieces += Math.ceil(piece.length / 8);
    } else {
      pieces++;
    }
  }
  return Math.max(pieces, Math.ceil(text.length / 4));
}

export interface TemplateOverhead {
  /** Added once per request: begin-of-text, a default system block, the assistant prefix. */
  perRequest: number;
  /** Role markers and end-of-turn tokens around each message. */
  perMessage: number;
  /** Instructions the template wraps around tool definitions, once when tools are sent. */
  perToolList: number;
}

// Fitted to the captured responses in test/unit/lm/fixtures/prompt-tokens.json (each entry names
// its source), rounded up; families without a capture get the largest per-message figure.
const overheads: Record<TemplateFamily, TemplateOverhead> = {
  // Llama 3.x: <|begin_of_text|>, a system block with "Cutting Knowledge Date ... Today Date ...",
  // <|start_header_id|>role<|end_header_id|>\n\n ... <|eot_id|> per message.
  llama3: { perRequest: 32, perMessage: 5, perToolList: 60 },
  // Llama 4: <|header_start|>role<|header_end|>\n\n ... <|eot|>, no default system block.
  llama4: { perRequest: 8, perMessage: 5, perToolList: 60 },
  // gpt-oss (harmony): a default system message (model identity, dates, reasoning level,
  // channels) and <|start|>role<|message|> ... <|end|> per message.
  'gpt-oss': { perRequest: 66, perMessage: 4, perToolList: 40 },
  deepseek: { perRequest: 3, perMessage: 2, perToolList: 60 },
  qwen: { perRequest: 8, perMessage: 5, perToolList: 60 },
  gemma: { perRequest: 8, perMessage: 5, perToolList: 60 },
  minimax: { perRequest: 20, perMessage: 5, perToolList: 60 },
  other: { perRequest: 20, perMessage: 5, perToolList: 60 },
};

export function templateOverhead(family: TemplateFamily): TemplateOverhead {
  return overheads[family];
}

/** What an image costs on SambaNova's vision models (they tile images into up to ~1.5k tokens). */
export const IMAGE_TOKENS = 1_600;
