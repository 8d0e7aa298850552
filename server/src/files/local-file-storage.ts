/**
 * The local-disk driver: keys map to paths under one root directory (`<dataDir>/storage`). Writes go to a
 * temporary file renamed into place, so a reader never sees half a file. Every key is checked twice: its
 * segments must be plain names, and the resolved path must stay inside the root.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { randomString } from '../core/ids.js';
import { isSafeKey, type ByteRange, type FileStorage, type StoredFileInfo } from './port.js';

export class UnsafeKeyError extends Error {
  constructor(key: string) {
    super(`unsafe file key ${JSON.stringify(key)}`);
    this.name = 'UnsafeKeyError';
  }
}

export function createLocalFileStorage(root: string): FileStorage {
  const base = resolve(root);

  const pathOf = (key: string): string => {
    if (!isSafeKey(key)) throw new UnsafeKeyError(key);
    const full = resolve(base, key);
    if (!full.startsWith(base + sep)) throw new UnsafeKeyError(key);
    return full;
  };

  /** Removes now-empty directories up to (not including) the root, like an object store has no empty folders. */
  const pruneEmptyDirs = async (dir: string) => {
    for (let current = dir; current.startsWith(base + sep); current = dirname(current)) {
      try {
        await rmdir(current);
      } catch {
        return; // not empty (or already gone): stop climbing
      }
    }
  };

  const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR';

  return {
    kind: 'local',

    async put(key, data) {
      const path = pathOf(key);
      const temp = `${path}.${randomString(8)}.tmp`;
      // A concurrent delete may prune the directory between mkdir and write: try once more.
      for (let attempt = 0; ; attempt++) {
        try {
          await mkdir(dirname(path), { recursive: true });
          await writeFile(temp, data);
          await rename(temp, path);
          return;
        } catch (err) {
          if (attempt > 0 || !missing(err)) throw err;
        }
      }
    },

    async stat(key): Promise<StoredFileInfo | null> {
      try {
        const info = await stat(pathOf(key));
        return info.isFile() ? { size: info.size, modified: info.mtime } : null;
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
    },

    async read(key) {
      try {
        return await readFile(pathOf(key));
      } catch (err) {
        if (missing(err) || (err as NodeJS.ErrnoException).code === 'EISDIR') return null;
        throw err;
      }
    },

    async stream(key, range?: ByteRange): Promise<Readable> {
      return createReadStream(pathOf(key), range ? { start: range.start, end: range.end } : undefined);
    },

    async delete(key) {
      const path = pathOf(key);
      await rm(path, { force: true });
      await pruneEmptyDirs(dirname(path));
    },

    async deletePrefix(prefix) {
      const path = pathOf(prefix.replace(/\/+$/, ''));
      await rm(path, { recursive: true, force: true });
      await pruneEmptyDirs(dirname(path));
    },
  };
}
