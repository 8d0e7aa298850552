/**
 * Test support for the filter compiler: builds resolved-filter values tersely and runs compiled conditions
 * against tables laid out as README.md describes (one PGlite per test file).
 */
import ClientPgLite from 'knex-pglite';
import knexFactory, { type Knex } from 'knex';
import type {
  CollectionRef,
  CompareOp,
  Comparison,
  Condition,
  Hop,
  LeafField,
  Operand,
  PathOperand,
  PathRoot,
  Scalar,
  SortTerm,
} from '../../filter/condition.js';
import type { StorageKind } from '../../filter/schema.js';
import { compileCondition, compileSort } from './filter-compiler.js';
import { quoteIdent } from './sql-text.js';

const COLUMN_DDL: Record<StorageKind, string> = {
  text: "text NOT NULL DEFAULT ''",
  number: 'double precision NOT NULL DEFAULT 0',
  bool: 'boolean NOT NULL DEFAULT false',
  json: 'jsonb NULL DEFAULT NULL',
  list: "jsonb NOT NULL DEFAULT '[]'",
  geo: `jsonb NOT NULL DEFAULT '{"lon":0,"lat":0}'`,
};

export type TableFields = Record<string, StorageKind>;

export function openPglite(): Knex {
  return knexFactory({ client: ClientPgLite, dialect: 'postgres', connection: {} } as Knex.Config);
}

export async function createTable(db: Knex, name: string, fields: TableFields): Promise<void> {
  const columns = Object.entries(fields).map(([field, storage]) => `${quoteIdent(field)} ${COLUMN_DDL[storage]}`);
  await db.raw(
    `CREATE TABLE ${quoteIdent(name)} ("id" text PRIMARY KEY, "_rowid" bigint GENERATED ALWAYS AS IDENTITY${columns.map((c) => `, ${c}`).join('')})`,
  );
}

/** Inserts rows; json/list/geo values are given as JS values and stored as jsonb. */
export async function insertRows(db: Knex, table: string, fields: TableFields, rows: Record<string, unknown>[]): Promise<void> {
  for (const row of rows) {
    const names = Object.keys(row);
    const values = names.map((n) => {
      const storage = fields[n];
      return storage === 'json' || storage === 'list' || storage === 'geo' ? JSON.stringify(row[n]) : row[n];
    });
    const placeholders = names.map((n) => (fields[n] && ['json', 'list', 'geo'].includes(fields[n]) ? '?::jsonb' : '?'));
    await db.raw(
      `INSERT INTO ${quoteIdent(table)} (${names.map(quoteIdent).join(', ')}) VALUES (${placeholders.join(', ')})`,
      values as Knex.RawBinding[],
    );
  }
}

/** Ids of `table` rows matching `cond`, in insertion order. */
export async function matchingIds(db: Knex, table: string, cond: Condition): Promise<string[]> {
  const where = compileCondition(cond, { alias: 't' });
  const result = await db.raw(
    `SELECT "t"."id" FROM ${quoteIdent(table)} AS "t" WHERE ${where.sql} ORDER BY "t"."_rowid"`,
    where.bindings as Knex.RawBinding[],
  );
  return (result.rows as { id: string }[]).map((r) => r.id);
}

export async function sortedIds(db: Knex, table: string, terms: SortTerm[]): Promise<string[]> {
  const order = compileSort(terms, { alias: 't' });
  const result = await db.raw(
    `SELECT "t"."id" FROM ${quoteIdent(table)} AS "t" ORDER BY ${order.sql}, "t"."_rowid"`,
    order.bindings as Knex.RawBinding[],
  );
  return (result.rows as { id: string }[]).map((r) => r.id);
}

// ---- builders for resolved filters ----

export function lit(value: Scalar): Operand {
  return { kind: 'literal', value };
}

export function ref(name: string): CollectionRef {
  return { id: `id_${name}`, name };
}

export function leaf(name: string, storage: StorageKind, multiple = storage === 'list'): LeafField {
  return { name, type: storage, storage, multiple };
}

export interface PathOptions {
  root?: PathRoot;
  hops?: Hop[];
  jsonPath?: (string | number)[];
  modifier?: PathOperand['modifier'];
  multi?: boolean;
}

export function path(field: LeafField, opts: PathOptions = {}): PathOperand {
  const root = opts.root ?? { kind: 'base' };
  const hops = opts.hops ?? [];
  const multi =
    opts.multi ??
    (root.kind === 'collection' || hops.some((h) => h.multiple) || (opts.modifier === 'each' && field.storage === 'list'));
  const rootKey = root.kind === 'collection' ? `@collection.${root.collection.name}:${root.alias}` : root.kind;
  return {
    kind: 'path',
    root,
    hops,
    field,
    jsonPath: opts.jsonPath,
    modifier: opts.modifier,
    multi,
    joinKey: [rootKey, ...hops.map((h) => (h.kind === 'relation' ? h.field : `${h.source.name}_via_${h.field}`))].join('.'),
  };
}

export function cmp(op: CompareOp, left: Operand, right: Operand, quantifier: 'any' | 'all' = 'all'): Comparison {
  return { kind: 'compare', op, quantifier, left, right };
}

export function and(...items: Condition[]): Condition {
  return { kind: 'and', items };
}

export function or(...items: Condition[]): Condition {
  return { kind: 'or', items };
}
