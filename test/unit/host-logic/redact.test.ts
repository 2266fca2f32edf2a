import assert from 'node:assert/strict';
import { redact, redactingLogger } from '../../../src/core/client/redact';
import type { Logger } from '../../../src/core/logger';

const KEY = 'sn-test-0123456789abcdef0123456789abcdef';

describe('redact', () => {
  it('replaces a known key wherever it appears', () => {
    assert.equal(redact(`server said: bad key ${KEY}!`, [KEY]), 'server said: bad key ***!');
  });

  it('replaces any bearer token even when the key is not known', () => {
    assert.equal(redact('Authorization: Bearer abcdefghijklmnop', []), 'Authorization: Bearer ***');
  });

  it('scrubs messages, errors and objects passed to the logger', () => {
    const lines: string[] = [];
    const sink = (m: string, ...a: unknown[]) => lines.push([m, ...a.map(String)].join(' '));
    const inner: Logger = { trace: sink, debug: sink, info: sink, warn: sink, error: sink };
    const log = redactingLogger(inner, () => [KEY]);
    log.info(`key=${KEY}`);
    log.error(new Error(`echo ${KEY}`));
    log.debug('headers', { authorization: `Bearer ${KEY}` });
    assert.equal(lines.length, 3);
    for (const line of lines) assert.ok(!line.includes(KEY), line);
  });
});
