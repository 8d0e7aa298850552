import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../core/logger.js';
import { createTestDatabase, testBackends } from '../../test/support/test-database.js';
import { createStorage } from './create-storage.js';
import { StorageError, type TableSchema } from './port.js';

const notes: TableSchema = {
  id: 'c_notes',
  name: 'notes',
  columns: [
    { id: 'f_id', name: 'id', storage: 'text', defaultValue: '' },
    { id: 'f_text', name: 'text', storage: 'text', defaultValue: '' },
  ],
  indexes: [],
};

describe('createStorage', () => {
  it('reports an unreachable MongoDB server as unavailable', async () => {
    const error = await createStorage({ kind: 'mongodb', url: 'mongodb://127.0.0.1:1/nothing?serverSelectionTimeoutMS=300' }, silentLogger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).kind).toBe('unavailable');
  });

  it.runIf(testBackends.includes('mongodb'))('opens MongoDB from a mongodb:// URL, declaring what the deployment can do', async () => {
    const db = await createTestDatabase('mongodb');
    const storage = await createStorage(db.database, silentLogger);
    try {
      expect(storage.dialect).toBe('mongodb');
      expect(storage.capabilities.viewCollections).toBe(false);
      expect(typeof storage.capabilities.transactions).toBe('boolean');
      await storage.migrate();
      await storage.createCollection(notes, { name: 'notes' });
      await storage.insert(notes, { id: 'n1', text: 'kept' });
      expect(await storage.find({ table: notes })).toEqual([{ id: 'n1', text: 'kept' }]);
    } finally {
      await storage.close();
      await db.dispose();
    }
  });

  it('reports an unreachable PostgreSQL server as unavailable', async () => {
    const storage = await createStorage({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/nothing' }, silentLogger);
    try {
      const error = await storage.migrate().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageError);
      expect((error as StorageError).kind).toBe('unavailable');
    } finally {
      await storage.close();
    }
  });

  it.runIf(testBackends.includes('pglite'))('persists PGlite data in a directory it creates', async () => {
    const base = await mkdtemp(join(tmpdir(), 'plinth-pglite-persist-'));
    const dir = join(base, 'nested', 'pgdata');
    try {
      const first = await createStorage({ kind: 'pglite', dir }, silentLogger);
      expect(first.dialect).toBe('pglite');
      expect(first.capabilities).toEqual({ transactions: true, viewCollections: true, fullTextSearch: true });
      await first.migrate();
      await first.createCollection(notes, { name: 'notes' });
      await first.insert(notes, { id: 'n1', text: 'kept' });
      await first.close();

      const second = await createStorage({ kind: 'pglite', dir }, silentLogger);
      await second.migrate();
      expect(await second.listCollections()).toEqual([{ id: 'c_notes', document: { name: 'notes' } }]);
      expect(await second.find({ table: notes })).toEqual([{ id: 'n1', text: 'kept' }]);
      await second.close();
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });

  it.runIf(testBackends.includes('postgres'))('migrates once when several instances start together', async () => {
    const db = await createTestDatabase('postgres');
    const instances = await Promise.all([1, 2, 3].map(() => createStorage(db.database, silentLogger)));
    try {
      expect(instances[0].dialect).toBe('postgres');
      await Promise.all(instances.map((s) => s.migrate()));
      await instances[0].createCollection(notes, { name: 'notes' });
      expect(await instances[2].listCollections()).toHaveLength(1);
    } finally {
      await Promise.all(instances.map((s) => s.close()));
      await db.dispose();
    }
  });
});
