/** Adapter behaviour specific to MongoDB storage (emulated indexes, id changes, capabilities), on FerretDB. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Condition } from '../../filter/condition.js';
import { createLogger } from '../../core/logger.js';
import { type FerretDbServer, startFerretDb } from '../../../test/support/ferretdb.js';
import { column, indexOn, tableSchema } from '../conformance/conformance-tables.js';
import { StorageError, type StorageAdapter } from '../port.js';
import { createMongoStorage } from './mongo-storage.js';

let server: FerretDbServer;
let storage: StorageAdapter;
const logLines: string[] = [];

beforeAll(async () => {
  server = await startFerretDb();
  storage = await createMongoStorage(server.url, createLogger('debug', (line) => logLines.push(line)));
  await storage.migrate();
});

afterAll(async () => {
  await storage?.close();
  await server?.stop();
});

const eq = (field: string, value: string): Condition => ({
  kind: 'compare',
  op: 'eq',
  quantifier: 'all',
  left: { kind: 'path', root: { kind: 'base' }, hops: [], field: { name: field, type: 'text', storage: 'text', multiple: false }, multi: false, joinKey: 'base' },
  right: { kind: 'literal', value },
});

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e);

describe('MongoDB storage on FerretDB', () => {
  it('declares what the deployment lacks, and logs it once at start', () => {
    expect(storage.capabilities).toEqual({ transactions: false, viewCollections: false, fullTextSearch: true });
    expect(storage.dialect).toBe('mongodb');
    expect(logLines.filter((l) => l.includes('without multi-document transactions'))).toHaveLength(1);
  });

  it('moves records in and out of a partial unique index on update', async () => {
    const table = tableSchema('m_partial', [column('code', 'text'), column('status', 'text')], [indexOn('idx_code', true, ['code'], eq('status', 'active'))]);
    await storage.createCollection(table, {});
    await storage.insert(table, { id: 'a', code: 'X', status: 'active' });
    await storage.insert(table, { id: 'b', code: 'X', status: 'draft' });
    const clash = await failure(storage.update(table, 'b', { status: 'active' }));
    expect(clash).toBeInstanceOf(StorageError);
    expect((clash as StorageError).fields).toEqual(['code']);
    await storage.update(table, 'a', { status: 'archived' });
    expect(await storage.update(table, 'b', { status: 'active' })).toEqual({ id: 'b', code: 'X', status: 'active' });
  });

  it('builds an emulated index over existing data and follows field renames', async () => {
    const prev = tableSchema('m_late', [column('email', 'text')]);
    await storage.createCollection(prev, {});
    await storage.insert(prev, { id: 'a', email: 'A@x.io' });
    const next = tableSchema('m_late', [column('mail', 'text', '', 'f_email')], [indexOn('idx_mail', true, [{ name: 'mail', nocase: true }])]);
    await storage.updateCollection(prev, next, {});
    const clash = await failure(storage.insert(next, { id: 'b', mail: 'a@X.IO' }));
    expect((clash as StorageError).kind).toBe('unique');
    expect((clash as StorageError).fields).toEqual(['mail']);
    // A collection whose existing data violates a new unique index cannot get it.
    await storage.insert(next, { id: 'c', mail: 'c@x.io' });
    const dropped = tableSchema('m_late', [column('mail', 'text', '', 'f_email')]);
    await storage.updateCollection(next, dropped, {});
    await storage.insert(dropped, { id: 'd', mail: 'C@x.io' });
    await expect(storage.updateCollection(dropped, next, {})).rejects.toBeInstanceOf(StorageError);
  });

  it('changes a record id keeping its place in insertion order', async () => {
    const table = tableSchema('m_ids', [column('title', 'text')]);
    await storage.createCollection(table, {});
    for (const id of ['a', 'b', 'c']) await storage.insert(table, { id, title: id });
    expect(await storage.update(table, 'a', { id: 'z', title: 'moved' })).toEqual({ id: 'z', title: 'moved' });
    expect((await storage.find({ table })).map((r) => r.id)).toEqual(['z', 'b', 'c']);
    const clash = await failure(storage.update(table, 'z', { id: 'b' }));
    expect((clash as StorageError).fields).toEqual(['id']);
  });

  it('keeps user input out of field names', async () => {
    const table = tableSchema('m_safe', [column('title', 'text')]);
    await storage.createCollection(table, {});
    const row = await storage.insert(table, { id: 'a', title: '$set', ['$where']: 'ignored', ['a.b']: 1 });
    expect(row).toEqual({ id: 'a', title: '$set' });
    expect((await storage.find({ table, where: eq('title', '$set') })).map((r) => r.id)).toEqual(['a']);
  });

  it('fails a compensated transaction with its own error even when undoing it fails, and logs the undo failure', async () => {
    const table = tableSchema('m_undo', [column('code', 'text')], [indexOn('idx_undo_code', true, ['code'])]);
    await storage.createCollection(table, {});
    await storage.insert(table, { id: 'a', code: 'X' });
    const vetoed = new Error('vetoed by a hook');
    const outcome = await failure(
      storage.transaction(async (tx) => {
        await tx.update(table, 'a', { code: 'Y' });
        // Compensation is not isolated: another writer takes the old value before the undo puts it back.
        await storage.insert(table, { id: 'b', code: 'X' });
        throw vetoed;
      }),
    );
    expect(outcome).toBe(vetoed);
    expect(logLines.filter((l) => l.includes('undoing a failed transaction did not complete'))).toHaveLength(1);
  });
});
