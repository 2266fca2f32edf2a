// Where the API key may go. A key is saved for one host; sending it anywhere else, or over plain
// http to a machine other than this one, needs the user's yes first. This file holds the
// decisions only (no I/O, no vscode), so every case is unit-tested; src/host/apiKeyStore.ts keeps
// the records in SecretStorage and src/host/keyConsent.ts asks the user.
import { DEFAULT_BASE_URL } from './endpoints';
import { SambaNovaError } from './errors';

/** What the user has decided so far, kept in SecretStorage next to the keys. */
export interface KeyRegistry {
  /** Hosts (host[:port]) that have their own stored key, most recently saved first. */
  keyHosts: string[];
  /** Target host -> the host whose key the user allowed to be sent there. */
  grants: Record<string, string>;
  /** Hosts the SAMBANOVA_API_KEY environment key may go to besides the default ones. */
  envHosts: string[];
  /** Hosts (not on this machine) the user allowed to receive the key over plain http. */
  cleartextHosts: string[];
}

export function emptyRegistry(): KeyRegistry {
  return { keyHosts: [], grants: {}, envHosts: [], cleartextHosts: [] };
}

/** Reads a stored registry; anything unreadable counts as "nothing decided yet" (never as consent). */
export function parseRegistry(text: string | undefined): KeyRegistry {
  const out = emptyRegistry();
  if (!text) return out;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return out;
  }
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  const hosts = (v: unknown): string[] => (Array.isArray(v) ? [...new Set(v.filter((h): h is string => typeof h === 'string' && h !== '').map(normalizeHost))] : []);
  out.keyHosts = hosts(r.keyHosts);
  out.envHosts = hosts(r.envHosts);
  out.cleartextHosts = hosts(r.cleartextHosts);
  if (r.grants && typeof r.grants === 'object' && !Array.isArray(r.grants)) {
    for (const [target, from] of Object.entries(r.grants as Record<string, unknown>)) {
      if (typeof from === 'string' && from !== '') out.grants[normalizeHost(target)] = normalizeHost(from);
    }
  }
  return out;
}

export function serializeRegistry(r: KeyRegistry): string {
  return JSON.stringify(r);
}

/** Hosts compare case-insensitively, with the default port left out (as URL.host writes them). */
export function normalizeHost(host: string): string {
  const h = host.trim().toLowerCase();
  try {
    return new URL(`https://${h}`).host;
  } catch {
    return h;
  }
}

/** The host the extension talks to when nothing is configured. */
export const DEFAULT_HOST = normalizeHost(new URL(DEFAULT_BASE_URL).host);

/** True for this machine: localhost names, 127.0.0.0/8 and ::1. Plain http there never crosses a network. */
export function isLoopbackHost(host: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(`http://${host.trim()}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (hostname === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Where a request would send the key. */
export interface KeyTarget {
  host: string;
  /** The request goes over http:// rather than https://. */
  cleartext: boolean;
}

/** Where requests to these endpoints send the key. */
export function keyTargetOf(endpoints: { host: string; chatCompletions: string }): KeyTarget {
  return { host: endpoints.host, cleartext: new URL(endpoints.chatCompletions).protocol === 'http:' };
}

export type KeyDecision =
  /** Send the key stored for `keyHost` (the target itself, or a host the user allowed). */
  | { kind: 'stored'; keyHost: string }
  /** Send SAMBANOVA_API_KEY. */
  | { kind: 'environment' }
  /** Ask first: the key would travel unencrypted to another machine. */
  | { kind: 'askCleartext'; host: string }
  /** Ask first: the only key we have was saved for `keyHost`, not for the target. */
  | { kind: 'askOtherHost'; host: string; keyHost: string }
  /** Ask first: SAMBANOVA_API_KEY would go to a host that is neither SambaNova Cloud nor this machine. */
  | { kind: 'askEnvironment'; host: string }
  /** No key at all for this host. */
  | { kind: 'none' };

/**
 * Which key goes to `target`, or what to ask first. Order: plain http to another machine is
 * refused until confirmed (whatever key would go); then the host's own key; then a key the user
 * allowed for it; then the environment key (without asking only to the default Cloud host and
 * this machine); then offer the most recently saved key of another host.
 */
export function decideKey(target: KeyTarget, registry: KeyRegistry, hasEnvironmentKey: boolean): KeyDecision {
  const host = normalizeHost(target.host);
  const loopback = isLoopbackHost(host);
  const anyKey = registry.keyHosts.length > 0 || hasEnvironmentKey;
  if (anyKey && target.cleartext && !loopback && !registry.cleartextHosts.includes(host)) return { kind: 'askCleartext', host };
  if (registry.keyHosts.includes(host)) return { kind: 'stored', keyHost: host };
  const granted = registry.grants[host];
  if (granted && registry.keyHosts.includes(granted)) return { kind: 'stored', keyHost: granted };
  if (hasEnvironmentKey) {
    if (host === DEFAULT_HOST || loopback || registry.envHosts.includes(host)) return { kind: 'environment' };
    return { kind: 'askEnvironment', host };
  }
  if (registry.keyHosts.length > 0) return { kind: 'askOtherHost', host, keyHost: registry.keyHosts[0]! };
  return { kind: 'none' };
}

/** Records that a key was saved for `host` (most recent first). */
export function withKeyFor(r: KeyRegistry, host: string): KeyRegistry {
  const h = normalizeHost(host);
  const grants = { ...r.grants };
  delete grants[h]; // its own key replaces any borrowed one
  return { ...r, keyHosts: [h, ...r.keyHosts.filter((x) => x !== h)], grants };
}

/** Records that the key saved for `keyHost` may go to `host`. */
export function withGrant(r: KeyRegistry, host: string, keyHost: string): KeyRegistry {
  return { ...r, grants: { ...r.grants, [normalizeHost(host)]: normalizeHost(keyHost) } };
}

export function withEnvironmentHost(r: KeyRegistry, host: string): KeyRegistry {
  const h = normalizeHost(host);
  return r.envHosts.includes(h) ? r : { ...r, envHosts: [...r.envHosts, h] };
}

export function withCleartextHost(r: KeyRegistry, host: string): KeyRegistry {
  const h = normalizeHost(host);
  return r.cleartextHosts.includes(h) ? r : { ...r, cleartextHosts: [...r.cleartextHosts, h] };
}

/**
 * The key stored before keys were per host (one secret, `sambanova.apiKey`) belongs to the host
 * of the base URL the user had when it was saved; the best we know is the current one.
 */
export function migrationHost(currentHost: string | undefined): string {
  return normalizeHost(currentHost || DEFAULT_HOST);
}

/** Thrown when a request that may not ask the user (inline completion, silent requests) needs consent. */
export class KeyConsentRequiredError extends SambaNovaError {
  constructor(readonly decision: Exclude<KeyDecision, { kind: 'stored' } | { kind: 'environment' } | { kind: 'none' }>) {
    super({ kind: 'auth', action: 'allowKeyHost', code: 'key_consent_required', userMessage: consentMessage(decision) });
    this.name = 'KeyConsentRequiredError';
  }
}

function consentMessage(d: KeyConsentRequiredError['decision']): string {
  switch (d.kind) {
    case 'askCleartext':
      return `${d.host} is reached over plain http, so the API key would cross the network unencrypted. It was not sent; allow it or use https.`;
    case 'askOtherHost':
      return `Your SambaNova API key was saved for ${d.keyHost}, not for ${d.host}. It was not sent; allow ${d.host} or enter a key for it.`;
    case 'askEnvironment':
      return `The SAMBANOVA_API_KEY environment variable was not sent to ${d.host} without your consent; allow it or enter a key for that host.`;
  }
}

/** The modal's text for an interactive request: the question and its detail line. */
export function consentQuestion(d: KeyConsentRequiredError['decision']): { message: string; detail: string } {
  switch (d.kind) {
    case 'askCleartext':
      return {
        message: `Send your SambaNova API key to ${d.host} in clear text?`,
        detail: `The base URL uses http://, so anyone on the network between you and ${d.host} could read the key. Use https:// if the server offers it. Your answer is remembered for ${d.host}.`,
      };
    case 'askOtherHost':
      return {
        message: `Send your SambaNova API key to ${d.host}?`,
        detail: `The stored key was saved for ${d.keyHost}. The base URL now points to ${d.host}, which would receive it. "Allow" remembers this for ${d.host}; "Enter another key" stores a separate key for it.`,
      };
    case 'askEnvironment':
      return {
        message: `Send the key from SAMBANOVA_API_KEY to ${d.host}?`,
        detail: `Without asking, the environment key goes only to ${DEFAULT_HOST} and servers on this machine. "Allow" remembers ${d.host}; "Enter another key" stores a separate key for it.`,
      };
  }
}

// Requests a person is waiting on may ask; background ones (inline completion, silent
// language-model requests, tests) fail with KeyConsentRequiredError instead. Unknown sources do
// not ask unless the caller says so.
const ASKING_SOURCES = new Set<string>(['chat', 'command', 'check', 'participant']);

/** Whether a request may show the consent modal. `interactive: false` always wins; `true` cannot make inline completion ask. */
export function requestMayAsk(source: string, interactive: boolean | undefined): boolean {
  if (source === 'completion') return false;
  return interactive ?? ASKING_SOURCES.has(source);
}
