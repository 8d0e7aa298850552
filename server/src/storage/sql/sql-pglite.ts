/**
 * Embedded PostgreSQL (PGlite) behind knex. Its own module so that a server on PostgreSQL never loads PGlite's
 * WebAssembly build (create-storage.ts imports it only when PGlite is configured).
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import type { Logger } from '../../core/logger.js';
import { lockDataDir } from './pglite-dir-lock.js';
import { INT8_OID, knexLog, parseInt8, type SqlConnection } from './sql-connection.js';

/**
 * knex-pglite derives the command from the knex method name, so `.del()` reports "DEL" and knex returns the
 * raw response instead of the affected row count. Naming it 'delete' restores the normal postgres path.
 */
class PgliteClient extends (ClientPgLite as unknown as new (config: Knex.Config) => Record<string, unknown>) {
  processResponse(obj: { method?: string }, runner: unknown): unknown {
    const fixed = obj.method === 'del' ? { ...obj, method: 'delete' } : obj;
    const parent = (ClientPgLite as unknown as { prototype: { processResponse: (o: unknown, r: unknown) => unknown } }).prototype;
    return parent.processResponse.call(this, fixed, runner);
  }
}

/** Embedded PostgreSQL: in memory when `dir` is null, else persisted in `dir` (created when missing). */
export async function openPglite(dir: string | null, logger: Logger): Promise<SqlConnection> {
  if (dir) await mkdir(dir, { recursive: true });
  const unlock = dir ? await lockDataDir(dir) : async () => {};
  let pglite: PGlite;
  try {
    pglite = new PGlite(dir ?? undefined, { parsers: { [INT8_OID]: parseInt8 } });
    await pglite.waitReady;
  } catch (err) {
    await unlock();
    throw err;
  }
  const knex = knexFactory({
    client: PgliteClient as unknown as Knex.Config['client'],
    dialect: 'postgres',
    connection: { pglite },
    log: knexLog(logger),
  } as Knex.Config);
  return {
    knex,
    dialect: 'pglite',
    async close() {
      await knex.destroy();
      // knex only closes the instance if it ever handed out the connection.
      if (!pglite.closed) await pglite.close();
      await unlock();
    },
  };
}
