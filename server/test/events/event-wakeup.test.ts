/**
 * Two instances on one database: a commit on one wakes the other's consumers at once where the adapter can
 * signal across processes (PostgreSQL LISTEN/NOTIFY), long before its safety-net poll would. PGlite is a
 * single-process database, so there is no second instance to wake there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { newEventId } from '../../src/events/domain-event.js';
import { OutboxDispatcher } from '../../src/events/dispatcher.js';
import { createStorage } from '../../src/storage/create-storage.js';
import type { StorageAdapter } from '../../src/storage/port.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../support/test-database.js';
import { waitFor } from '../jobs/wait-for.js';

describe.each(testBackends.filter((b) => b === 'postgres'))('cross-instance wake-up on %s', (backend) => {
  let db: TestDatabase;
  let writer: StorageAdapter;
  let reader: StorageAdapter;
  let bus: OutboxDispatcher;

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    writer = await createStorage(db.database, silentLogger);
    await writer.migrate();
    reader = await createStorage(db.database, silentLogger);
  });
  afterAll(async () => {
    await bus?.close();
    await reader?.close();
    await writer?.close();
    await db?.dispose();
  });

  it('delivers another instance’s commit without waiting for the poll', async () => {
    bus = new OutboxDispatcher(reader, silentLogger, { pollIntervalMs: 120_000 });
    const got: string[] = [];
    bus.subscribe('live-reader', async (e) => void got.push(e.id), { mode: 'live' });
    await bus.start();
    // Let the LISTEN connection come up.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const ids = [newEventId(), newEventId()];
    for (const id of ids) {
      await writer.transaction((tx) => tx.appendEvents([{ id, type: 'record.created', data: {}, occurredAt: new Date().toISOString() }]));
    }
    await waitFor(() => got.length === 2, 'the other instance’s events', 20_000);
    expect(got).toEqual(ids);
  });
});
