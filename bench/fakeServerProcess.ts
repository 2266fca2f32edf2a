// Starts the fake SambaNova server in its own process, so its work (building and writing chunks)
// does not share an event loop with the clients being measured.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

export interface ServerProcess {
  /** e.g. http://127.0.0.1:40123/v1 */
  baseUrl: string;
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  scenarioUrl(spec: string): string;
  stop(): Promise<void>;
}

const cli = join(__dirname, '..', 'test', 'fake-sambanova', 'cli.ts');

export async function startServerProcess(scenario: string): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--scenario', scenario, '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^FAKE_SAMBANOVA_URL=(.+)$/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`fake server exited early (code ${code})`)));
    child.once('error', reject);
  });
  const url = baseUrl.replace(/\/v1$/, '');
  return {
    baseUrl,
    url,
    scenarioUrl: (spec) => `${url}/scenario/${spec}/v1`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
