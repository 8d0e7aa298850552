/**
 * Commit hints over LISTEN/NOTIFY go out only while another instance listens. A plain client LISTENing on
 * the channel (no Plinth: it never announces itself) sees what each instance sends.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../../../test/support/test-database.js';
import { sleep, waitFor } from '../../../test/jobs/wait-for.js';
import { createStorage } from '../create-storage.js';
import type { StorageAdapter } from '../port.js';
import { EVENTS_CHANNEL } from './sql-event-signal.js';

describe.each(testBackends.filter((b) => b === 'postgres'))('event hints between instances on %s', (backend) => {
  let db: TestDatabase;
  let observer: pg.Client;
  const heard: string[] = [];
  const storages: StorageAdapter[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    if (db.database.kind !== 'postgres') throw new Error('a PostgreSQL test database');
    observer = new pg.Client({ connectionString: db.database.url });
    await observer.connect();
    observer.on('notification', (msg) => heard.push(msg.payload ?? ''));
    await observer.query(`LISTEN ${EVENTS_CHANNEL}`);
  });
  afterAll(async () => {
    for (const storage of storages) await storage.close();
    await observer?.end();
    await db?.dispose();
  });

  async function instance(): Promise<{ storage: StorageAdapter; wakes: () => number; origin: string }> {
    const storage = await createStorage(db.database, silentLogger);
    storages.push(storage);
    await storage.migrate();
    let wakes = 0;
    const before = heard.length;
    storage.watchEvents(() => wakes++);
    // Its LISTEN is in place once it has said hello.
    await waitFor(() => heard.slice(before).some((p) => p.startsWith('hello:')), 'the hello');
    const origin = heard.slice(before).find((p) => p.startsWith('hello:'))!.slice('hello:'.length);
    return { storage, wakes: () => wakes, origin };
  }

  const commit = (storage: StorageAdapter) =>
    storage.transaction((tx) => tx.appendEvents([{ id: `evt_${Math.random()}`, type: 'record.created', data: {}, occurredAt: new Date().toISOString() }]));

  it('sends no hint while alone, and hints a peer once it has said hello', async () => {
    const a = await instance();
    const start = heard.length;
    await commit(a.storage);
    await commit(a.storage);
    // Well past the 10 ms debounce: a hint would have arrived by now.
    await sleep(500);
    expect(heard.slice(start)).toEqual([]);
    expect(a.wakes()).toBeGreaterThanOrEqual(2);

    const b = await instance();
    // A answers B's hello, so B counts A too.
    await waitFor(() => heard.includes(`here:${a.origin}`), 'the answer to the hello');
    const bWakes = b.wakes();
    const beforeHint = heard.length;
    await commit(a.storage);
    await waitFor(() => heard.slice(beforeHint).includes(a.origin), 'the hint of A’s commit');
    await waitFor(() => b.wakes() > bWakes, 'B woken by A’s commit');
  });
});
