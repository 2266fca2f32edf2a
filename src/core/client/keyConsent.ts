// Where the API key may go. A key is saved for one origin (scheme, host and port); sending it
// anywhere else, or over plain http to a machine other than this one, needs the user's yes first.
// This file holds the decisions only (no I/O, no vscode), so every case is unit-tested;
// src/host/apiKeyStore.ts keeps the records in SecretStorage and src/host/keyGate.ts asks the user.
import { DEFAULT_BASE_URL } from './endpoints';
import { SambaNovaError } from './errors';

/** What the user has decided so far, kept in SecretStorage next to the keys. Every entry is an origin. */
export interface KeyRegistry {
  /** Origins that have their own stored key, most recently saved first. */
  keyOrigins: string[];
  /** Target origin -> the origin whose key the user allowed to be sent there. */
  grants: Record<string, string>;
  /** Origins the SAMBANOVA_API_KEY environment key may go to besides the default ones. */
  envOrigins: string[];
  /** http:// origins (not on this machine) the user allowed to receive the key in clear text. */
  cleartextOrigins: string[];
}

export function emptyRegistry(): KeyRegistry {
  return { keyOrigins: [], grants: {}, envOrigins: [], cleartextOrigins: [] };
}

/** Where a request would send the key: `host` is host[:port] as URL.host writes it. */
export interface KeyTarget {
  host: string;
  /** The request goes over http:// rather than https://. */
  cleartext: boolean;
}

/**
 * The origin a key is saved for and consent is given to. Scheme and port are part of it:
 * `http://host:443` is not `https://host`, and the question names what really differs.
 */
export function originOf(target: KeyTarget): string {
  return normalizeOrigin(`${target.cleartext ? 'http' : 'https'}://${target.host.trim()}`);
}

/** Origins compare as URLs write them: lower case, default port left out. Unparseable text is kept as it is. */
export function normalizeOrigin(origin: string): string {
  const o = origin.trim();
  try {
    const url = new URL(o);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  } catch {
    // fall through
  }
  return o.toLowerCase();
}

/** Where requests to these endpoints send the key. */
export function keyTargetOf(endpoints: { host: string; chatCompletions: string }): KeyTarget {
  return { host: endpoints.host, cleartext: new URL(endpoints.chatCompletions).protocol === 'http:' };
}

/** The origin the extension talks to when nothing is configured. */
export const DEFAULT_ORIGIN = new URL(DEFAULT_BASE_URL).origin;

// The names VS Code's proxy support sends directly even when http.proxy or HTTP_PROXY is set
// (vscode-proxy-agent skips the proxy for exactly these). Other loopback addresses (127.0.0.2,
// *.localhost) are loopback to the network stack but would go to the proxy, key and all, so they
// count as other machines here.
const THIS_MACHINE = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True when a request to `origin` provably stays on this machine, proxy or not. */
export function staysOnThisMachine(origin: string): boolean {
  try {
    return THIS_MACHINE.has(new URL(origin).hostname.toLowerCase());
  } catch {
    return false;
  }
}

export type KeyDecision =
  /** Send the key stored for `keyOrigin` (the target itself, or an origin the user allowed). */
  | { kind: 'stored'; keyOrigin: string }
  /** Send SAMBANOVA_API_KEY. */
  | { kind: 'environment' }
  /** Ask first: the key would travel unencrypted to another machine. */
  | { kind: 'askCleartext'; origin: string }
  /** Ask first: the only key we have was saved for `keyOrigin`, not for the target. */
  | { kind: 'askOtherHost'; origin: string; keyOrigin: string }
  /** Ask first: SAMBANOVA_API_KEY would go to an origin that is neither SambaNova Cloud nor this machine. */
  | { kind: 'askEnvironment'; origin: string }
  /** No key at all for this origin. */
  | { kind: 'none' };

/** A decision that needs the user's answer first. */
export type ConsentDecision = Extract<KeyDecision, { kind: 'askCleartext' | 'askOtherHost' | 'askEnvironment' }>;

/**
 * Which key goes to `target`, or what to ask first. Order: plain http to another machine is
 * refused until confirmed (whatever key would go); then the origin's own key; then a key the user
 * allowed for it; then the environment key (without asking only to the default Cloud origin and
 * this machine); then offer the most recently saved key of another origin.
 */
export function decideKey(target: KeyTarget, registry: KeyRegistry, hasEnvironmentKey: boolean): KeyDecision {
  const origin = originOf(target);
  const local = staysOnThisMachine(origin);
  const anyKey = registry.keyOrigins.length > 0 || hasEnvironmentKey;
  if (anyKey && target.cleartext && !local && !registry.cleartextOrigins.includes(origin)) return { kind: 'askCleartext', origin };
  if (registry.keyOrigins.includes(origin)) return { kind: 'stored', keyOrigin: origin };
  const granted = registry.grants[origin];
  if (granted && registry.keyOrigins.includes(granted)) return { kind: 'stored', keyOrigin: granted };
  if (hasEnvironmentKey) {
    if (origin === DEFAULT_ORIGIN || local || registry.envOrigins.includes(origin)) return { kind: 'environment' };
    return { kind: 'askEnvironment', origin };
  }
  if (registry.keyOrigins.length > 0) return { kind: 'askOtherHost', origin, keyOrigin: registry.keyOrigins[0]! };
  return { kind: 'none' };
}

/** Records that a key was saved for `origin` (most recent first). */
export function withKeyFor(r: KeyRegistry, origin: string): KeyRegistry {
  const o = normalizeOrigin(origin);
  const grants = { ...r.grants };
  delete grants[o]; // its own key replaces any borrowed one
  return { ...r, keyOrigins: [o, ...r.keyOrigins.filter((x) => x !== o)], grants };
}

/** Records that the key saved for `keyOrigin` may go to `origin`. */
export function withGrant(r: KeyRegistry, origin: string, keyOrigin: string): KeyRegistry {
  return { ...r, grants: { ...r.grants, [normalizeOrigin(origin)]: normalizeOrigin(keyOrigin) } };
}

export function withEnvironmentOrigin(r: KeyRegistry, origin: string): KeyRegistry {
  const o = normalizeOrigin(origin);
  return r.envOrigins.includes(o) ? r : { ...r, envOrigins: [...r.envOrigins, o] };
}

export function withCleartextOrigin(r: KeyRegistry, origin: string): KeyRegistry {
  const o = normalizeOrigin(origin);
  return r.cleartextOrigins.includes(o) ? r : { ...r, cleartextOrigins: [...r.cleartextOrigins, o] };
}

/**
 * The key stored before keys were per host (one secret, `sambanova.apiKey`) belongs to the base
 * URL the user had when it was saved; the best we know is the current one.
 */
export function migrationOrigin(current: KeyTarget | undefined): string {
  return current ? originOf(current) : DEFAULT_ORIGIN;
}

export function serializeRegistry(r: KeyRegistry): string {
  return JSON.stringify({ version: 2, ...r });
}

/** A stored registry as read, with what must be moved when it was written by an earlier version. */
export interface LoadedRegistry {
  registry: KeyRegistry;
  /** Per-host keys to move to their origin's entry (legacy host -> origin); empty when nothing changed. */
  moves: { host: string; origin: string }[];
  /** The record was in the per-host format and must be written back. */
  migrated: boolean;
}

/**
 * Reads a stored registry; anything unreadable counts as "nothing decided yet" (never as
 * consent). Version 1 kept hosts (`host[:port]`, https's default port left out, no scheme):
 * each becomes one origin, the one the current base URL uses when it is that host (what the
 * user is working with), else https (http for this machine's names, and for clear-text consent,
 * which only ever meant http). One host becomes one origin, so no consent grows in the move.
 * `currentTarget` is asked only then: reading the base URL costs a settings read and a URL parse,
 * and a version-2 record (every window after the first) needs neither, at activation least of all.
 */
export function loadRegistry(text: string | undefined, currentTarget: () => KeyTarget | undefined): LoadedRegistry {
  const none: LoadedRegistry = { registry: emptyRegistry(), moves: [], migrated: false };
  if (!text) return none;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return none;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return none;
  const r = raw as Record<string, unknown>;
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : []);
  const unique = (v: string[]): string[] => [...new Set(v)];
  const grantsOf = (v: unknown, map: (s: string) => string): Record<string, string> => {
    const out: Record<string, string> = {};
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [target, from] of Object.entries(v as Record<string, unknown>)) {
        if (typeof from === 'string' && from.trim() !== '' && target.trim() !== '') out[map(target)] = map(from);
      }
    }
    return out;
  };
  if (r.version === 2) {
    return {
      registry: {
        keyOrigins: unique(strings(r.keyOrigins).map(normalizeOrigin)),
        grants: grantsOf(r.grants, normalizeOrigin),
        envOrigins: unique(strings(r.envOrigins).map(normalizeOrigin)),
        cleartextOrigins: unique(strings(r.cleartextOrigins).map(normalizeOrigin)),
      },
      moves: [],
      migrated: false,
    };
  }
  if (!('keyHosts' in r || 'grants' in r || 'envHosts' in r || 'cleartextHosts' in r)) return none;
  const current = currentTarget();
  const currentHost = current ? legacyHost(current.host) : undefined;
  const toOrigin = (host: string, scheme?: 'http'): string => {
    const h = legacyHost(host);
    if (current && h === currentHost && (!scheme || current.cleartext)) return originOf(current);
    return normalizeOrigin(`${scheme ?? (looksLocal(h) ? 'http' : 'https')}://${h}`);
  };
  const keyHosts = unique(strings(r.keyHosts).map(legacyHost));
  return {
    registry: {
      keyOrigins: unique(keyHosts.map((h) => toOrigin(h))),
      grants: grantsOf(r.grants, (h) => toOrigin(h)),
      envOrigins: unique(strings(r.envHosts).map((h) => toOrigin(h))),
      cleartextOrigins: unique(strings(r.cleartextHosts).map((h) => toOrigin(h, 'http'))),
    },
    moves: keyHosts.map((host) => ({ host, origin: toOrigin(host) })),
    migrated: true,
  };
}

/** Local servers (which version 1 reached without asking) mostly speak plain http. */
function looksLocal(host: string): boolean {
  try {
    const name = new URL(`http://${host}`).hostname;
    return THIS_MACHINE.has(name) || name.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(name);
  } catch {
    return false;
  }
}

/** How version 1 wrote a host: as if it were https (so `h:443` and `h` were one). */
export function legacyHost(host: string): string {
  const h = host.trim().toLowerCase();
  try {
    return new URL(`https://${h}`).host;
  } catch {
    return h;
  }
}

/** Thrown when a request that may not ask the user (inline completion, silent requests) needs consent. */
export class KeyConsentRequiredError extends SambaNovaError {
  constructor(readonly decision: ConsentDecision) {
    super({ kind: 'auth', action: 'allowKeyHost', code: 'key_consent_required', userMessage: consentMessage(decision) });
    this.name = 'KeyConsentRequiredError';
  }
}

function consentMessage(d: ConsentDecision): string {
  switch (d.kind) {
    case 'askCleartext':
      return `${d.origin} is reached over plain http, so the API key would cross the network unencrypted. It was not sent; allow it or use https.`;
    case 'askOtherHost':
      return `Your SambaNova API key was saved for ${d.keyOrigin}, not for ${d.origin}. It was not sent; allow ${d.origin} or enter a key for it.`;
    case 'askEnvironment':
      return `The SAMBANOVA_API_KEY environment variable was not sent to ${d.origin} without your consent; allow it or enter a key for it.`;
  }
}

/** The modal's text for an interactive request: the question and its detail line. */
export function consentQuestion(d: ConsentDecision): { message: string; detail: string } {
  switch (d.kind) {
    case 'askCleartext':
      return {
        message: `Send your SambaNova API key to ${d.origin} in clear text?`,
        detail: `The base URL uses http://, so anyone on the network between you and ${d.origin} (a proxy included) could read the key. Use https:// if the server offers it. Your answer is remembered for ${d.origin}.`,
      };
    case 'askOtherHost':
      return {
        message: `Send your SambaNova API key to ${d.origin}?`,
        detail: `The stored key was saved for ${d.keyOrigin}. The base URL now points to ${d.origin}, which would receive it. "Allow" remembers this for ${d.origin}; "Enter another key" stores a separate key for it.`,
      };
    case 'askEnvironment':
      return {
        message: `Send the key from SAMBANOVA_API_KEY to ${d.origin}?`,
        detail: `Without asking, the environment key goes only to ${DEFAULT_ORIGIN} and servers on this machine (localhost, 127.0.0.1, ::1). "Allow" remembers ${d.origin}; "Enter another key" stores a separate key for it.`,
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
