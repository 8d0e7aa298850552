/**
 * Opens knex on one of the two drivers behind the same PostgreSQL dialect. Both are configured so that the
 * JS values coming back are identical: int8 (counts, identities) as numbers, jsonb parsed, float8 as numbers.
 */
import { mkdir } from 'node:fs/promises';
import { lockDataDir } from './pglite-dir-lock.js';
import { PGlite } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import type { Logger } from '../../core/logger.js';

const INT8_OID = 20;

/** Counts and identities fit easily in a double; a string here would leak driver details to core. */
const parseInt8 = (value: string): number => Number(value);

export interface SqlConnection {
  knex: Knex;
  dialect: 'postgres' | 'pglite';
  /** A server other processes share, for LISTEN/NOTIFY (sql-event-signal.ts); absent for PGlite. */
  listenUrl?: string;
  close(): Promise<void>;
}

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

/** knex prints its own warnings to the console unless told otherwise. */
function knexLog(logger: Logger): Knex.Config['log'] {
  const text = (message: unknown) => (message instanceof Error ? message.message : String(message));
  return {
    warn: (m: unknown) => logger.warn('knex', { detail: text(m) }),
    error: (m: unknown) => logger.error('knex', { detail: text(m) }),
    deprecate: (method: string, alternative: string) => logger.debug('knex deprecation', { method, alternative }),
    debug: (m: unknown) => logger.debug('knex', { detail: text(m) }),
  };
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

/** A PostgreSQL server through a `pg` pool. */
export async function openPostgres(url: string, logger: Logger, maxConnections = 10): Promise<SqlConnection> {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: url, types } as Knex.PgConnectionConfig,
    pool: { min: 0, max: maxConnections },
    acquireConnectionTimeout: 15_000,
    log: knexLog(logger),
  });
  return {
    knex,
    dialect: 'postgres',
    listenUrl: url,
    close: () => knex.destroy(),
  };
}
