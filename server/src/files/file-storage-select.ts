/**
 * `app.files`: the driver chosen by the CURRENT settings on every call — S3 when `s3.enabled`, else the local
 * disk under `<dataDir>/storage` — so a settings change takes effect without a restart. The S3 client is
 * rebuilt only when the S3 settings change. (Like PocketBase, switching does not move existing files.)
 */
import { join } from 'node:path';
import type { SettingsService } from '../core/settings/settings.js';
import { createLocalFileStorage } from './local-file-storage.js';
import type { FileStorage } from './port.js';
import { createS3FileStorage, type S3Config } from './s3-file-storage.js';

export function readS3Config(raw: unknown): (S3Config & { enabled: boolean }) | null {
  if (!raw || typeof raw !== 'object') return null;
  const s = raw as Record<string, unknown>;
  const text = (k: string) => (typeof s[k] === 'string' ? (s[k] as string) : '');
  return {
    enabled: s.enabled === true,
    bucket: text('bucket'),
    region: text('region'),
    endpoint: text('endpoint'),
    accessKey: text('accessKey'),
    secret: text('secret'),
    forcePathStyle: s.forcePathStyle === true,
  };
}

export function createFileStorage(dataDir: string, settings: SettingsService): FileStorage & { close(): void } {
  const local = createLocalFileStorage(join(dataDir || '.', 'storage'));
  let s3: { fingerprint: string; storage: ReturnType<typeof createS3FileStorage> } | null = null;

  const current = (): FileStorage => {
    const config = readS3Config(settings.get().s3);
    if (!config?.enabled) return local;
    const fingerprint = JSON.stringify(config);
    if (s3?.fingerprint !== fingerprint) {
      s3?.storage.destroy();
      s3 = { fingerprint, storage: createS3FileStorage(config) };
    }
    return s3.storage;
  };

  return {
    get kind() {
      return current().kind;
    },
    put: (key, data, contentType) => current().put(key, data, contentType),
    stat: (key) => current().stat(key),
    read: (key) => current().read(key),
    stream: (key, range) => current().stream(key, range),
    delete: (key) => current().delete(key),
    deletePrefix: (prefix) => current().deletePrefix(prefix),
    close() {
      s3?.storage.destroy();
      s3 = null;
    },
  };
}
