/**
 * How record SQL reaches PostgreSQL. On a PostgreSQL server (not PGlite) it skips knex's query runner and goes
 * straight to a pooled pg connection (or the transaction's own), and the statements whose plan cannot depend
 * on their parameters run as named, prepared statements: reads that pin a row by id (a view, the read before
 * an update, rule and relation checks) and the single-statement writes. PostgreSQL then parses and plans each
 * once per connection (a third less of its CPU for a get by id on the benchmark machine). Lists with user
 * filters and sorts stay unnamed: a generic plan chosen for one filter value can be far worse for another.
 *
 * The name registry is bounded (a long-lived connection keeps every statement it prepared) and keyed by the
 * SQL text and the result columns' types, so a column dropped and re-added with another type gets a new name
 * rather than PostgreSQL's "cached plan must not change result type". PLINTH_PG_PREPARED_STATEMENTS=false
 * turns naming off (PgBouncer in transaction mode before 1.21).
 */
import type { Knex } from 'knex';
import type { Condition } from '../../filter/condition.js';
import type { TableSchema } from '../port.js';

const MAX_NAMES = 1000;

interface Prepared {
  name: string;
  /** The SQL with `$n` placeholders, worked out once. */
  text: string;
}

/** The result columns' types per table schema (schemas are cached per catalogue version, so this is too). */
const typeSignatures = new WeakMap<TableSchema, string>();

function typeSignature(table: TableSchema): string {
  let signature = typeSignatures.get(table);
  if (signature === undefined) {
    signature = table.columns.map((c) => c.storage).join(',');
    typeSignatures.set(table, signature);
  }
  return signature;
}

class StatementNames {
  private readonly prepared = new Map<string, Prepared>();

  /**
   * The statement's name and text, or undefined once the registry is full (it then runs unnamed). `signature`
   * names the result columns' types.
   */
  lookup(sql: string, signature: string, position: (sql: string) => string): Prepared | undefined {
    const key = `${sql}\u0000${signature}`;
    let entry = this.prepared.get(key);
    if (entry === undefined && this.prepared.size < MAX_NAMES) {
      entry = { name: `plinth_${this.prepared.size + 1}`, text: position(sql) };
      this.prepared.set(key, entry);
    }
    return entry;
  }
}

interface PgClient {
  query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: Record<string, unknown>[] }>;
}

/** What knex's pg client exposes and the hot path uses: the pool (or a transaction's connection) and `?` → `$n`. */
interface KnexPgClient {
  config: object;
  acquireConnection(): Promise<PgClient>;
  releaseConnection(connection: PgClient): Promise<void>;
  positionBindings(sql: string): string;
}

/**
 * Per PostgreSQL knex instance, by its client configuration: a transaction's client shares its root's
 * configuration object, so statements inside transactions take the same path (on the transaction's
 * connection). `names` is absent when prepared statements are turned off.
 */
const hotPaths = new WeakMap<object, { names?: StatementNames }>();

/** PostgreSQL (not PGlite): record SQL goes straight to the pg connection, named unless `prepared` is false. */
export function enableHotPath(knex: Knex, opts: { prepared: boolean }): void {
  hotPaths.set(knex.client.config as object, { names: opts.prepared ? new StatementNames() : undefined });
}

/**
 * Runs record SQL written with `?` placeholders. On PostgreSQL it skips knex's query runner (query objects,
 * events, debug formatting, a promise chain per step: about a sixth of the server's CPU on a get by id) and
 * sends it on a pooled connection itself, as a prepared statement when `prepare` holds; elsewhere `db.raw`.
 */
export function runRecordSql(db: Knex, sql: string, bindings: unknown[], table: TableSchema, prepare: boolean): Promise<{ rows: Record<string, unknown>[] }> {
  return runSql(db, sql, bindings, prepare ? typeSignature(table) : undefined);
}

/** The signature of statements on Plinth's own tables, whose columns are fixed by its migrations. */
const SYSTEM_TABLES = 'system';

/**
 * Runs a fixed statement on Plinth's own tables (the outbox) the way runRecordSql runs record SQL: named, so
 * that a statement made many times a second under writes is parsed and planned once per connection.
 */
export function runSystemSql(db: Knex, sql: string, bindings: unknown[]): Promise<{ rows: Record<string, unknown>[] }> {
  return runSql(db, sql, bindings, SYSTEM_TABLES);
}

/** `signature` (the result types) when the statement should be named, undefined to run it unnamed. */
async function runSql(db: Knex, sql: string, bindings: unknown[], signature: string | undefined): Promise<{ rows: Record<string, unknown>[] }> {
  const client = db.client as KnexPgClient;
  const hot = hotPaths.get(client.config);
  if (!hot) return (await db.raw(sql, bindings as Knex.RawBinding[])) as { rows: Record<string, unknown>[] };
  if (bindings.includes(undefined)) throw new Error(`undefined binding in record SQL: ${sql}`);
  if ((db as Knex & { isCompleted?: () => boolean }).isCompleted?.()) throw new Error('record SQL on a finished transaction');
  const prepared = signature !== undefined ? hot.names?.lookup(sql, signature, (s) => client.positionBindings(s)) : undefined;
  const connection = await client.acquireConnection();
  try {
    return await connection.query(prepared ? { ...prepared, values: bindings } : { text: client.positionBindings(sql), values: bindings });
  } finally {
    await client.releaseConnection(connection);
  }
}

/** True when the condition pins the row by primary key (`id = x` alone or as a conjunct): one plan fits all. */
export function isKeyLookup(condition: Condition | undefined): boolean {
  if (!condition) return false;
  if (condition.kind === 'and') return condition.items.some(isKeyLookup);
  if (condition.kind === 'or') return condition.items.length > 0 && condition.items.every(isKeyLookup);
  return isIdEquality(condition);
}

/** `id = <literal>` on the collection's own id, with nothing applied to the id. */
export function isIdEquality(condition: Condition): condition is Extract<Condition, { kind: 'compare' }> {
  if (condition.kind !== 'compare' || condition.op !== 'eq') return false;
  const { left, right } = condition;
  return (
    left.kind === 'path' &&
    left.root.kind === 'base' &&
    left.hops.length === 0 &&
    left.field.name === 'id' &&
    !left.modifier &&
    !left.jsonPath?.length &&
    right.kind === 'literal'
  );
}
