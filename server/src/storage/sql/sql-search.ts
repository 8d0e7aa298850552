/**
 * Full-text search on PostgreSQL (and PGlite): a `tsvector` over the chosen text columns, matched with
 * `websearch_to_tsquery` and ranked with `ts_rank`, served by a GIN expression index. The query repeats the
 * index expression verbatim (same columns, order and a literal language), which is what lets the planner use it.
 */
import type { Knex } from 'knex';
import type { RecordData, SearchIndexSpec, SearchQuery } from '../port.js';
import { assertSearchSpec, searchSpecHash } from '../search-query.js';
import { compileCondition, compileSort } from './filter-compiler.js';
import { qualifiedColumn, quoteIdent } from './sql-text.js';
import { fromDatabaseRow } from './sql-values.js';

const ALIAS = 't';

function documentExpression(spec: SearchIndexSpec, alias?: string): string {
  assertSearchSpec(spec);
  const parts = spec.columns.map((name) => {
    const column = alias ? qualifiedColumn(alias, name) : quoteIdent(name);
    return `coalesce(${column}, '')`;
  });
  // The language is a validated literal, not a binding: an index expression only matches a constant.
  return `to_tsvector('${spec.language}'::regconfig, ${parts.join(` || ' ' || `)})`;
}

const indexPrefix = (spec: SearchIndexSpec) => `_fts_${spec.table.id}_`;

const indexName = (spec: SearchIndexSpec) => indexPrefix(spec) + searchSpecHash(spec);

export async function ensureSearchIndex(db: Knex, spec: SearchIndexSpec): Promise<void> {
  const name = indexName(spec);
  const expression = documentExpression(spec);
  const others = await db.raw(`SELECT indexname FROM pg_indexes WHERE tablename = ? AND indexname LIKE ? AND indexname <> ?`, [
    spec.table.name,
    indexPrefix(spec).replace(/_/g, '\\_') + '%',
    name,
  ]);
  for (const row of others.rows as { indexname: string }[]) await db.raw(`DROP INDEX IF EXISTS ${quoteIdent(row.indexname)}`);
  await db.raw(`CREATE INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(spec.table.name)} USING GIN ((${expression}))`);
}

export async function searchRecords(db: Knex, query: SearchQuery): Promise<{ rows: RecordData[]; total: number }> {
  const { table } = query;
  const doc = documentExpression(query, ALIAS);
  const tsQuery = `websearch_to_tsquery('${query.language}'::regconfig, ?)`;
  const filter = query.where ? compileCondition(query.where, { alias: ALIAS }) : null;
  const where = `${doc} @@ ${tsQuery}${filter ? ` AND (${filter.sql})` : ''}`;
  const whereBindings = [query.text, ...(filter?.bindings ?? [])];
  const from = `${quoteIdent(table.name)} AS ${quoteIdent(ALIAS)}`;

  const sort = query.sort?.length ? compileSort(query.sort, { alias: ALIAS }) : { sql: '', bindings: [] };
  const order = [`ts_rank(${doc}, ${tsQuery}) DESC`, sort.sql, `${qualifiedColumn(ALIAS, '_rowid')} ASC`].filter(Boolean).join(', ');
  const select = table.columns.map((c) => qualifiedColumn(ALIAS, c.name)).join(', ');
  const sql = `SELECT ${select} FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`;
  const bindings = [...whereBindings, query.text, ...sort.bindings, Math.max(0, Math.floor(query.limit)), Math.max(0, Math.floor(query.offset))];
  const result = await db.raw(sql, bindings as Knex.RawBinding[]);
  const rows = (result.rows as Record<string, unknown>[]).map((row) => fromDatabaseRow(table.columns, row));

  const counted = await db.raw(`SELECT count(*) AS "n" FROM ${from} WHERE ${where}`, whereBindings as Knex.RawBinding[]);
  return { rows, total: Number((counted.rows as { n: number | string }[])[0].n) };
}
