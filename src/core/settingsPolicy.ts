// Which `sambanova.*` settings a workspace may set. A cloned repository's .vscode/settings.json
// must not decide where the key goes or what is sent with the user's code: those settings count
// only from the user's own settings ("application" scope in package.json, and read here from the
// user value even if an older VS Code offered a workspace one). Settings that only tune the
// answer may come from a trusted workspace; in an untrusted one (Restricted Mode) their workspace
// values are ignored and the log says so. A unit test holds package.json to this table.

export type SettingPolicy =
  /** Only the user's settings count: changes where the key goes or what is sent. */
  | 'userOnly'
  /** A trusted workspace may set it; an untrusted workspace's value is ignored. */
  | 'trustedWorkspace'
  /** Harmless anywhere (appearance). */
  | 'anywhere';

/** Keys without the `sambanova.` prefix. */
export const SETTING_POLICIES: Readonly<Record<string, SettingPolicy>> = {
  baseUrl: 'userOnly',
  systemPrompt: 'userOnly',
  chatTemplateKwargs: 'userOnly',
  extraBody: 'userOnly',
  connectTimeoutSeconds: 'userOnly',
  stallTimeoutSeconds: 'userOnly',
  maxRetries: 'userOnly',
  model: 'trustedWorkspace',
  temperature: 'trustedWorkspace',
  topP: 'trustedWorkspace',
  topK: 'trustedWorkspace',
  maxTokens: 'trustedWorkspace',
  stop: 'trustedWorkspace',
  seed: 'trustedWorkspace',
  reasoningEffort: 'trustedWorkspace',
  'statusBar.enabled': 'anywhere',
  // Decides which models VS Code's agent may hand tools to (and so run tools with).
  'languageModels.toolCalling': 'userOnly',
  // The words sent with the user's code.
  'prompts.system': 'userOnly',
  'prompts.explain': 'userOnly',
  'prompts.refactor': 'userOnly',
  'prompts.fix': 'userOnly',
  'prompts.doc': 'userOnly',
  'prompts.tests': 'userOnly',
  'prompts.edit': 'userOnly',
  // A project may turn completion off for its own code (or on: it is its code that is sent).
  'completion.enabled': 'anywhere',
  'completion.disabledLanguages': 'anywhere',
  'completion.model': 'trustedWorkspace',
  // Decides the raw prompt format sent to /completions.
  'completion.templates': 'userOnly',
};

/** The parts of VS Code's `inspect()` result that matter here (language overrides are not used). */
export interface InspectedSetting<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

export interface EffectiveSetting<T> {
  value: T | undefined;
  /** A workspace value exists and was not used. */
  ignoredWorkspaceValue: boolean;
}

/** The value to use under `policy`; settings missing from the table are treated as userOnly. */
export function effectiveSetting<T>(inspected: InspectedSetting<T> | undefined, policy: SettingPolicy | undefined, trusted: boolean): EffectiveSetting<T> {
  if (!inspected) return { value: undefined, ignoredWorkspaceValue: false };
  const fromWorkspace = inspected.workspaceFolderValue ?? inspected.workspaceValue;
  const fromUser = inspected.globalValue ?? inspected.defaultValue;
  const workspaceAllowed = policy === 'anywhere' || (policy === 'trustedWorkspace' && trusted);
  if (workspaceAllowed) return { value: fromWorkspace ?? fromUser, ignoredWorkspaceValue: false };
  return { value: fromUser, ignoredWorkspaceValue: fromWorkspace !== undefined };
}

/** The log line for settings whose workspace values were ignored, or undefined when there are none. */
export function ignoredSettingsNote(keys: readonly string[], trusted: boolean): string | undefined {
  if (keys.length === 0) return undefined;
  const names = keys.map((k) => `sambanova.${k}`).join(', ');
  const userOnly = keys.filter((k) => (SETTING_POLICIES[k] ?? 'userOnly') === 'userOnly');
  const why =
    !trusted && userOnly.length < keys.length
      ? 'this workspace is not trusted, and some of them are taken only from your user settings'
      : 'they decide where your API key and code are sent, so only your user settings count';
  return `Ignored the workspace values of ${names}: ${why}.`;
}
