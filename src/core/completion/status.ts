// Completion's state in words, for the status bar's text, accessible label and tooltip.
// Pure, so the wording is tested without an editor.
import type { SettingOrigin } from '../settingsPolicy';
import type { CompletionState } from './engine';

export interface CompletionStatusInput {
  enabled: boolean;
  /** Which settings level decided `enabled` (a workspace can turn completion off). */
  enabledOrigin?: SettingOrigin;
  /** Clock time until which completion is snoozed, if it is. */
  snoozedUntil?: number;
  state: CompletionState;
  /** The model in use and whether it was picked automatically, once known. */
  model?: { model: string; auto: boolean };
  now: number;
}

export interface CompletionStatus {
  /** Short words for the status bar text, only when the state needs attention. */
  text?: string;
  /** The words report a failed request. Without any API key the status bar leaves them out: its
   *  main item already says "Set API Key", and completion just waits for one. */
  failed?: boolean;
  /** Always present: read by screen readers ("inline completion on"). */
  label: string;
  tooltip: string;
}

function seconds(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}

function minutes(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 60_000));
}

export function describeCompletionStatus(input: CompletionStatusInput): CompletionStatus {
  const modelNote = input.model
    ? ` Model: ${input.model.model}${input.model.auto ? ' (picked automatically from the model list; set sambanova.completion.model to choose)' : ''}.`
    : '';
  if (!input.enabled) {
    if (input.enabledOrigin === 'workspace' || input.enabledOrigin === 'workspaceFolder') {
      const where = input.enabledOrigin === 'workspace' ? "this workspace's settings" : "this folder's settings";
      return {
        label: `inline completion off in ${where}`,
        tooltip: `Inline completion is off in ${where} (sambanova.completion.enabled: false). A workspace may turn it off for its code; remove that setting there to turn it on.`,
      };
    }
    return {
      label: 'inline completion off',
      tooltip: 'Inline completion is off in your user settings. Run "SambaNova: Toggle Inline Completion" to turn it on.',
    };
  }
  if (input.snoozedUntil !== undefined && input.snoozedUntil > input.now) {
    const m = minutes(input.snoozedUntil, input.now);
    return {
      text: `completion snoozed ${m} min`,
      label: `inline completion snoozed for ${m} more minutes`,
      tooltip: `Inline completion is snoozed for ${m} more minute${m === 1 ? '' : 's'}. Run "SambaNova: Snooze Inline Completion" to resume.`,
    };
  }
  const s = input.state;
  switch (s.kind) {
    case 'rateLimited': {
      if (s.until <= input.now) break;
      const sec = seconds(s.until, input.now);
      return s.selfImposed
        ? {
            text: `completion paused, ${sec} s`,
            label: `inline completion paused to keep requests for the chat, resumes in ${sec} seconds`,
            tooltip: `Inline completion is pausing for ${sec} s so the chat keeps its share of ${s.model}'s request limit.${modelNote}`,
          }
        : {
            text: `completion rate limited, retry in ${sec} s`,
            label: `inline completion rate limited, retry in ${sec} seconds`,
            tooltip: `SambaNova's rate limit for ${s.model} was reached (429). Inline completion waits ${sec} s before asking again.${modelNote}`,
          };
    }
    case 'error':
      return {
        text: 'completion error',
        failed: true,
        label: 'inline completion error',
        tooltip: `The last inline completion request failed: ${s.message} (details in "SambaNova: Show Log").${modelNote}`,
      };
    default:
      break;
  }
  return { label: 'inline completion on', tooltip: `Inline completion is on.${modelNote}` };
}
