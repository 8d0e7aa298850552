/**
 * PGlite is a single-process database: two processes opening one data directory corrupt it. A lock file with
 * the owner's PID turns that mistake into a clear error; a lock left by a dead process is taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The data directory ${dir} is in use by another Plinth process (pid ${pid}). ` +
        'Stop that process first, or use a PostgreSQL DATABASE_URL to run several processes on one database.',
    );
    this.name = 'DataDirInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock (or throws DataDirInUseError); returns the function that releases it. */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, 'plinth.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && isAlive(owner)) throw new DataDirInUseError(dir, owner);
      await rm(path, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock the data directory ${dir}.`);
}
