/**
 * Reads of one record by id that arrive together share one statement. Under load a server parses several
 * requests per turn of the event loop; their views (and the reads before updates) are gathered until the
 * loop has handled that turn's I/O (setImmediate) and then sent per table as one `id = ANY($1)` query. Each
 * round trip to PostgreSQL costs both processes a wake-up and a protocol exchange, the largest single cost of
 * a get by id, so n lookups in one statement cost little more than one. With no other lookup waiting, the
 * single statement goes out as before, on the same turn.
 *
 * Only reads outside transactions are gathered (the root storage's): a transaction's reads must see its own
 * writes, in order, on its own connection.
 */
import type { Knex } from 'knex';
import type { Condition } from '../../filter/condition.js';
import type { FindQuery, RecordData, TableSchema } from '../port.js';
import { findRecords, findRecordsByIds } from './sql-records.js';

interface Waiter {
  query: FindQuery;
  resolve(rows: RecordData[]): void;
  reject(err: unknown): void;
}

/** The id when the query reads exactly one record by id and nothing else (no other condition, order or offset). */
export function singleKeyLookup(query: FindQuery): string | undefined {
  if (query.sort?.length || query.offset || (query.limit !== undefined && query.limit < 1)) return undefined;
  return idLiteral(query.where);
}

function idLiteral(condition: Condition | undefined): string | undefined {
  if (condition?.kind !== 'compare' || condition.op !== 'eq' || condition.quantifier !== 'all') return undefined;
  const { left, right } = condition;
  const plainId =
    left.kind === 'path' && left.root.kind === 'base' && left.hops.length === 0 && left.field.name === 'id' && !left.modifier && !left.jsonPath?.length;
  return plainId && right.kind === 'literal' && typeof right.value === 'string' ? right.value : undefined;
}

export class KeyLookups {
  private pending = new Map<TableSchema, Map<string, Waiter[]>>();
  private scheduled = false;

  constructor(private readonly db: Knex) {}

  load(query: FindQuery, id: string): Promise<RecordData[]> {
    return new Promise((resolve, reject) => {
      let byId = this.pending.get(query.table);
      if (!byId) this.pending.set(query.table, (byId = new Map()));
      const waiter = { query, resolve, reject };
      const waiters = byId.get(id);
      if (waiters) waiters.push(waiter);
      else byId.set(id, [waiter]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batches = this.pending;
    this.pending = new Map();
    for (const [table, byId] of batches) void this.run(table, byId);
  }

  private async run(table: TableSchema, byId: Map<string, Waiter[]>): Promise<void> {
    try {
      if (byId.size === 1) {
        const [waiters] = byId.values();
        const rows = await findRecords(this.db, waiters[0].query);
        waiters.forEach((w, i) => w.resolve(i === 0 ? rows : structuredClone(rows)));
        return;
      }
      const found = new Map<unknown, RecordData>();
      for (const row of await findRecordsByIds(this.db, table, [...byId.keys()])) found.set(row.id, row);
      for (const [id, waiters] of byId) {
        const row = found.get(id);
        // Every caller gets a record of its own to change: two lookups of one id in a turn are rare.
        waiters.forEach((w, i) => w.resolve(row === undefined ? [] : [i === 0 ? row : structuredClone(row)]));
      }
    } catch (err) {
      for (const waiters of byId.values()) for (const w of waiters) w.reject(err);
    }
  }
}
