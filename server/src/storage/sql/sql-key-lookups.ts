/**
 * Reads of one record by id that arrive together share one statement: gathered per turn (sql-turn-batches.ts)
 * and sent per table as one prepared `id = ANY($1)` query; a lone read goes out as the single-row statement.
 * Only reads outside transactions are gathered (the root storage's): a transaction's reads must see its own
 * writes, in order, on its own connection.
 */
import type { Knex } from 'knex';
import type { Condition } from '../../filter/condition.js';
import type { FindQuery, RecordData, TableSchema } from '../port.js';
import { isIdEquality } from './sql-record-statements.js';
import { findRecords, findRecordsByIds } from './sql-records.js';
import { TurnBatches, type Waiter } from './sql-turn-batches.js';

interface Lookup extends Waiter<RecordData[]> {
  query: FindQuery;
  id: string;
}

/** The id when the query reads exactly one record by id and nothing else (no other condition, order or offset). */
export function singleKeyLookup(query: FindQuery): string | undefined {
  if (query.sort?.length || query.offset || (query.limit !== undefined && query.limit < 1)) return undefined;
  return idLiteral(query.where);
}

/**
 * Each `id = x` when the condition is one, or an OR of such (a relation check's `idIn`): a count of it is the
 * number of those records that exist, which reads by id can answer.
 */
export function idLookups(condition: Condition | undefined): { id: string; where: Condition }[] | undefined {
  const items = condition?.kind === 'or' ? condition.items : condition ? [condition] : [];
  const lookups = items.map((where) => ({ id: idLiteral(where), where }));
  return lookups.length > 0 && lookups.every((l) => l.id !== undefined) ? (lookups as { id: string; where: Condition }[]) : undefined;
}

function idLiteral(condition: Condition | undefined): string | undefined {
  if (!condition || !isIdEquality(condition) || condition.quantifier !== 'all' || condition.right.kind !== 'literal') return undefined;
  return typeof condition.right.value === 'string' ? condition.right.value : undefined;
}

export class KeyLookups {
  private readonly batches: TurnBatches<Lookup>;

  constructor(private readonly db: Knex) {
    this.batches = new TurnBatches((table, lookups) => this.run(table, lookups));
  }

  load(query: FindQuery, id: string): Promise<RecordData[]> {
    return new Promise((resolve, reject) => this.batches.add(query.table, { query, id, resolve, reject }));
  }

  private async run(table: TableSchema, lookups: Lookup[]): Promise<void> {
    try {
      if (lookups.length === 1) return lookups[0].resolve(await findRecords(this.db, lookups[0].query));
      const found = new Map<unknown, RecordData>();
      for (const row of await findRecordsByIds(this.db, table, [...new Set(lookups.map((l) => l.id))])) found.set(row.id, row);
      const answered = new Set<RecordData>();
      for (const lookup of lookups) {
        const row = found.get(lookup.id);
        // Every caller gets a record of its own to change: two lookups of one id in a turn are rare.
        const own = row === undefined || !answered.has(row) ? row : structuredClone(row);
        if (row) answered.add(row);
        lookup.resolve(own === undefined ? [] : [own]);
      }
    } catch (err) {
      for (const lookup of lookups) lookup.reject(err);
    }
  }
}
