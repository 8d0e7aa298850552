/** Record reads and writes: value round-trips, indexes, paging and the plain CRUD contract. */
import { expect, it } from 'vitest';
import type { Condition } from '../../filter/condition.js';
import { StorageError, type TableSchema } from '../port.js';
import { column, createTable, indexOn, type SuiteContext, tableSchema, uniqueName } from './conformance-tables.js';

const eqText = (field: string, value: string): Condition => ({
  kind: 'compare',
  op: 'eq',
  quantifier: 'all',
  left: { kind: 'path', root: { kind: 'base' }, hops: [], field: { name: field, type: 'text', storage: 'text', multiple: false }, multi: false, joinKey: 'base' },
  right: { kind: 'literal', value },
});

async function expectStorageError(promise: Promise<unknown>, kind: StorageError['kind'], fields: string[]): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorageError);
  expect((error as StorageError).kind).toBe(kind);
  expect((error as StorageError).fields).toEqual(fields);
}

export function recordTests(ctx: SuiteContext): void {
  const kinds = () =>
    tableSchema(uniqueName('rec_kinds'), [
      column('t', 'text'),
      column('n', 'number'),
      column('b', 'bool'),
      column('j', 'json'),
      column('l', 'list'),
      column('g', 'geo'),
    ]);

  it('round-trips every storage kind with the same JS types', async () => {
    const table = await createTable(ctx, kinds());
    const rows = [
      { id: 'a', t: 'héllo "quoted" \\ ', n: 1.25, b: true, j: { x: [1, { y: null }], s: 'str' }, l: ['p', 'q'], g: { lon: 12.5, lat: -41.2 } },
      { id: 'b', t: '', n: -3, b: false, j: null, l: [], g: { lon: 0, lat: 0 } },
      { id: 'c', t: 'x', n: 0.1 + 0.2, b: false, j: 'just a string', l: ['only'], g: { lon: -180, lat: 90 } },
      { id: 'd', t: 'y', n: 1e15, b: true, j: [1, 'two', false], l: [], g: { lon: 1, lat: 1 } },
      { id: 'e', t: 'z', n: -0.5, b: false, j: 42.5, l: [], g: { lon: 1, lat: 1 } },
      { id: 'f', t: 'w', n: 7, b: false, j: true, l: [], g: { lon: 1, lat: 1 } },
    ];
    for (const row of rows) expect(await ctx.storage.insert(table, row)).toEqual(row);
    expect(await ctx.storage.find({ table })).toEqual(rows);
  });

  it('fills omitted columns with defaults and never returns _rowid', async () => {
    const table = await createTable(ctx, kinds());
    const row = await ctx.storage.insert(table, { id: 'only' });
    expect(row).toEqual({ id: 'only', t: '', n: 0, b: false, j: null, l: [], g: { lon: 0, lat: 0 } });
    expect(Object.keys((await ctx.storage.find({ table }))[0])).not.toContain('_rowid');
  });

  it('inserts many rows at once, in order, with defaults and JSON values', async () => {
    const table = await createTable(ctx, kinds());
    const rows = Array.from({ length: 250 }, (_, i) => ({ id: `m${String(i).padStart(3, '0')}`, t: `row ${i}`, j: { i, tags: ['a', i] } }));
    await ctx.storage.insertMany(table, rows);
    await ctx.storage.insertMany(table, []);
    const stored = await ctx.storage.find({ table });
    expect(stored).toHaveLength(250);
    expect(stored.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(stored[7]).toEqual({ id: 'm007', t: 'row 7', n: 0, b: false, j: { i: 7, tags: ['a', 7] }, l: [], g: { lon: 0, lat: 0 } });
  });

  it('inserts many rows inside a transaction only if it commits', async () => {
    const table = await createTable(ctx, kinds());
    await expect(
      ctx.storage.transaction(async (tx) => {
        await tx.insertMany(table, [{ id: 'x1' }, { id: 'x2' }]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await ctx.storage.count({ table })).toBe(0);
    await expectStorageError(ctx.storage.transaction((tx) => tx.insertMany(table, [{ id: 'y1' }, { id: 'y1' }])), 'unique', ['id']);
    expect(await ctx.storage.count({ table })).toBe(0);
  });

  it('reports unique violations with the column names', async () => {
    const table = await createTable(
      ctx,
      tableSchema(uniqueName('rec_unique'), [column('email', 'text'), column('code', 'text')], [indexOn('idx_email', true, ['email'])]),
    );
    await ctx.storage.insert(table, { id: 'u1', email: 'a@x.io' });
    await expectStorageError(ctx.storage.insert(table, { id: 'u2', email: 'a@x.io' }), 'unique', ['email']);
    await expectStorageError(ctx.storage.insert(table, { id: 'u1', email: 'other@x.io' }), 'unique', ['id']);
    await ctx.storage.insert(table, { id: 'u3', email: 'b@x.io' });
    await expectStorageError(ctx.storage.update(table, 'u3', { email: 'a@x.io' }), 'unique', ['email']);
  });

  it('supports case-insensitive and multi-column unique indexes', async () => {
    const table = await createTable(
      ctx,
      tableSchema(
        uniqueName('rec_nocase'),
        [column('email', 'text'), column('a', 'text'), column('b', 'number')],
        [indexOn('idx_email_nocase', true, [{ name: 'email', nocase: true }]), indexOn('idx_ab', true, ['a', { name: 'b', desc: true }])],
      ),
    );
    await ctx.storage.insert(table, { id: 'u1', email: 'Mixed@X.io', a: 'k', b: 1 });
    await expectStorageError(ctx.storage.insert(table, { id: 'u2', email: 'mixed@x.IO' }), 'unique', ['email']);
    await ctx.storage.insert(table, { id: 'u3', email: 'other', a: 'k', b: 2 });
    await expectStorageError(ctx.storage.insert(table, { id: 'u4', email: 'third', a: 'k', b: 2 }), 'unique', ['a', 'b']);
  });

  it('supports partial unique indexes', async () => {
    const table = await createTable(
      ctx,
      tableSchema(
        uniqueName('rec_partial'),
        [column('code', 'text'), column('status', 'text')],
        [indexOn('idx_active_code', true, ['code'], eqText('status', "act'ive"))],
      ),
    );
    await ctx.storage.insert(table, { id: 'r1', code: 'X', status: 'draft' });
    await ctx.storage.insert(table, { id: 'r2', code: 'X', status: 'draft' });
    await ctx.storage.insert(table, { id: 'r3', code: 'X', status: "act'ive" });
    await expectStorageError(ctx.storage.insert(table, { id: 'r4', code: 'X', status: "act'ive" }), 'unique', ['code']);
  });

  it('keeps unchanged indexes and rebuilds changed ones on update', async () => {
    const prev = await createTable(
      ctx,
      tableSchema(uniqueName('rec_reindex'), [column('a', 'text'), column('b', 'text')], [indexOn('idx_a', true, ['a']), indexOn('idx_b', true, ['b'])]),
    );
    const next = tableSchema(prev.name, [column('renamed', 'text', '', 'f_a'), column('b', 'text')], [indexOn('idx_a', true, ['renamed'])], prev.id);
    await ctx.storage.updateCollection(prev, next, {});
    await ctx.storage.insert(next, { id: 'r1', renamed: 'same', b: 'same' });
    await ctx.storage.insert(next, { id: 'r2', renamed: 'other', b: 'same' });
    await expectStorageError(ctx.storage.insert(next, { id: 'r3', renamed: 'same' }), 'unique', ['renamed']);
  });

  async function pagingTable(): Promise<TableSchema> {
    const table = await createTable(ctx, tableSchema(uniqueName('rec_page'), [column('title', 'text'), column('n', 'number')]));
    for (const [id, title, n] of [['z', 'b', 2], ['m', 'a', 3], ['a', 'b', 1], ['q', 'c', 3]] as const) {
      await ctx.storage.insert(table, { id, title, n });
    }
    return table;
  }
  const ids = (rows: { id?: unknown }[]) => rows.map((r) => r.id);
  const byN = (direction: 'asc' | 'desc') => ({
    kind: 'path' as const,
    direction,
    operand: { kind: 'path' as const, root: { kind: 'base' as const }, hops: [], field: { name: 'n', type: 'number', storage: 'number' as const, multiple: false }, multi: false, joinKey: 'base' },
  });

  it('finds in insertion order by default, with where, sort, limit and offset', async () => {
    const table = await pagingTable();
    expect(ids(await ctx.storage.find({ table }))).toEqual(['z', 'm', 'a', 'q']);
    expect(ids(await ctx.storage.find({ table, where: eqText('title', 'b') }))).toEqual(['z', 'a']);
    // Ties (n = 3) go by insertion order in the sort's direction: newest first when descending.
    expect(ids(await ctx.storage.find({ table, sort: [byN('desc')] }))).toEqual(['q', 'm', 'z', 'a']);
    expect(ids(await ctx.storage.find({ table, sort: [byN('asc')] }))).toEqual(['a', 'z', 'm', 'q']);
    expect(ids(await ctx.storage.find({ table, sort: [byN('asc')], limit: 2, offset: 1 }))).toEqual(['z', 'm']);
    expect(ids(await ctx.storage.find({ table, limit: 0 }))).toEqual([]);
    expect(ids(await ctx.storage.find({ table, offset: 3 }))).toEqual(['q']);
  });

  it('counts with and without a filter, as numbers', async () => {
    const table = await pagingTable();
    expect(await ctx.storage.count({ table })).toBe(4);
    expect(await ctx.storage.count({ table, where: eqText('title', 'b') })).toBe(2);
    expect(await ctx.storage.count({ table, where: { kind: 'constant', value: false } })).toBe(0);
  });

  it('updates given columns only and returns null for a missing id', async () => {
    const table = await pagingTable();
    expect(await ctx.storage.update(table, 'm', { n: 9.5 })).toEqual({ id: 'm', title: 'a', n: 9.5 });
    expect(await ctx.storage.update(table, 'm', {})).toEqual({ id: 'm', title: 'a', n: 9.5 });
    expect(await ctx.storage.update(table, 'missing', { n: 1 })).toBeNull();
    expect(await ctx.storage.update(table, 'missing', {})).toBeNull();
  });

  it('deletes by id, false for a missing id, and truncates', async () => {
    const table = await pagingTable();
    expect(await ctx.storage.delete(table, 'a')).toBe(true);
    expect(await ctx.storage.delete(table, 'a')).toBe(false);
    expect(ids(await ctx.storage.find({ table }))).toEqual(['z', 'm', 'q']);
    await ctx.storage.truncate(table);
    expect(await ctx.storage.count({ table })).toBe(0);
  });

  it('reports missing required values as not_null', async () => {
    const table = await createTable(ctx, tableSchema(uniqueName('rec_null'), [column('title', 'text')]));
    await expectStorageError(ctx.storage.insert(table, { id: 'r1', title: null }), 'not_null', ['title']);
  });
}
