/**
 * The outbox read every consumer makes after every commit: on PostgreSQL one named statement, prepared once per
 * connection whatever the cursor, with the events' types as the dispatcher expects them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/test-database.js';
import { singleConnectionStorage, type SingleConnectionStorage } from '../../../test/support/single-connection-postgres.js';

describe.runIf(testBackends.includes('postgres'))('outbox reads on PostgreSQL', () => {
  let pg: SingleConnectionStorage;
  beforeAll(async () => {
    pg = await singleConnectionStorage();
  });
  afterAll(async () => {
    await pg?.close();
  });

  it('reads after any cursor through one prepared statement', async () => {
    const occurredAt = '2026-01-02T03:04:05.678Z';
    const events = ['evt_a', 'evt_b', 'evt_c'].map((id, n) => ({ id, type: 'record.created', data: { n }, occurredAt }));
    await pg.storage.appendEvents(events);
    const all = await pg.storage.readEvents(0, 10);
    expect(all.map(({ id, type, data, occurredAt: at }) => ({ id, type, data, occurredAt: at }))).toEqual(events);
    expect(all.map((e) => typeof e.seq)).toEqual(['number', 'number', 'number']);
    const rest = await pg.storage.readEvents(all[0].seq, 1);
    expect(rest.map((e) => e.id)).toEqual(['evt_b']);
    const statements = await pg.prepared('FROM "_plinth_events"');
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('"seq" > $1');
  });
});
