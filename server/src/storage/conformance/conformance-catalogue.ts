/** Catalogue (collection definitions) and the physical schema changes that go with them. */
import { expect, it } from 'vitest';
import { column, createTable, type SuiteContext, tableSchema, uniqueName } from './conformance-tables.js';

export function catalogueTests(ctx: SuiteContext): void {
  it('lists created collections in creation order with their documents', async () => {
    const a = tableSchema(uniqueName('cat_a'), [column('title', 'text')]);
    const b = tableSchema(uniqueName('cat_b'), [column('title', 'text')]);
    await ctx.storage.createCollection(b, { name: b.name, n: 1 });
    await ctx.storage.createCollection(a, { name: a.name, nested: { list: [1, 'x'] } });
    const listed = (await ctx.storage.listCollections()).filter((c) => c.id === a.id || c.id === b.id);
    expect(listed).toEqual([
      { id: b.id, document: { name: b.name, n: 1 } },
      { id: a.id, document: { name: a.name, nested: { list: [1, 'x'] } } },
    ]);
  });

  it('adds columns and fills existing rows with their defaults', async () => {
    const prev = await createTable(ctx, tableSchema(uniqueName('cat_add'), [column('title', 'text')]));
    await ctx.storage.insert(prev, { id: 'r1', title: 'one' });
    const next = tableSchema(prev.name, [
      column('title', 'text'),
      column('label', 'text', 'none'),
      column('score', 'number', 7.5),
      column('flag', 'bool', true),
      column('tags', 'list', ['a']),
      column('place', 'geo', { lon: 1, lat: 2 }),
      column('extra', 'json', null),
      column('plain', 'text'),
    ]);
    await ctx.storage.updateCollection(prev, next, { name: next.name, v: 2 });
    const [row] = await ctx.storage.find({ table: next });
    expect(row).toEqual({
      id: 'r1',
      title: 'one',
      label: 'none',
      score: 7.5,
      flag: true,
      tags: ['a'],
      place: { lon: 1, lat: 2 },
      extra: null,
      plain: '',
    });
    const listed = (await ctx.storage.listCollections()).find((c) => c.id === next.id);
    expect(listed?.document).toEqual({ name: next.name, v: 2 });
    // Later inserts also get the new defaults.
    expect(await ctx.storage.insert(next, { id: 'r2' })).toMatchObject({ label: 'none', score: 7.5, tags: ['a'] });
  });

  it('renames columns by field id, keeping the data, including swapped names', async () => {
    const prev = await createTable(ctx, tableSchema(uniqueName('cat_ren'), [column('a', 'text'), column('b', 'number')]));
    await ctx.storage.insert(prev, { id: 'r1', a: 'text', b: 3 });
    const next = tableSchema(prev.name, [column('title', 'text', '', 'f_a'), column('b', 'number')]);
    await ctx.storage.updateCollection(prev, next, {});
    expect(await ctx.storage.find({ table: next })).toEqual([{ id: 'r1', title: 'text', b: 3 }]);

    const swapped = tableSchema(prev.name, [column('b', 'text', '', 'f_a'), column('title', 'number', 0, 'f_b')]);
    await ctx.storage.updateCollection(next, swapped, {});
    expect(await ctx.storage.find({ table: swapped })).toEqual([{ id: 'r1', b: 'text', title: 3 }]);
  });

  it('drops columns: a new field reusing the name starts from its default', async () => {
    const prev = await createTable(ctx, tableSchema(uniqueName('cat_drop'), [column('gone', 'text'), column('kept', 'text')]));
    await ctx.storage.insert(prev, { id: 'r1', gone: 'old', kept: 'k' });
    const dropped = tableSchema(prev.name, [column('kept', 'text')]);
    await ctx.storage.updateCollection(prev, dropped, {});
    expect(await ctx.storage.find({ table: dropped })).toEqual([{ id: 'r1', kept: 'k' }]);

    const readded = tableSchema(prev.name, [column('kept', 'text'), column('gone', 'text', 'fresh', 'f_other')]);
    await ctx.storage.updateCollection(dropped, readded, {});
    expect(await ctx.storage.find({ table: readded })).toEqual([{ id: 'r1', kept: 'k', gone: 'fresh' }]);
  });

  it('renames the table when the collection name changes', async () => {
    const prev = await createTable(ctx, tableSchema(uniqueName('cat_old'), [column('title', 'text')]));
    await ctx.storage.insert(prev, { id: 'r1', title: 'kept' });
    const next = tableSchema(uniqueName('cat_new'), [column('title', 'text')], [], prev.id);
    await ctx.storage.updateCollection(prev, next, { name: next.name });
    expect(await ctx.storage.find({ table: next })).toEqual([{ id: 'r1', title: 'kept' }]);
    // The old name is free again.
    await createTable(ctx, tableSchema(prev.name, [column('other', 'bool')], [], `${prev.id}_reuse`));
  });

  it('deletes the collection and its table', async () => {
    const table = await createTable(ctx, tableSchema(uniqueName('cat_del'), [column('title', 'text')]));
    await ctx.storage.insert(table, { id: 'r1', title: 'x' });
    await ctx.storage.deleteCollection(table);
    expect((await ctx.storage.listCollections()).some((c) => c.id === table.id)).toBe(false);
    const again = await createTable(ctx, tableSchema(table.name, [column('title', 'text')], [], `${table.id}_2`));
    expect(await ctx.storage.count({ table: again })).toBe(0);
  });

  it('keeps the catalogue and the table in step when the DDL fails', async () => {
    const existing = await createTable(ctx, tableSchema(uniqueName('cat_dup'), [column('title', 'text')]));
    const clash = tableSchema(existing.name, [column('title', 'text')], [], `${existing.id}_clash`);
    await expect(ctx.storage.createCollection(clash, {})).rejects.toThrow();
    expect((await ctx.storage.listCollections()).some((c) => c.id === clash.id)).toBe(false);
  });

  it('migrate is idempotent', async () => {
    await ctx.storage.migrate();
    await ctx.storage.migrate();
    expect(Array.isArray(await ctx.storage.listCollections())).toBe(true);
  });
}
