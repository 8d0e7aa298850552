import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './pglite-dir-lock.js';

describe('PGlite data dir lock', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'plinth-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('writes our pid and releases the lock', async () => {
    const dir = fresh();
    const release = await lockDataDir(dir);
    expect(readFileSync(join(dir, 'plinth.lock'), 'utf8')).toBe(String(process.pid));
    await release();
    const again = await lockDataDir(dir);
    await again();
  });

  it('refuses a directory locked by another live process', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'plinth.lock'), String(process.ppid));
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirInUseError);
  });

  it('takes over a lock left by a dead process', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'plinth.lock'), '2147483646');
    const release = await lockDataDir(dir);
    expect(readFileSync(join(dir, 'plinth.lock'), 'utf8')).toBe(String(process.pid));
    await release();
  });
});
