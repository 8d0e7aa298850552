/**
 * A SqlStorage on a fresh PostgreSQL database over one pooled connection: the session whose
 * pg_prepared_statements a test reads is then the one the storage used. For tests of which statements reach
 * PostgreSQL and how (storage/sql/*.test.ts).
 */
import type { Condition } from '../../src/filter/condition.js';
import { silentLogger } from '../../src/core/logger.js';
import { openPostgres, type SqlConnection } from '../../src/storage/sql/sql-connection.js';
import { SqlStorage } from '../../src/storage/sql/sql-storage.js';
import { createTestDatabase } from './test-database.js';

export interface SingleConnectionStorage {
  storage: SqlStorage;
  connection: SqlConnection;
  /** The statements prepared on the connection so far, those containing `text` when given. */
  prepared(text?: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function singleConnectionStorage(opts: { preparedStatements?: boolean } = {}): Promise<SingleConnectionStorage> {
  const db = await createTestDatabase('postgres');
  if (db.database.kind !== 'postgres') throw new Error('postgres expected');
  const connection = await openPostgres(db.database.url, silentLogger, { maxConnections: 1, preparedStatements: opts.preparedStatements });
  const storage = new SqlStorage(connection, silentLogger);
  await storage.migrate();
  return {
    storage,
    connection,
    prepared: async (text) =>
      ((await connection.knex.raw('SELECT statement FROM pg_prepared_statements')).rows as { statement: string }[])
        .map((r) => r.statement)
        .filter((s) => text === undefined || s.includes(text)),
    close: async () => {
      await connection.close();
      await db.dispose();
    },
  };
}

/** `field = value` on the collection's own text field. */
export const textEquals = (field: string, value: string): Condition => ({
  kind: 'compare',
  op: 'eq',
  quantifier: 'all',
  left: { kind: 'path', root: { kind: 'base' }, hops: [], field: { name: field, type: 'text', storage: 'text', multiple: false }, multi: false, joinKey: 'base' },
  right: { kind: 'literal', value },
});
