/**
 * Named (prepared) statements for the record SQL whose plan cannot depend on its parameters: reads that look
 * rows up by id (a view, the read before an update, rule and relation checks) and the single-statement writes.
 * PostgreSQL then parses and plans each once per connection instead of on every request (about a quarter of
 * its CPU for a get by id on the benchmark machine). List queries with user filters and sorts stay unnamed:
 * a generic plan chosen for one filter value can be far worse for another.
 *
 * The registry is bounded (a long-lived connection keeps every statement it prepared) and keyed by the SQL
 * text and the result columns' types, so a column dropped and re-added with another type gets a new name rather
 * than PostgreSQL's "cached plan must not change result type". Off for PGlite (nothing to gain in-process) and
 * with PLINTH_PG_PREPARED_STATEMENTS=false (PgBouncer in transaction mode before 1.21).
 */
import type { Knex } from 'knex';
import type { Condition } from '../../filter/condition.js';
import type { TableSchema } from '../port.js';

const MAX_NAMES = 1000;

class StatementNames {
  private readonly names = new Map<string, string>();

  nameFor(sql: string, table: TableSchema): string | undefined {
    const key = `${sql}\u0000${table.columns.map((c) => c.storage).join(',')}`;
    let name = this.names.get(key);
    if (name === undefined && this.names.size < MAX_NAMES) {
      name = `plinth_${this.names.size + 1}`;
      this.names.set(key, name);
    }
    return name;
  }
}

/**
 * Registries by knex client configuration: a transaction's client shares its root's configuration object, so
 * statements run inside transactions are named too (names are per server connection, whichever uses them).
 */
const registries = new WeakMap<object, StatementNames>();

export function enableStatementNames(knex: Knex): void {
  registries.set(knex.client.config as object, new StatementNames());
}

/** `db.raw(sql, bindings)`, named when this database names statements. */
export function recordStatement(db: Knex, sql: string, bindings: unknown[], table: TableSchema): Knex.Raw {
  const raw = db.raw(sql, bindings as Knex.RawBinding[]);
  const name = registries.get(db.client.config as object)?.nameFor(sql, table);
  return name ? raw.options({ name }) : raw;
}

/** True when the condition pins the row by primary key (`id = x` alone or as a conjunct): one plan fits all. */
export function isKeyLookup(condition: Condition | undefined): boolean {
  if (!condition) return false;
  if (condition.kind === 'and') return condition.items.some(isKeyLookup);
  if (condition.kind === 'or') return condition.items.length > 0 && condition.items.every(isKeyLookup);
  return (
    condition.kind === 'compare' &&
    condition.op === 'eq' &&
    condition.left.kind === 'path' &&
    condition.left.root.kind === 'base' &&
    condition.left.hops.length === 0 &&
    condition.left.field.name === 'id' &&
    !condition.left.modifier &&
    !condition.left.jsonPath &&
    condition.right.kind === 'literal'
  );
}
