// The local stand-in for SambaNova Cloud (test/fake-sambanova), run as its own process group so
// it is stopped with everything else, and so a browser-driven test and VS Code's extension host
// talk to it over real HTTP exactly as they would to the cloud.
import * as net from 'node:net';
import * as path from 'node:path';
import { ROOT } from './paths';
import { freePort, spawnGroup, type GroupProcess } from './processes';

export interface FakeSambaNova {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** http://127.0.0.1:PORT/v1 (the default scenario). */
  readonly baseUrl: string;
  readonly port: number;
  readonly process: GroupProcess;
  /** Base URL of a named scenario, with optional per-request overrides: scenarioUrl('slow', {tps: 40}). */
  scenarioUrl(name: string, overrides?: Record<string, string | number>): string;
  stop(): Promise<void>;
}

export const FAKE_SERVER_CLI = path.join(ROOT, 'test', 'fake-sambanova', 'cli.ts');

function waitForPort(port: number, proc: GroupProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | string | undefined;
  void proc.exited.then((code) => (exited = code));
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (exited !== undefined) return reject(new Error(`fake SambaNova exited (${exited}) before listening`));
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`fake SambaNova did not listen on ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

export async function startFakeSambaNova(options: { logFile: string; port?: number; scenario?: string }): Promise<FakeSambaNova> {
  const port = options.port ?? (await freePort());
  const args = ['--import', 'tsx', FAKE_SERVER_CLI, '--port', String(port)];
  if (options.scenario) args.push('--scenario', options.scenario);
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const proc = spawnGroup(process.execPath, args, { logFile: options.logFile, cwd: ROOT, env });
  try {
    await waitForPort(port, proc, 20_000);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrl: `${url}/v1`,
    port,
    process: proc,
    scenarioUrl(name, overrides = {}) {
      const parts = [name, ...Object.entries(overrides).map(([k, v]) => `${k}=${v}`)];
      return `${url}/scenario/${parts.join(',')}/v1`;
    },
    stop: () => proc.stop(),
  };
}
