/**
 * A record change and its event without transactions (FerretDB): the states a crash can leave behind, built
 * with the adapter's own write functions, and what the next mover run (a fresh adapter, as after a restart)
 * makes of them: a change that never committed is undone and has no event; a committed one keeps its event.
 */
import { randomUUID } from 'node:crypto';
import { type Document, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { type FerretDbServer, startFerretDb } from '../../../test/support/ferretdb.js';
import { column, tableSchema } from '../conformance/conformance-tables.js';
import type { OutboxEvent, StorageAdapter } from '../port.js';
import { KeyedSerial, type MongoScope } from './mongo-connection.js';
import { toPending } from './mongo-outbox.js';
import { deleteRecord, insertRecord, updateRecord } from './mongo-records.js';
import { createMongoStorage } from './mongo-storage.js';
import { OUTBOX_AT, OUTBOX_FIELD, TRASH, TX_FIELD, trashId } from './mongo-tx-markers.js';

let server: FerretDbServer;
let client: MongoClient;
let storage: StorageAdapter;
const notes = tableSchema('crash_notes', [column('text', 'text')]);

beforeAll(async () => {
  server = await startFerretDb();
  storage = await createMongoStorage(server.url, silentLogger);
  await storage.migrate();
  await storage.createCollection(notes, {});
  client = new MongoClient(server.url);
  await client.connect();
});

afterAll(async () => {
  await client?.close();
  await storage?.close();
  await server?.stop();
});

const event = (type: string): OutboxEvent => ({ id: randomUUID(), type, data: { n: 1 }, occurredAt: new Date().toISOString() });
/** A transaction that died: its deadline has passed. */
const deadScope = (): MongoScope => ({ db: client.db(), serial: new KeyedSerial(), marker: { id: randomUUID(), until: Date.now() - 1, written: [] } });
const raw = (id: string) => client.db().collection<Document & { _id: string }>(notes.name).findOne({ _id: id });

/** What a restarted instance's dispatcher sees: a fresh adapter sweeps on its first read. */
async function afterRestart(): Promise<{ ids: string[]; events: string[] }> {
  const restarted = await createMongoStorage(server.url, silentLogger);
  try {
    const events = await restarted.readEvents(0, 1000);
    return { ids: (await restarted.find({ table: notes })).map((r) => String(r.id)), events: events.map((e) => e.id) };
  } finally {
    await restarted.close();
  }
}

describe('record changes and their events without transactions', () => {
  it('commits through storage.transaction: no marker is left and the event is readable', async () => {
    const created = event('record.created');
    await storage.transaction(async (tx) => {
      await tx.insert(notes, { id: 'ok', text: 'kept' });
      await tx.appendEvents([created]);
    });
    const doc = await raw('ok');
    expect(doc && [TX_FIELD, OUTBOX_FIELD, OUTBOX_AT].filter((f) => f in doc)).toEqual([]);
    expect((await storage.readEvents(0, 1000)).map((e) => e.id)).toContain(created.id);
  });

  it('undoes an insert, an update and a delete whose transaction died before committing', async () => {
    await storage.insert(notes, { id: 'upd', text: 'original' });
    await storage.insert(notes, { id: 'del', text: 'still here' });
    const scope = deadScope();
    await insertRecord(scope, notes, { id: 'ghost', text: 'never committed' });
    await updateRecord(scope, notes, 'upd', { text: 'never committed' });
    await deleteRecord(scope, notes, 'del');
    expect(await raw('ghost')).not.toBeNull();
    expect(await raw('del')).toBeNull();

    const { ids } = await afterRestart();
    expect(ids).toEqual(expect.arrayContaining(['upd', 'del']));
    expect(ids).not.toContain('ghost');
    expect((await storage.find({ table: notes })).find((r) => r.id === 'upd')).toEqual({ id: 'upd', text: 'original' });
    expect(await client.db().collection(TRASH).countDocuments({})).toBe(0);
  });

  it('delivers events a committed document still carries, and finishes a committed delete', async () => {
    const updated = event('record.updated');
    const deleted = event('record.deleted');
    await storage.insert(notes, { id: 'carrier', text: 'x' });
    // The state right after the commit write of an update, before its events were moved out:
    await client.db().collection<Document & { _id: string }>(notes.name).updateOne({ _id: 'carrier' }, { $set: { [OUTBOX_FIELD]: toPending([updated]), [OUTBOX_AT]: Date.now() } });
    // ...and of a delete: the parked document committed with its event, the record already gone.
    const parked = trashId(notes.name, 'gone');
    await client.db().collection<Document & { _id: string }>(TRASH).insertOne({ _id: parked, collection: notes.name, doc: { _id: 'gone', text: 'x' }, committed: true, [OUTBOX_FIELD]: toPending([deleted]), [OUTBOX_AT]: Date.now() });

    const { ids, events } = await afterRestart();
    expect(events).toEqual(expect.arrayContaining([updated.id, deleted.id]));
    expect(ids).toContain('carrier');
    expect(ids).not.toContain('gone');
    expect(await raw('carrier')).not.toHaveProperty(OUTBOX_FIELD);
    expect(await client.db().collection(TRASH).countDocuments({})).toBe(0);
    // Moving is idempotent: a second sweep delivers nothing twice.
    const again = await afterRestart();
    expect(again.events.filter((id) => id === updated.id)).toHaveLength(1);
  });
});
