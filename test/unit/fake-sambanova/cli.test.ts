// The CLI starts a server, prints its base URL first and the scenario list, and stops cleanly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { get } from './helpers';

describe('fake SambaNova: CLI', () => {
  it('prints the base URL and scenarios, serves, and exits 0 on SIGTERM', async function () {
    this.timeout(20000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fake-sambanova/cli.ts', '--port', '0', '--scenario', 'fast'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const baseUrl = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        const match = /^FAKE_SAMBANOVA_URL=(.+)$/.exec(line);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const models = await get(`${baseUrl}/models`);
    assert.equal(models.status, 200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(lines.some((line) => /^\s+single-bytes\s/.test(line)), 'scenario list printed');
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  it('refuses a bad port with a clear message', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fake-sambanova/cli.ts', '--port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (part: Buffer) => (stderr += part.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.match(stderr, /--port must be 0\.\.65535/);
  });
});
