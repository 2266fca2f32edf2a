// What to keep when a UI step fails: code-server's log and every extension-host log, including
// the "SambaNova" output channel (a LogOutputChannel writes <logs>/.../<extension id>/SambaNova.log).
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeServer } from './codeServer';

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** Log files of the extension host and of our output channel, newest session first. */
export function extensionLogFiles(cs: Pick<CodeServer, 'userDataDir'>): string[] {
  return walk(path.join(cs.userDataDir, 'logs'))
    .filter((f) => /exthost|sambanova/i.test(path.relative(cs.userDataDir, f)) && f.endsWith('.log'))
    .sort()
    .reverse();
}

/** The SambaNova output channel's log file, if the extension has written one. */
export function sambaNovaLogFile(cs: Pick<CodeServer, 'userDataDir'>): string | undefined {
  return extensionLogFiles(cs).find((f) => /sambanova/i.test(path.basename(f)));
}

/** Copies code-server's log and the extension-host logs into `dir`; returns the copied paths. */
export function saveLogs(cs: Pick<CodeServer, 'userDataDir' | 'logFile'>, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const copied: string[] = [];
  const copy = (from: string, name: string): void => {
    const to = path.join(dir, name);
    copyFileSync(from, to);
    copied.push(to);
  };
  if (existsSync(cs.logFile)) copy(cs.logFile, 'code-server.log');
  for (const file of extensionLogFiles(cs)) {
    copy(file, path.relative(path.join(cs.userDataDir, 'logs'), file).replace(/[\\/]/g, '__'));
  }
  return copied;
}
