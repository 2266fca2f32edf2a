// The user's prompt settings (`sambanova.prompts.*`). They decide what is sent with the code, so
// they are application-scoped in package.json: only the user's own settings count, never a
// cloned workspace's (read from globalValue here too, for the same reason).
import * as vscode from 'vscode';
import { EDIT_KINDS, promptOverridesFrom, type EditPromptOverrides } from '../../core/edit/prompts';

export function readPromptOverrides(): EditPromptOverrides {
  const c = vscode.workspace.getConfiguration('sambanova.prompts');
  const values: Record<string, unknown> = {};
  for (const key of [...EDIT_KINDS, 'system']) values[key] = c.inspect(key)?.globalValue;
  return promptOverridesFrom(values);
}
