/**
 * The outbox contract (port.ts OutboxStore): events appended with a change become readable exactly when the
 * change is, in increasing seq order, once each; a transaction that throws drops its events with its work
 * (rolled back, or compensated where the adapter declares no transactions).
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { OutboxEvent, RecordData, StorageAdapter, StoredOutboxEvent } from '../port.js';
import { StorageError } from '../port.js';
import { column, createTable, indexOn, type SuiteContext, tableSchema, uniqueName } from './conformance-tables.js';

function event(type: string, data: unknown = {}): OutboxEvent {
  return { id: randomUUID(), type, data, occurredAt: new Date().toISOString() };
}

/** Every event after `seq` (the suite shares one outbox, so tests look only at their own ids). */
async function eventsAfter(storage: StorageAdapter, seq: number): Promise<StoredOutboxEvent[]> {
  const all: StoredOutboxEvent[] = [];
  for (;;) {
    const page = await storage.readEvents(all.at(-1)?.seq ?? seq, 50);
    all.push(...page);
    if (page.length < 50) return all;
  }
}

async function ownEvents(storage: StorageAdapter, since: number, events: OutboxEvent[]): Promise<StoredOutboxEvent[]> {
  const ids = new Set(events.map((e) => e.id));
  return (await eventsAfter(storage, since)).filter((e) => ids.has(e.id));
}

export function outboxTests(ctx: SuiteContext): void {
  const notesTable = () => createTable(ctx, tableSchema(uniqueName('ob_notes'), [column('text', 'text')]));

  it('stores events appended outside a transaction at once, with increasing seqs and data intact', async () => {
    const since = await ctx.storage.latestEventSeq();
    const events = [event('record.created', { record: { id: 'a', 'odd.key': 1, $weird: [null, 'x'] } }), event('record.deleted')];
    await ctx.storage.appendEvents(events);
    const stored = await ownEvents(ctx.storage, since, events);
    expect(stored.map(({ seq: _seq, ...rest }) => rest)).toEqual(events);
    expect(stored[0].seq).toBeGreaterThan(since);
    expect(stored[1].seq).toBeGreaterThan(stored[0].seq);
    expect(await ctx.storage.latestEventSeq()).toBeGreaterThanOrEqual(stored[1].seq);
  });

  it('pages through events after a seq, ascending', async () => {
    const since = await ctx.storage.latestEventSeq();
    const events = Array.from({ length: 5 }, (_, i) => event('record.updated', { n: i }));
    for (const e of events) await ctx.storage.appendEvents([e]);
    const first = await ctx.storage.readEvents(since, 2);
    expect(first.map((e) => e.id)).toEqual(events.slice(0, 2).map((e) => e.id));
    const rest = await ctx.storage.readEvents(first[1].seq, 10);
    expect(rest.map((e) => e.id)).toEqual(events.slice(2).map((e) => e.id));
  });

  it('commits a record and its event together', async () => {
    const table = await notesTable();
    const since = await ctx.storage.latestEventSeq();
    const created = event('record.created', { id: 'a' });
    await ctx.storage.transaction(async (tx) => {
      await tx.insert(table, { id: 'a', text: 'one' });
      await tx.appendEvents([created]);
    });
    expect((await ctx.storage.find({ table })).map((r) => r.id)).toEqual(['a']);
    expect((await ownEvents(ctx.storage, since, [created])).map((e) => e.type)).toEqual(['record.created']);
  });

  it('drops the events with the work when the transaction throws', async () => {
    const table = await notesTable();
    const since = await ctx.storage.latestEventSeq();
    const created = event('record.created', { id: 'a' });
    await expect(
      ctx.storage.transaction(async (tx) => {
        await tx.insert(table, { id: 'a', text: 'one' });
        await tx.appendEvents([created]);
        throw new Error('after the write');
      }),
    ).rejects.toThrow('after the write');
    expect(await ctx.storage.find({ table })).toEqual([]);
    expect(await ownEvents(ctx.storage, since, [created])).toEqual([]);
  });

  it('writes a row and its event in one step, the event carrying the stored row, outside and inside a transaction', async () => {
    const table = await createTable(ctx, tableSchema(uniqueName('ob_rows'), [column('text', 'text'), column('n', 'number'), column('meta', 'json'), column('ok', 'bool')]));
    const since = await ctx.storage.latestEventSeq();
    const envelope = { collectionId: 'c1', collectionName: 'rows', actor: null };
    let hints = 0;
    const stop = ctx.storage.watchEvents(() => (hints += 1));
    const created = event('record.created', envelope);
    const row = await ctx.storage.insertWithEvent(table, { id: 'a', text: 'one', n: 1.5, meta: { z: 1, a: [true, null] }, ok: true }, created);
    stop();
    expect(row).toEqual({ id: 'a', text: 'one', n: 1.5, meta: { z: 1, a: [true, null] }, ok: true });
    expect(hints).toBeGreaterThanOrEqual(1);
    const updated = event('record.updated', { ...envelope, previous: row });
    const after = await ctx.storage.updateWithEvent(table, 'a', { n: 2, meta: null }, updated);
    expect(after).toEqual({ ...row, n: 2, meta: null });
    expect(await ctx.storage.updateWithEvent(table, 'missing', { n: 3 }, event('record.updated', envelope))).toBeNull();
    const inTx = event('record.created', envelope);
    await ctx.storage.transaction((tx) => tx.insertWithEvent(table, { id: 'b', text: 'two' }, inTx));
    const rolledBack = event('record.created', envelope);
    await expect(ctx.storage.transaction(async (tx) => {
      await tx.insertWithEvent(table, { id: 'c', text: 'three' }, rolledBack);
      throw new Error('after the write');
    })).rejects.toThrow('after the write');
    const duplicate = event('record.created', envelope);
    await expect(ctx.storage.insertWithEvent(table, { id: 'a', text: 'again' }, duplicate)).rejects.toBeInstanceOf(StorageError);

    const stored = await ownEvents(ctx.storage, since, [created, updated, inTx, rolledBack, duplicate]);
    expect(stored.map((e) => e.id)).toEqual([created.id, updated.id, inTx.id]);
    expect(stored[0]).toMatchObject({ type: 'record.created', data: { ...envelope, record: row } });
    expect(stored[1].data).toEqual({ ...envelope, previous: row, record: after });
    expect((stored[2].data as { record: unknown }).record).toMatchObject({ id: 'b', text: 'two', n: 0, ok: false });
    expect((await ctx.storage.find({ table })).map((r) => r.id).sort()).toEqual(['a', 'b']);
  });

  it('writes creates made together each with its event, refusing only the bad ones', async () => {
    const table = await createTable(ctx, tableSchema(uniqueName('ob_together'), [column('slug', 'text')], [indexOn('idx_slug', true, ['slug'])]));
    await ctx.storage.insert(table, { id: 'g0', slug: 'taken' });
    const since = await ctx.storage.latestEventSeq();
    const create = (id: string, slug: string) => ({ data: { id, slug }, event: event('record.created', { collectionName: 'together' }) });
    // Each round is issued in one turn, as concurrent requests are (the SQL adapter gathers them into one
    // statement): one with a taken unique value, one with the same id twice.
    const rounds = [
      [create('g1', 'one'), create('g2', 'taken'), create('g3', 'three')],
      [create('g4', 'four'), create('g4', 'four again'), create('g5', 'five')],
    ];
    const outcomes: PromiseSettledResult<RecordData>[] = [];
    for (const round of rounds) outcomes.push(...(await Promise.allSettled(round.map((w) => ctx.storage.insertWithEvent(table, w.data, w.event)))));

    const stored = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : undefined));
    const refused = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as StorageError) : undefined));
    expect(stored.map((r) => r?.id)).toEqual(['g1', undefined, 'g3', ...(stored[3] ? ['g4', undefined] : [undefined, 'g4']), 'g5']);
    expect(stored[0]).toEqual({ id: 'g1', slug: 'one' });
    expect(refused[1]).toBeInstanceOf(StorageError);
    expect(refused[1]).toMatchObject({ kind: 'unique', fields: ['slug'] });
    // Two concurrent creates of one id: one of them wins (which one is up to the database), the other is refused.
    const loser = refused[3] ?? refused[4];
    expect(loser).toBeInstanceOf(StorageError);
    expect(loser).toMatchObject({ kind: 'unique', fields: ['id'] });
    const g4 = (stored[3] ?? stored[4]) as RecordData;
    expect((await ctx.storage.find({ table })).map((r) => r.slug).sort()).toEqual(['five', g4.slug, 'one', 'taken', 'three'].sort());

    // One event per stored record, carrying it; none for the refused writes.
    const records = (await ownEvents(ctx.storage, since, rounds.flat().map((w) => w.event))).map((e) => (e.data as { record: RecordData }).record);
    const byId = (a: RecordData, b: RecordData) => String(a.id).localeCompare(String(b.id));
    expect(records.sort(byId)).toEqual([stored[0], stored[2], g4, stored[5]] as RecordData[]);
  });

  it('writes updates made together each with its event, refusing only the bad ones', async () => {
    const table = await createTable(ctx, tableSchema(uniqueName('ob_updates'), [column('slug', 'text'), column('n', 'number')], [indexOn('idx_slug', true, ['slug'])]));
    await ctx.storage.insertMany(table, ['u1', 'u2', 'u3', 'u4', 'u5'].map((id, i) => ({ id, slug: id, n: i })));
    const since = await ctx.storage.latestEventSeq();
    const update = (id: string, data: RecordData) => ({ id, data, event: event('record.updated', { collectionName: 'updates' }) });
    // One turn each, as concurrent requests: a taken unique value and a missing record among good updates,
    // then the same record twice, then updates that set different columns.
    const rounds = [
      [update('u1', { n: 10 }), update('u2', { n: 20, slug: 'u3' }), update('nope', { n: 0 }), update('u2', { n: 21, slug: 'two' })],
      [update('u3', { n: 30 }), update('u3', { n: 31 })],
      [update('u4', { n: 40 }), update('u5', { slug: 'five' })],
    ];
    const outcomes: PromiseSettledResult<RecordData | null>[] = [];
    for (const round of rounds) outcomes.push(...(await Promise.allSettled(round.map((w) => ctx.storage.updateWithEvent(table, w.id, w.data, w.event)))));

    const refused = outcomes[1].status === 'rejected' ? (outcomes[1].reason as StorageError) : undefined;
    expect(refused).toBeInstanceOf(StorageError);
    expect(refused).toMatchObject({ kind: 'unique', fields: ['slug'] });
    // Each caller gets the record as its own write left it.
    const stored = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : undefined));
    expect(stored).toEqual([
      { id: 'u1', slug: 'u1', n: 10 },
      undefined,
      null,
      { id: 'u2', slug: 'two', n: 21 },
      { id: 'u3', slug: 'u3', n: 30 },
      { id: 'u3', slug: 'u3', n: 31 },
      { id: 'u4', slug: 'u4', n: 40 },
      { id: 'u5', slug: 'five', n: 4 },
    ]);

    // One event per stored update, carrying the record it wrote.
    const events = await ownEvents(ctx.storage, since, rounds.flat().map((w) => w.event));
    const written = [0, 3, 4, 5, 6, 7].map((i) => rounds.flat()[i].event.id);
    expect(events.map((e) => e.id).sort()).toEqual([...written].sort());
    for (const e of events) expect((e.data as { record: RecordData }).record).toEqual(stored[rounds.flat().findIndex((w) => w.event.id === e.id)]);
    // u3 was written twice at once: the row is what the later of its two events says.
    const lastU3 = events.filter((e) => (e.data as { record: RecordData }).record.id === 'u3').at(-1)!;
    const rows = await ctx.storage.find({ table });
    expect(rows.map((r) => [r.id, r.slug, r.n])).toEqual([
      ['u1', 'u1', 10],
      ['u2', 'two', 21],
      ['u3', 'u3', (lastU3.data as { record: RecordData }).record.n],
      ['u4', 'u4', 40],
      ['u5', 'five', 4],
    ]);
  });

  it('refuses a second append of the same event id', async () => {
    const once = event('record.created');
    await ctx.storage.appendEvents([once]);
    await ctx.storage.readEvents(await ctx.storage.latestEventSeq(), 1);
    const error = await ctx.storage.appendEvents([once]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
  });

  it('prunes delivered events older than a time, keeping the rest', async () => {
    const since = await ctx.storage.latestEventSeq();
    const old = { ...event('record.created'), occurredAt: '2001-01-01T00:00:00.000Z' };
    const recent = event('record.created');
    await ctx.storage.appendEvents([old, recent]);
    const stored = await ownEvents(ctx.storage, since, [old, recent]);
    const pruned = await ctx.storage.pruneEvents(stored[1].seq, '2002-01-01T00:00:00.000Z');
    expect(pruned).toBeGreaterThanOrEqual(1);
    expect((await ownEvents(ctx.storage, since, [old, recent])).map((e) => e.id)).toEqual([recent.id]);
  });

  it('tells local watchers after a commit that appended events', async () => {
    let hints = 0;
    const stop = ctx.storage.watchEvents(() => (hints += 1));
    try {
      await ctx.storage.transaction((tx) => tx.appendEvents([event('collection.created')]));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(hints).toBeGreaterThanOrEqual(1);
    } finally {
      stop();
    }
  });
}
