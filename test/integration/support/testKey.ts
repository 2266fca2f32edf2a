// A fresh, recognisable fake key per run: distinctive enough that finding it anywhere on disk
// (settings, logs) is proof of a leak, not a coincidence.
import { randomBytes } from 'node:crypto';

export const TEST_KEY = `sn-test-${randomBytes(12).toString('hex')}`;
