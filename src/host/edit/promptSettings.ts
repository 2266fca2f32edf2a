// The user's prompt settings (`sambanova.prompts.*`). They decide what is sent with the code, so
// they are application-scoped in package.json and user-only in core/settingsPolicy.ts: only the
// user's own settings count, never a cloned workspace's.
import { EDIT_KINDS, promptOverridesFrom, type EditPromptOverrides } from '../../core/edit/prompts';
import { readSetting } from '../config';

export function readPromptOverrides(): EditPromptOverrides {
  const values: Record<string, unknown> = {};
  for (const key of [...EDIT_KINDS, 'system']) values[key] = readSetting<unknown>(`prompts.${key}`);
  return promptOverridesFrom(values);
}
