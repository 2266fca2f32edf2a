// Child processes the tests start: each in its own process group (code-server forks helpers
// that outlive a plain kill), all stopped at exit, on Ctrl+C and on uncaught failures.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export interface GroupProcess {
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the leader exits. */
  readonly exited: Promise<number | string>;
  /** SIGTERM to the whole group, SIGKILL after a grace period. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<GroupProcess>();
let hooksInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // 'exit' handlers must be synchronous: SIGKILL whatever is left.
  process.on('exit', () => {
    for (const p of running) killGroup(p.pid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

/** Stops every process group this harness started and has not stopped yet. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** stdout and stderr go here (appended). */
  logFile: string;
}

/** Starts a command as the leader of a new process group (like setsid). */
export function spawnGroup(command: string, args: string[], options: SpawnOptions): GroupProcess {
  installExitHooks();
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const pid = child.pid;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (err) => resolve(`spawn error: ${err.message}`));
  });
  let stopping: Promise<void> | undefined;
  const group: GroupProcess = {
    pid,
    child,
    exited,
    stop(graceMs = 3000) {
      stopping ??= (async () => {
        killGroup(pid, 'SIGTERM');
        const timer = new Promise((r) => setTimeout(r, graceMs).unref());
        await Promise.race([exited, timer]);
        // Helpers of the group may still be alive even when the leader has exited.
        killGroup(pid, 'SIGKILL');
        running.delete(group);
        log.end();
      })();
      return stopping;
    },
  };
  running.add(group);
  return group;
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Polls a URL until it answers 2xx, the process dies, or the time is up. */
export async function waitForHttp(url: string, options: { timeoutMs: number; process?: GroupProcess; what: string }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let died: number | string | undefined;
  void options.process?.exited.then((code) => (died = code));
  let lastError = '';
  while (Date.now() < deadline) {
    if (died !== undefined) throw new Error(`${options.what} exited (${died}) before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${options.what} did not answer ${url} within ${options.timeoutMs} ms (${lastError})`);
}

/** Runs a command to completion, capturing its output; rejects with the output on a non-zero exit. */
export function runToEnd(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${path.basename(command)} ${args.join(' ')} exited ${code ?? signal}:\n${output.slice(-3000)}`));
    });
  });
}
