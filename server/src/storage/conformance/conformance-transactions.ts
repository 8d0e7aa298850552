/**
 * Transactions and the small key/value store. What a caller sees after a throw is the same everywhere: the
 * work is gone, a nested level is undone alone. How differs by the declared capability: with `transactions`
 * it is a real rollback, isolated from other sessions; without (standalone MongoDB, FerretDB) the work is
 * applied as fn runs (other sessions can see it meanwhile, asserted below) and compensated when fn throws.
 */
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
        // Without transactions nothing is isolated. (With them, PGlite's one connection is held by tx: no peeking.)
        if (!ctx.storage.capabilities.transactions) expect(await idsOf(table)).toEqual(['a']);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await idsOf(table)).toEqual([]);
  });

  it('undoes updates, deletes and key/value changes of a failed transaction', async () => {
    const table = await notesTable();
    const key = uniqueName('kv_tx');
    await ctx.storage.insert(table, { id: 'a', text: 'one' });
    await ctx.storage.insert(table, { id: 'b', text: 'two' });
    await ctx.storage.setValue(key, 'before');
    await expect(
      ctx.storage.transaction(async (tx) => {
        await tx.update(table, 'a', { text: 'changed' });
        await tx.update(table, 'b', { id: 'b2' });
        await tx.delete(table, 'a');
        await tx.insert(table, { id: 'c' });
        await tx.setValue(key, 'after');
        throw new Error('undo all');
      }),
    ).rejects.toThrow('undo all');
    expect(await ctx.storage.find({ table })).toEqual([
      { id: 'a', text: 'one' },
      { id: 'b', text: 'two' },
    ]);
    expect(await ctx.storage.getValue(key)).toBe('before');
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
