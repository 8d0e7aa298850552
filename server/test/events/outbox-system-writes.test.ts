/**
 * Writes made outside the records API still commit their domain events with them: the superuser upsert (CLI,
 * PLINTH_SUPERUSER_*, installer), the spent-token row of a confirmation, and the built-in collections at boot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmPasswordReset } from '../../src/core/auth/auth-password-reset.js';
import { signRecordToken } from '../../src/core/auth/auth-token.js';
import { upsertSuperuser } from '../../src/core/auth/superuser-upsert.js';
import { SUPERUSERS } from '../../src/core/collections/collection-builtins.js';
import { USED_TOKENS } from '../../src/core/collections/collection-system-builtins.js';
import type { AuthOptions, Collection } from '../../src/core/collections/model.js';
import { idEquals } from '../../src/core/rules/condition-build.js';
import { type CommittedEvent, toCommittedEvent } from '../../src/events/domain-event.js';
import type { RecordData } from '../../src/storage/port.js';
import { testBackends } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe.each(testBackends)('outbox events of system writes on %s', (backend) => {
  let t: TestApp;
  let mark = 0;

  /** Events committed since the last call. */
  async function newEvents(): Promise<CommittedEvent[]> {
    const rows = await t.app.storage.readEvents(mark, 10_000);
    if (rows.length) mark = rows[rows.length - 1].seq;
    return rows.map(toCommittedEvent);
  }
  const summary = (events: CommittedEvent[]) => events.map((e) => `${e.type} ${e.data.collectionName}`);
  const superusers = () => t.app.collections.require(SUPERUSERS) as Collection & AuthOptions;
  async function storedSuperuser(id: string): Promise<RecordData> {
    const [row] = await t.app.storage.find({ table: t.app.collections.table(superusers()), where: idEquals(id) });
    return row;
  }

  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(() => t?.close());

  it('writes collection.created for every built-in collection created at boot', async () => {
    const events = await newEvents();
    const created = events.filter((e) => e.type === 'collection.created').map((e) => e.data.collectionName);
    expect(created.sort()).toEqual(t.app.collections.all().map((c) => c.name).sort());
    expect(created).toEqual(expect.arrayContaining([SUPERUSERS, 'users', USED_TOKENS]));
  });

  it('writes record.created, then record.updated on a new password, for the superuser upsert', async () => {
    await newEvents();
    const { id } = await upsertSuperuser(t.app, 'root@example.com', 'root-pass-123');
    const [created, ...rest] = await newEvents();
    expect(rest).toEqual([]);
    // The stored row, hidden fields included, exactly as the records API puts it in the event.
    const first = await storedSuperuser(id);
    expect(created).toMatchObject({ type: 'record.created', data: { collectionId: superusers().id, collectionName: SUPERUSERS, record: first } });

    await upsertSuperuser(t.app, 'root@example.com', 'root-pass-123');
    expect(await newEvents()).toEqual([]);

    await upsertSuperuser(t.app, 'root@example.com', 'a-new-pass-456');
    const [updated, ...more] = await newEvents();
    expect(more).toEqual([]);
    const second = await storedSuperuser(id);
    expect(second.tokenKey).not.toBe(first.tokenKey);
    expect(updated).toMatchObject({ type: 'record.updated', data: { collectionName: SUPERUSERS, record: second, previous: first } });
  });

  it('writes record.created for the spent-token row of a password reset, with the record update', async () => {
    const { id } = await upsertSuperuser(t.app, 'reset@example.com', 'reset-pass-1');
    const record = await storedSuperuser(id);
    const token = await signRecordToken(t.app, superusers(), record, 'passwordReset', { email: record.email });
    await newEvents();

    await confirmPasswordReset(t.app, SUPERUSERS, { token, password: 'reset-pass-2', passwordConfirm: 'reset-pass-2' });
    const events = await newEvents();
    expect(summary(events)).toEqual([`record.created ${USED_TOKENS}`, `record.updated ${SUPERUSERS}`]);
    expect(events[0].data).toMatchObject({ record: { collectionRef: superusers().id, recordRef: id, kind: 'passwordReset' } });
  });
});
