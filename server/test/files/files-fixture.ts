/**
 * Shared setup for the file tests: a real Plinth (with its own data dir) per backend, an authenticated
 * superuser SDK client, PNG/JPEG bytes made with sharp, and helpers to fetch served files and inspect storage.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import sharp from 'sharp';
import { testBackends, type TestBackend } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** Files need transactional record writes (rollback cleanup is asserted): the SQL backends of this run. */
export const sqlBackends = testBackends.filter((b) => b !== 'mongodb');

export interface FilesApi {
  server: TestServer;
  admin: PocketBase;
  guest(): PocketBase;
  /** Absolute path of a storage key on the local driver. */
  storagePath(...segments: string[]): string;
  /** Names in a record's storage directory ([] when it does not exist). */
  storedNames(collectionId: string, recordId: string): string[];
  close(): Promise<void>;
}

export async function startFilesApi(backend: TestBackend): Promise<FilesApi> {
  const server = await startTestServer({ backend });
  const client = () => new PocketBase(server.url).autoCancellation(false);
  const admin = client();
  await admin.collection('_superusers').authWithPassword(server.superuser.email, server.superuser.password);
  const storagePath = (...segments: string[]) => join(server.dataDir, 'storage', ...segments);
  return {
    server,
    admin,
    guest: client,
    storagePath,
    storedNames(collectionId, recordId) {
      const dir = storagePath(collectionId, recordId);
      return existsSync(dir) ? readdirSync(dir).sort() : [];
    },
    close: () => server.close(),
  };
}

/** A solid-colour PNG of the given size. */
export function png(width: number, height: number, colour = { r: 200, g: 30, b: 30 }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer();
}

export function jpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 10, g: 90, b: 200 } } }).jpeg().toBuffer();
}

export const file = (data: Buffer | string, name: string, type = ''): File =>
  new File([typeof data === 'string' ? data : new Uint8Array(data)], name, { type });

export async function imageSize(res: Response): Promise<{ width?: number; height?: number; format?: string }> {
  const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
  return { width: meta.width, height: meta.height, format: meta.format };
}
