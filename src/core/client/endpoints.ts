// Turns whatever the user typed as "base URL" into the exact URLs we call. Users paste many
// forms: the Cloud base, a SambaStack base, a full chat URL, or a SambaStudio endpoint URL
// (which has no /models route and takes no further path segments).
import type { Endpoints } from './api';
import { SambaNovaError } from './errors';

// A fresh install's defaults. package.json declares the same values as the settings' defaults
// (the manifest cannot import them); test/unit/core/defaults.test.ts keeps the two equal.
export const DEFAULT_BASE_URL = 'https://api.sambanova.ai/v1';
export const DEFAULT_MODEL = 'Meta-Llama-3.3-70B-Instruct';

const CLOUD_HOST = 'api.sambanova.ai';

// SambaStudio OpenAI-compatible endpoints: /openai/v1/PROJECT/ENDPOINT (24.x docs) and the newer
// /v1/PROJECT/ENDPOINT. Exactly two segments after v1, so a plain ".../v1" base never matches.
const STUDIO_PATH = /^(?:\/openai)?\/v1\/[^/]+\/[^/]+$/;

function configError(message: string): SambaNovaError {
  return new SambaNovaError({ kind: 'config', userMessage: message, action: 'openSettings' });
}

/** Resolves the user's base URL setting; throws a 'config' SambaNovaError saying what is wrong. */
export function resolveEndpoints(input: string | undefined): Endpoints {
  const raw = (input ?? '').trim() || DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw configError(
      `The SambaNova base URL "${truncateForMessage(raw)}" is not a valid URL. It should look like ${DEFAULT_BASE_URL}.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw configError(
      `The SambaNova base URL must start with https:// (or http:// for a local server), not "${url.protocol}". Example: ${DEFAULT_BASE_URL}.`,
    );
  }
  if (url.username || url.password) {
    // A key in the URL would end up in logs and settings sync; it belongs in SecretStorage.
    throw configError(
      'The SambaNova base URL contains a user name or password. Remove it from the URL and use "SambaNova: Set API Key" instead.',
    );
  }
  url.hash = '';
  let path = url.pathname.replace(/\/+$/, '');
  // A pasted full route is reduced to its base, so every route can be derived from it.
  if (path.endsWith('/chat/completions')) {
    path = path.slice(0, -'/chat/completions'.length);
  } else if (path.endsWith('/completions')) {
    path = path.slice(0, -'/completions'.length);
  } else if (path.endsWith('/models')) {
    path = path.slice(0, -'/models'.length);
  }
  const host = url.host;
  const at = (suffix: string): string => {
    const u = new URL(url.href);
    u.pathname = path + suffix;
    return u.href;
  };

  if (STUDIO_PATH.test(path)) {
    return { kind: 'sambastudio', chatCompletions: at('/chat/completions'), host };
  }
  if (url.hostname === CLOUD_HOST && path === '') path = '/v1';
  const kind = url.hostname === CLOUD_HOST ? 'sambanova-cloud' : looksLikeSambaNova(url.hostname) ? 'sambastack' : 'openai-compatible';
  return {
    kind,
    chatCompletions: at('/chat/completions'),
    completions: at('/completions'),
    models: at('/models'),
    host,
  };
}

function looksLikeSambaNova(hostname: string): boolean {
  return hostname.includes('sambanova') || hostname.endsWith('snova.ai');
}

function truncateForMessage(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The URL as it may appear in a log: query values are replaced, since some gateways put keys there. */
export function urlForLog(href: string): string {
  try {
    const u = new URL(href);
    for (const name of [...u.searchParams.keys()]) u.searchParams.set(name, '***');
    return u.href;
  } catch {
    return '[unparseable URL]';
  }
}
