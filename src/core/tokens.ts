// Token counts without a tokenizer. There are two rules, for two needs:
// - cheap (here): about four characters a token, the usual ratio for English and code with BPE
//   tokenizers (Llama 3, gpt-oss). One division, split-invariant: for paths that run per streamed
//   chunk or per keystroke (the live tok/s, inline completion's context cut), where being a bit
//   off costs nothing.
// - careful (core/lm/tokenEstimate.ts, estimateTextTokens): never below this one and close to
//   SambaNova's own counts; for budgets that must not be exceeded (VS Code's trimming, the chat's
//   context window, the editor commands' size check).

export const CHARS_PER_TOKEN = 4;

/** The cheap rule: tokens in `chars` characters (rounded up; none in none). */
export function tokensForChars(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}
