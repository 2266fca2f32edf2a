// Which key and endpoint `npm start` uses: a pure decision, unit-tested in
// test/unit/harness/startPlan.test.ts; scripts/lib/start.ts gathers the inputs and prints the plan.
//
// Where a stored key lives (code-server 4.139.1, read in its source): VS Code for the web keeps
// SecretStorage in the BROWSER, in the localStorage of the page's origin (http://127.0.0.1:PORT,
// item "secrets.provider"), sealed with AES-GCM under a key whose server half code-server writes to
// <user-data-dir>/serve-web-key-half the first time anything is sealed. So npm start cannot read a
// stored key, and the extension finds it again only in the same browser, at the same PORT, with the
// same user-data dir (.artifacts/start, kept between runs). The key half on disk is the sign that a
// key was stored here before: a run without SAMBANOVA_API_KEY then goes to the real endpoint (the
// extension uses the key stored for that host) instead of the local fake server.
// A key stored in VS Code never goes to the fake: keys are per host (src/host/apiKeyStore.ts), and
// the fake is a loopback host of its own, reached with the demo key from the environment.

export const CLOUD_BASE_URL = 'https://api.sambanova.ai/v1';

export interface StartInputs {
  /** SAMBANOVA_API_KEY of the shell that ran npm start. */
  envKey?: string;
  /** SAMBANOVA_BASE_URL of that shell. */
  envBaseUrl?: string;
  /** START_FAKE=1 or START_SMOKE=1 (tests talk only to servers they start): the fake server whatever keys exist. */
  forceFake?: boolean;
  /** code-server's serve-web-key-half exists in this instance's user-data dir. */
  storedKeyHint: boolean;
  /** sambanova.baseUrl in this instance's user settings, as an earlier run or the person left it. */
  savedBaseUrl?: string;
}

export type StartPlan =
  | { key: 'environment'; baseUrl: string }
  | { key: 'stored'; baseUrl: string }
  | { key: 'fake'; reason: 'no key' | 'forced' };

/** The fake server's URLs as npm start writes them (http://127.0.0.1:PORT/scenario/NAME/v1). */
export function isFakeServerUrl(url: string): boolean {
  return /^http:\/\/127\.0\.0\.1:\d+\/scenario\/[^/]+\/v1\/?$/.test(url.trim());
}

export function planStart(i: StartInputs): StartPlan {
  if (i.forceFake) return { key: 'fake', reason: 'forced' };
  // The person's own endpoint (e.g. SambaStudio, set in the UI) is kept; a fake server URL left by
  // an earlier demo run is not an endpoint anyone chose.
  const saved = i.savedBaseUrl?.trim();
  const baseUrl = i.envBaseUrl?.trim() || (saved && !isFakeServerUrl(saved) ? saved : CLOUD_BASE_URL);
  if (i.envKey?.trim()) return { key: 'environment', baseUrl };
  if (i.storedKeyHint) return { key: 'stored', baseUrl };
  return { key: 'fake', reason: 'no key' };
}
