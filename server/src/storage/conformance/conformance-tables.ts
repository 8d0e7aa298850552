/**
 * Builders for the conformance suite: table schemas with the implicit `id` column, and a shared per-suite
 * context. Every test works on collections with names of its own, so tests share one adapter instance.
 */
import type { ColumnSchema, IndexColumn, IndexSpec, StorageAdapter, StorageKind, TableSchema } from '../port.js';

export interface SuiteContext {
  /** Set in beforeAll; read inside tests only. */
  storage: StorageAdapter;
}

let sequence = 0;

/** A collection name unique within the run, readable in failure output. */
export function uniqueName(base: string): string {
  sequence += 1;
  return `${base}_${sequence}`;
}

export function column(name: string, storage: StorageKind, defaultValue?: unknown, id = `f_${name}`): ColumnSchema {
  return { id, name, storage, defaultValue };
}

export function tableSchema(name: string, columns: ColumnSchema[], indexes: IndexSpec[] = [], id = `c_${name}`): TableSchema {
  return { id, name, columns: [column('id', 'text', '', 'f_id'), ...columns], indexes };
}

export function indexOn(name: string, unique: boolean, columns: (string | Partial<IndexColumn> & { name: string })[], where?: IndexSpec['where']): IndexSpec {
  return {
    name,
    unique,
    columns: columns.map((c) => (typeof c === 'string' ? { name: c, nocase: false, desc: false } : { nocase: false, desc: false, ...c })),
    where,
  };
}

/** Creates a collection whose catalogue document is the schema itself, as core would store its definition. */
export async function createTable(ctx: SuiteContext, table: TableSchema): Promise<TableSchema> {
  await ctx.storage.createCollection(table, { name: table.name });
  return table;
}
