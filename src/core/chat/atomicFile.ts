// File writes that a crash or a second VS Code window cannot tear: write a temporary file next to
// the target, flush it, then rename over the target (rename is atomic on one file system). A
// lock file made with O_EXCL serialises read-merge-write cycles between processes.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';

export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await fs.open(temp, 'w', 0o600);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, path);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
}

export interface LockOptions {
  /** A lock older than this is taken to belong to a process that died holding it. */
  staleMs?: number;
  /** Give up (and throw) after waiting this long. */
  timeoutMs?: number;
  retryMs?: number;
}

export class LockTimeoutError extends Error {
  constructor(path: string) {
    super(`Timed out waiting for the lock on ${path}`);
    this.name = 'LockTimeoutError';
  }
}

/** Runs `work` while holding `${path}.lock`. */
export async function withFileLock<T>(path: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const { staleMs = 10_000, timeoutMs = 5_000, retryMs = 15 } = options;
  const lockPath = `${path}.lock`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await fs.open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const age = await fs.stat(lockPath).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > staleMs) {
        await fs.rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new LockTimeoutError(path);
      await new Promise((resolve) => setTimeout(resolve, retryMs + Math.random() * retryMs));
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(lockPath, { force: true });
  }
}
