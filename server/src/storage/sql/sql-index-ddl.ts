/**
 * Index DDL. Physical index names are derived from the collection id (stable across renames) and the index
 * name, because PostgreSQL index names are schema-wide and because a unique violation only reports the index
 * name: encoding the table lets sql-errors.ts map it back to the indexed columns.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { IndexSpec, TableSchema } from '../port.js';
import { compileCondition } from './filter-compiler.js';
import { quoteIdent } from './sql-text.js';

const MAX_IDENTIFIER_BYTES = 63;

export function physicalIndexName(table: Pick<TableSchema, 'id'>, spec: Pick<IndexSpec, 'name'>): string {
  const plain = `${table.id}__${spec.name}`;
  if (Buffer.byteLength(plain) <= MAX_IDENTIFIER_BYTES) return plain;
  const hash = createHash('sha1').update(spec.name).digest('hex').slice(0, 16);
  return `${table.id.slice(0, 40)}__${hash}`;
}

/** The columns of the table index whose physical name is `name`, or undefined when it is not one of ours. */
export function indexColumnsByPhysicalName(table: TableSchema, name: string): string[] | undefined {
  const spec = table.indexes.find((candidate) => physicalIndexName(table, candidate) === name);
  return spec?.columns.map((c) => c.name);
}

/**
 * DDL cannot take bind parameters, so the partial-index predicate's bindings are inlined as escaped literals
 * by knex's own quoting. Columns are qualified with the table name, which PostgreSQL accepts in index
 * predicates and stores parsed (so later renames follow).
 */
function predicateSql(knex: Knex, table: TableSchema, spec: IndexSpec): string {
  if (!spec.where) return '';
  const compiled = compileCondition(spec.where, { alias: table.name });
  return ` WHERE ${knex.raw(compiled.sql, compiled.bindings as Knex.RawBinding[]).toQuery()}`;
}

export function createIndexSql(knex: Knex, table: TableSchema, spec: IndexSpec): string {
  const storageByName = new Map(table.columns.map((c) => [c.name, c.storage]));
  const parts = spec.columns.map((column) => {
    const ident = quoteIdent(column.name);
    // Case folding only means something for text; other kinds ignore the flag rather than fail.
    const expr = column.nocase && storageByName.get(column.name) === 'text' ? `lower(${ident})` : ident;
    return column.desc ? `${expr} DESC` : expr;
  });
  // A non-unique index also carries the tie-breaker, so it hands out pages already in the final order (see
  // tieBreakDirection) instead of leaving an incremental sort over every row up to a deep page's offset.
  if (!spec.unique && parts.length > 0) parts.push(spec.columns[spec.columns.length - 1].desc ? '"_rowid" DESC' : '"_rowid"');
  const unique = spec.unique ? 'UNIQUE ' : '';
  const name = quoteIdent(physicalIndexName(table, spec));
  return `CREATE ${unique}INDEX ${name} ON ${quoteIdent(table.name)} (${parts.join(', ')})${predicateSql(knex, table, spec)}`;
}

export function dropIndexSql(table: TableSchema, spec: IndexSpec): string {
  return `DROP INDEX IF EXISTS ${quoteIdent(physicalIndexName(table, spec))}`;
}

/**
 * An index survives a schema change only when its definition is the same and none of its columns changed
 * underneath it; otherwise it is dropped and built again.
 */
export function indexUnchanged(prev: IndexSpec, next: IndexSpec, changedColumnIds: Set<string>, nameToId: Map<string, string>): boolean {
  if (JSON.stringify(prev) !== JSON.stringify(next)) return false;
  return prev.columns.every((c) => !changedColumnIds.has(nameToId.get(c.name) ?? '')) && !prev.where;
}
