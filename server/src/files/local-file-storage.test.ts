import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalFileStorage } from './local-file-storage.js';

describe('local file storage', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'plinth-local-'));
    dirs.push(dir);
    return { dir, storage: createLocalFileStorage(join(dir, 'storage')) };
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('writes, stats, reads, streams ranges and deletes, pruning empty directories', async () => {
    const { dir, storage } = fresh();
    await storage.put('c/r/a.txt', Buffer.from('hello world'), 'text/plain');
    expect(await storage.stat('c/r/a.txt')).toMatchObject({ size: 11 });
    expect((await storage.read('c/r/a.txt'))?.toString()).toBe('hello world');
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.stream('c/r/a.txt', { start: 6, end: 10 })) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('world');
    await storage.delete('c/r/a.txt');
    expect(await storage.stat('c/r/a.txt')).toBeNull();
    expect(existsSync(join(dir, 'storage', 'c'))).toBe(false);
    expect(existsSync(join(dir, 'storage'))).toBe(true);
  });

  it('refuses keys that could leave the root', async () => {
    const { dir, storage } = fresh();
    writeFileSync(join(dir, 'outside.txt'), 'secret');
    for (const key of ['../outside.txt', 'c/../../outside.txt', '/etc/passwd', 'c//x', 'c/./x', 'c\\..\\x', 'c/r/\0x', '']) {
      await expect(storage.read(key), key).rejects.toThrow(/unsafe file key/);
      await expect(storage.delete(key), key).rejects.toThrow(/unsafe file key/);
      await expect(storage.deletePrefix(key), key).rejects.toThrow(/unsafe file key/);
    }
    expect(existsSync(join(dir, 'outside.txt'))).toBe(true);
  });
});
