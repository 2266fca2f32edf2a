// "SambaNova: Use as VS Code's Agent": the decisions and the words, without VS Code.
// VS Code's Agent mode comes from the built-in GitHub Copilot Chat extension. It runs a model from
// another provider (ours) only once the user is signed in to GitHub, or when the experimental
// user setting `chat.allowAnonymousAccess` is true. That setting changes how all of VS Code's chat
// behaves, so we explain it and ask; we never change it on our own.
import { countText } from '../countText';
import type { ModelInfo } from '../client/types';

export const ANONYMOUS_SETTING = 'chat.allowAnonymousAccess';
export const UTILITY_SETTING = 'chat.utilityModel';
export const UTILITY_SMALL_SETTING = 'chat.utilitySmallModel';

export interface AnonymousAccessFacts {
  /** vscode.version */
  vscodeVersion: string;
  /** The setting has a registered default (inspect().defaultValue !== undefined). */
  registered: boolean;
  /** GitHub Copilot Chat (which reads the setting) is installed. */
  copilotChat: boolean;
  /** The value in effect, if any. */
  value: unknown;
}

export type AnonymousAccess = { state: 'on' } | { state: 'off' } | { state: 'unavailable'; why: string };

/**
 * VS Code 1.139 reads the setting but keeps it out of its settings registry (it is declared with
 * `included: false`), so an extension's inspect() sees no default there. It is available where
 * it is registered, or where Copilot Chat and VS Code are new enough to read it (1.105, October
 * 2025, is the first release whose Copilot Chat reads it; 1.104 has no such setting).
 */
export function anonymousAccess(f: AnonymousAccessFacts): AnonymousAccess {
  const available = f.registered || (f.copilotChat && versionAtLeast(f.vscodeVersion, 1, 105));
  if (!available) {
    return {
      state: 'unavailable',
      why: f.copilotChat
        ? `VS Code ${f.vscodeVersion} has no "${ANONYMOUS_SETTING}" setting`
        : `VS Code ${f.vscodeVersion} has no Agent mode here (the GitHub Copilot Chat extension is not installed), so there is no "${ANONYMOUS_SETTING}" setting`,
    };
  }
  return f.value === true ? { state: 'on' } : { state: 'off' };
}

function versionAtLeast(version: string, major: number, minor: number): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a > major || (a === major && b >= minor);
}

/** What the modal says before the setting is turned on. */
export const ANONYMOUS_EXPLANATION = [
  `VS Code's Agent mode (from the built-in GitHub Copilot Chat extension) asks you to sign in to GitHub before it runs, even with a SambaNova model.`,
  `The experimental setting "${ANONYMOUS_SETTING}" lets VS Code's chat run without that sign-in: your agent requests then go to SambaNova with your SambaNova key, and Copilot's own models stay limited until you sign in.`,
  `It is one line in your user settings.json, for all of VS Code's chat (the Settings editor does not list it): we add it and show you the file; delete the line to turn it off again.`,
].join('\n\n');

export function unavailableExplanation(why: string): string {
  return (
    `${why}, so VS Code's Agent mode will ask for a GitHub sign-in before it runs a SambaNova model; nothing was changed. ` +
    `Without signing in you can still use SambaNova models in the SambaNova chat panel, with @sambanova in VS Code's chat, and in the editor commands.`
  );
}

/**
 * Copilot asks for "utility models" (chat titles, summaries, commit messages, the agent's small
 * side tasks) and, with a model like ours, offers "Set BYOK utility models". Those jobs are short
 * and frequent: the fastest, cheapest model with room for a summary is the right pick. Preferred
 * ids first (gpt-oss-120b: one of SambaNova's fastest, about 700 output tokens/s in Artificial
 * Analysis' measurements, and among its cheapest); otherwise the cheapest the endpoint lists.
 */
const PREFERRED_UTILITY = ['gpt-oss-120b', 'Meta-Llama-3.3-70B-Instruct'];
const MIN_UTILITY_CONTEXT = 32_768;

export interface UtilityPick {
  /** Model id (the setting takes `sambanova/<id>`). */
  id: string;
  why: string;
}

export function recommendUtilityModel(models: readonly ModelInfo[], isChat: (id: string) => boolean): UtilityPick | undefined {
  const usable = models.filter((m) => isChat(m.id) && (m.contextLength ?? 0) >= MIN_UTILITY_CONTEXT);
  const preferred = PREFERRED_UTILITY.map((id) => usable.find((m) => m.id === id)).find((m) => m !== undefined);
  const pick = preferred ?? [...usable].sort((a, b) => price(a) - price(b))[0];
  if (!pick) return undefined;
  const cost = pick.pricing?.prompt !== undefined && pick.pricing.completion !== undefined ? ` ($${round(pick.pricing.prompt * 1e6)} in, $${round(pick.pricing.completion * 1e6)} out per million tokens)` : '';
  const speed = pick.id === 'gpt-oss-120b' ? 'one of the fastest models on SambaNova and among the cheapest' : 'the cheapest model this endpoint lists with room for a summary';
  return { id: pick.id, why: `${pick.id}: ${speed}${cost}, with ${countText(pick.contextLength)} tokens of context.` };
}

export function utilityExplanation(pick: UtilityPick): string {
  return (
    `Copilot also uses a "utility model" for small, frequent jobs: chat titles, summaries of long conversations, commit messages. ` +
    `With a SambaNova model it asks you to set one ("Set BYOK utility models"). ` +
    `We suggest ${pick.why} Set "${UTILITY_SETTING}" and "${UTILITY_SMALL_SETTING}" to sambanova/${pick.id}?`
  );
}

function price(m: ModelInfo): number {
  const p = (m.pricing?.prompt ?? Infinity) + (m.pricing?.completion ?? Infinity);
  return Number.isFinite(p) ? p : Number.MAX_VALUE;
}

function round(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
