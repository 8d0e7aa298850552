/** Transactions (commit, rollback, nested savepoints) and the small key/value store. */
import { expect, it } from 'vitest';
import { StorageError } from '../port.js';
import { column, createTable, type SuiteContext, tableSchema, uniqueName } from './conformance-tables.js';

export function transactionTests(ctx: SuiteContext): void {
  const notesTable = () => createTable(ctx, tableSchema(uniqueName('tx_notes'), [column('text', 'text')]));
  const idsOf = async (table: Awaited<ReturnType<typeof notesTable>>) => (await ctx.storage.find({ table })).map((r) => r.id);

  it('commits the work of a transaction and returns its result', async () => {
    const table = await notesTable();
    const result = await ctx.storage.transaction(async (tx) => {
      await tx.insert(table, { id: 'a', text: 'one' });
      expect(await tx.count({ table })).toBe(1);
      return 'done';
    });
    expect(result).toBe('done');
    expect(await idsOf(table)).toEqual(['a']);
  });

  it('rolls back and rethrows when the function throws', async () => {
    const table = await notesTable();
    const failure = new Error('boom');
    await expect(
      ctx.storage.transaction(async (tx) => {
        await tx.insert(table, { id: 'a', text: 'one' });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await idsOf(table)).toEqual([]);
  });

  it('rolls back a nested transaction alone, keeping the outer work', async () => {
    const table = await notesTable();
    await ctx.storage.transaction(async (tx) => {
      await tx.insert(table, { id: 'outer1' });
      await expect(
        tx.transaction(async (inner) => {
          await inner.insert(table, { id: 'inner' });
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await tx.transaction(async (inner) => {
        await inner.insert(table, { id: 'inner-ok' });
      });
      await tx.insert(table, { id: 'outer2' });
    });
    expect(await idsOf(table)).toEqual(['outer1', 'inner-ok', 'outer2']);
  });

  it('recovers from a constraint violation inside a savepoint', async () => {
    const table = await notesTable();
    await ctx.storage.transaction(async (tx) => {
      await tx.insert(table, { id: 'a' });
      const error = await tx.transaction((inner) => inner.insert(table, { id: 'a' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageError);
      await tx.insert(table, { id: 'b' });
    });
    expect(await idsOf(table)).toEqual(['a', 'b']);
  });

  it('runs catalogue changes inside a transaction and undoes them on rollback', async () => {
    const table = tableSchema(uniqueName('tx_ddl'), [column('text', 'text')]);
    await expect(
      ctx.storage.transaction(async (tx) => {
        await tx.createCollection(table, { name: table.name });
        await tx.insert(table, { id: 'a' });
        expect((await tx.listCollections()).some((c) => c.id === table.id)).toBe(true);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect((await ctx.storage.listCollections()).some((c) => c.id === table.id)).toBe(false);
    await createTable(ctx, table);
    expect(await ctx.storage.count({ table })).toBe(0);
  });

  it('stores and reads key/value state', async () => {
    const key = uniqueName('kv');
    expect(await ctx.storage.getValue(key)).toBeUndefined();
    await ctx.storage.setValue(key, { meta: { appName: 'x' }, list: [1, 2] });
    expect(await ctx.storage.getValue(key)).toEqual({ meta: { appName: 'x' }, list: [1, 2] });
    await ctx.storage.setValue(key, 'plain string');
    expect(await ctx.storage.getValue(key)).toBe('plain string');
    await ctx.storage.setValue(key, null);
    expect(await ctx.storage.getValue(key)).toBeNull();
    await ctx.storage.transaction(async (tx) => {
      await tx.setValue(key, 3);
      expect(await tx.getValue(key)).toBe(3);
    });
    expect(await ctx.storage.getValue(key)).toBe(3);
  });
}
