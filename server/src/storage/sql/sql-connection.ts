/**
 * Opens knex on one of the two drivers behind the same PostgreSQL dialect (embedded PGlite: sql-pglite.ts).
 * Both are configured so that the JS values coming back are identical: int8 (counts, identities) as numbers,
 * jsonb parsed, float8 as numbers.
 */
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import type { Logger } from '../../core/logger.js';
import { enableHotPath } from './sql-record-statements.js';

export const INT8_OID = 20;

/** Counts and identities fit easily in a double; a string here would leak driver details to core. */
export const parseInt8 = (value: string): number => Number(value);

export interface SqlConnection {
  knex: Knex;
  dialect: 'postgres' | 'pglite';
  /** A server other processes share, for LISTEN/NOTIFY (sql-event-signal.ts); absent for PGlite. */
  listenUrl?: string;
  close(): Promise<void>;
}

/** knex prints its own warnings to the console unless told otherwise. */
export function knexLog(logger: Logger): Knex.Config['log'] {
  const text = (message: unknown) => (message instanceof Error ? message.message : String(message));
  return {
    warn: (m: unknown) => logger.warn('knex', { detail: text(m) }),
    error: (m: unknown) => logger.error('knex', { detail: text(m) }),
    deprecate: (method: string, alternative: string) => logger.debug('knex deprecation', { method, alternative }),
    debug: (m: unknown) => logger.debug('knex', { detail: text(m) }),
  };
}

/** A PostgreSQL server through a `pg` pool; hot record statements are prepared unless told otherwise. */
export async function openPostgres(url: string, logger: Logger, opts: { maxConnections?: number; preparedStatements?: boolean } = {}): Promise<SqlConnection> {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: url, types } as Knex.PgConnectionConfig,
    pool: { min: 0, max: opts.maxConnections ?? 10 },
    acquireConnectionTimeout: 15_000,
    log: knexLog(logger),
  });
  enableHotPath(knex, { prepared: opts.preparedStatements !== false });
  return {
    knex,
    dialect: 'postgres',
    listenUrl: url,
    close: () => knex.destroy(),
  };
}
