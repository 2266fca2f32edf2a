// Reaching the extension under test from inside the extension host: its test hooks (returned by
// activate() when SAMBANOVA_TEST_HOOKS=1) and the environment the runner passed in.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from '../../../src/host/testHooks';

export const EXTENSION_ID = 'sambanova-community.sambanova';

export async function activateExtension(): Promise<{ extension: vscode.Extension<TestHooks | undefined>; hooks: TestHooks }> {
  const extension = vscode.extensions.getExtension<TestHooks | undefined>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this VS Code`);
  const hooks = await extension.activate();
  assert.ok(hooks, 'activate() returned no test hooks: is SAMBANOVA_TEST_HOOKS=1 set in the extension host?');
  return { extension, hooks };
}

/** Settings the runner passes through the payload's extensionEnvironment. */
export function testEnv(name: 'SAMBANOVA_TEST_FAKE_URL' | 'SAMBANOVA_TEST_USER_DATA' | 'SAMBANOVA_TEST_WORKSPACE'): string {
  const value = process.env[name];
  assert.ok(value, `${name} is not set; run the suites through test/integration/run.ts`);
  return value;
}

/** Resolves when `predicate` holds, polling; rejects with `what` after the timeout. */
export async function eventually(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Writes a user (global) setting and waits until our Config has seen it. */
export async function setGlobalSetting(hooks: TestHooks, key: string, value: unknown, waitMs = 3000): Promise<void> {
  const seen = new Promise<void>((resolve) => {
    const sub = hooks.services.config.onDidChange(() => {
      sub.dispose();
      resolve();
    });
  });
  await vscode.workspace.getConfiguration('sambanova').update(key, value, vscode.ConfigurationTarget.Global);
  await Promise.race([seen, new Promise((r) => setTimeout(r, waitMs))]);
}
