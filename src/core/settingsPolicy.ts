// Which `sambanova.*` settings a workspace may set. A cloned repository's .vscode/settings.json
// must not decide where the key goes or what is sent with the user's code: those settings count
// only from the user's own settings ("application" scope in package.json, and read here from the
// user value even if an older VS Code offered a workspace one). Settings that only tune the
// answer may come from a trusted workspace; in an untrusted one (Restricted Mode) their workspace
// values are ignored and the log says so. Settings that only stop the extension from sending
// code (completion off, a language left out) may be tightened by any workspace, trusted or not,
// and loosened by none: a cloned repository can keep its code to itself, but cannot turn on
// what the user turned off. A unit test holds package.json to this table.

export type SettingPolicy =
  /** Only the user's settings count: changes where the key goes or what is sent. */
  | 'userOnly'
  /** A trusted workspace may set it; an untrusted workspace's value is ignored. */
  | 'trustedWorkspace'
  /** Harmless anywhere (appearance). */
  | 'anywhere'
  /**
   * Any workspace may make it stricter, none looser: a boolean is on only if no level says
   * false; a list (of things left out) is the union of every level's list.
   */
  | 'workspaceMayRestrict';

/** The settings level a value came from. */
export type SettingOrigin = 'default' | 'user' | 'workspace' | 'workspaceFolder';

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
  // A project may turn completion off for its code, never on against the user's choice.
  'completion.enabled': 'workspaceMayRestrict',
  'completion.disabledLanguages': 'workspaceMayRestrict',
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
  /** Which level decided the value (workspaceMayRestrict settings: what the status bar tells the user). */
  origin?: SettingOrigin;
}

/** The value to use under `policy`; settings missing from the table are treated as userOnly. */
export function effectiveSetting<T>(inspected: InspectedSetting<T> | undefined, policy: SettingPolicy | undefined, trusted: boolean): EffectiveSetting<T> {
  if (!inspected) return { value: undefined, ignoredWorkspaceValue: false };
  if (policy === 'workspaceMayRestrict') return restrictedSetting(inspected);
  const fromWorkspace = inspected.workspaceFolderValue ?? inspected.workspaceValue;
  const fromUser = inspected.globalValue ?? inspected.defaultValue;
  const workspaceAllowed = policy === 'anywhere' || (policy === 'trustedWorkspace' && trusted);
  if (workspaceAllowed) return { value: fromWorkspace ?? fromUser, ignoredWorkspaceValue: false };
  return { value: fromUser, ignoredWorkspaceValue: fromWorkspace !== undefined };
}

/** The log line for settings whose workspace values were ignored, or undefined when there are none. */
export function ignoredSettingsNote(keys: readonly string[], trusted: boolean): string | undefined {
  if (keys.length === 0) return undefined;
  const names = (list: readonly string[]) => list.map((k) => `sambanova.${k}`).join(', ');
  const restricting = keys.filter((k) => SETTING_POLICIES[k] === 'workspaceMayRestrict');
  const others = keys.filter((k) => SETTING_POLICIES[k] !== 'workspaceMayRestrict');
  const notes: string[] = [];
  if (others.length > 0) {
    const userOnly = others.filter((k) => (SETTING_POLICIES[k] ?? 'userOnly') === 'userOnly');
    const why =
      !trusted && userOnly.length < others.length
        ? 'this workspace is not trusted, and some of them are taken only from your user settings'
        : 'they decide where your API key and code are sent, so only your user settings count';
    notes.push(`Ignored the workspace values of ${names(others)}: ${why}.`);
  }
  if (restricting.length > 0) {
    notes.push(
      `The workspace values of ${names(restricting)} can only turn inline completion off or leave more languages out; ` +
        'what your user settings turn off stays off.',
    );
  }
  return notes.join(' ');
}

/**
 * A workspaceMayRestrict value. A boolean is false when any level says false (the user's own
 * false first, as the reason shown); a list is every level's entries together. A workspace value
 * that would loosen the user's counts as ignored.
 */
function restrictedSetting<T>(inspected: InspectedSetting<T>): EffectiveSetting<T> {
  const levels: [SettingOrigin, T | undefined][] = [
    ['user', inspected.globalValue],
    ['workspace', inspected.workspaceValue],
    ['workspaceFolder', inspected.workspaceFolderValue],
  ];
  const base = inspected.globalValue ?? inspected.defaultValue;
  const baseOrigin: SettingOrigin = inspected.globalValue !== undefined ? 'user' : 'default';
  if (typeof base === 'boolean' || levels.some(([, v]) => typeof v === 'boolean')) {
    const off = levels.find(([, v]) => v === false);
    const looser = base === false && levels.slice(1).some(([, v]) => v === true);
    if (off) return { value: false as T, ignoredWorkspaceValue: looser, origin: off[0] };
    return { value: base, ignoredWorkspaceValue: false, origin: baseOrigin };
  }
  if (Array.isArray(base) || levels.some(([, v]) => Array.isArray(v))) {
    const own = Array.isArray(base) ? (base as unknown[]) : [];
    const merged = [...own];
    let origin: SettingOrigin = baseOrigin;
    let looser = false;
    for (const [level, v] of levels.slice(1)) {
      if (!Array.isArray(v)) continue;
      if (own.some((x) => !v.includes(x))) looser = true;
      for (const x of v) {
        if (merged.includes(x)) continue;
        merged.push(x);
        origin = level;
      }
    }
    return { value: merged as T, ignoredWorkspaceValue: looser, origin };
  }
  return { value: base, ignoredWorkspaceValue: levels.slice(1).some(([, v]) => v !== undefined), origin: baseOrigin };
}
