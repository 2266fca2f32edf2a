// The plain hole-filler prompt a straightforward integration would send: file in a fence with a
// <FILL> marker, "reply with only the code". The naive provider of the bench and the baselines of
// eval:completion use it, so our prompts are compared with the obvious alternative on the same model
// (eval:completion also runs its answer through our cleaner, to measure the prompt on its own).
import type { ChatMessage } from '../../src/core/client/types';

export const BASELINE_HOLE = '<FILL>';

export function baselineMessages(
  languageId: string,
  fileName: string,
  prefix: string,
  suffix: string,
): ChatMessage[] {
  return [
    {
      role: 'system',
      content: `You are a code completion assistant. Replace ${BASELINE_HOLE} in the user's code with the missing code. Reply with only that code.`,
    },
    { role: 'user', content: `${fileName}\n\`\`\`${languageId}\n${prefix}${BASELINE_HOLE}${suffix}\n\`\`\`` },
  ];
}

/** What a simple client does with the answer: drop a surrounding fence, nothing more (eval's third column). */
export function baselineParse(answer: string): string {
  const fenced = /^\s*```[\w+-]*\n([\s\S]*?)\n?```\s*$/.exec(answer);
  return fenced ? fenced[1]! : answer;
}
