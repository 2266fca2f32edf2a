// The host's one log: every level is scrubbed before it reaches the output channel, and show()
// still reveals the channel. (hostLog only needs the channel's shape, so no VS Code here.)
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { hostLog } from '../../../src/host/log';

const SECRET = 'sn-secret-0123456789abcdef';

function fakeChannel() {
  const lines: string[] = [];
  let shown: boolean | undefined;
  const write = (level: string) => (message: string | Error, ...args: unknown[]) => lines.push([level, String(message), ...args.map(String)].join(' '));
  const channel = {
    trace: write('trace'),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    show: (preserveFocus?: boolean) => (shown = preserveFocus ?? false),
  };
  return { channel: channel as unknown as vscode.LogOutputChannel, lines, shown: () => shown };
}

describe('host log', () => {
  it('scrubs known keys and bearer tokens at every level, in messages and arguments', () => {
    const { channel, lines } = fakeChannel();
    const log = hostLog(channel, () => [SECRET]);
    log.trace(`t ${SECRET}`);
    log.debug('d', { header: `Bearer ${SECRET}` });
    log.info(`i ${SECRET}`);
    log.warn('w', `x${SECRET}x`);
    log.error(new Error(`boom ${SECRET}`));
    assert.equal(lines.length, 5);
    for (const line of lines) assert.ok(!line.includes(SECRET), line);
    assert.match(lines[2]!, /^info i \*\*\*$/);
  });

  it('learns keys as they become known (the list is read per line)', () => {
    const { channel, lines } = fakeChannel();
    const known: string[] = [];
    const log = hostLog(channel, () => known);
    known.push(SECRET);
    log.info(SECRET);
    assert.equal(lines[0], 'info ***');
  });

  it('show() reveals the channel', () => {
    const { channel, shown } = fakeChannel();
    hostLog(channel, () => []).show(true);
    assert.equal(shown(), true);
  });
});
