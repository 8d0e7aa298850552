/**
 * Creates arriving in one turn of the event loop (sql-turn-batches.ts) go to PostgreSQL per table as one
 * statement: every record with its own outbox event (insertRecordsWithEvents). A statement is atomic, so one
 * bad row (a taken id or unique value, a failed check) fails them all; the writes of a statement the database
 * refused are then sent again one by one, in order, and each caller gets the answer its own write gets. Only the root
 * storage's writes are gathered, never a transaction's.
 */
import type { Knex } from 'knex';
import type { OutboxEvent, RecordData, TableSchema } from '../port.js';
import { insertRecordsWithEvents } from './sql-records.js';
import { TurnBatches, type Waiter } from './sql-turn-batches.js';

interface Insert extends Waiter<RecordData> {
  data: RecordData;
  event: OutboxEvent;
}

/** Enough to spread a burst over few statements, few enough that one statement stays small. */
const MAX_PER_STATEMENT = 64;

/** An error PostgreSQL answered with (an SQLSTATE), as opposed to a connection that failed on the way. */
const refusedByDatabase = (err: unknown): boolean => /^[0-9A-Z]{5}$/.test(String((err as { code?: unknown })?.code ?? ''));

export class GatheredInserts {
  private readonly batches: TurnBatches<Insert>;

  /**
   * `single` writes one record with its event on its own (and reports the commit); `committed` is called after
   * a gathered statement committed.
   */
  constructor(
    private readonly db: Knex,
    private readonly single: (table: TableSchema, data: RecordData, event: OutboxEvent) => Promise<RecordData>,
    private readonly committed: () => void,
  ) {
    this.batches = new TurnBatches((table, inserts) => this.run(table, inserts));
  }

  /** Only records whose id is given can be gathered: the id matches each event to its row. */
  static accepts(data: RecordData): boolean {
    return typeof data.id === 'string' && data.id !== '';
  }

  add(table: TableSchema, data: RecordData, event: OutboxEvent): Promise<RecordData> {
    return new Promise((resolve, reject) => this.batches.add(table, { data, event, resolve, reject }));
  }

  private async run(table: TableSchema, inserts: Insert[]): Promise<void> {
    const distinct = new Set(inserts.map((i) => i.data.id)).size === inserts.length;
    if (inserts.length === 1 || !distinct) return this.oneByOne(table, inserts);
    const statements: Promise<void>[] = [];
    for (let i = 0; i < inserts.length; i += MAX_PER_STATEMENT) statements.push(this.together(table, inserts.slice(i, i + MAX_PER_STATEMENT)));
    await Promise.all(statements);
  }

  private async together(table: TableSchema, inserts: Insert[]): Promise<void> {
    let stored: RecordData[];
    try {
      stored = await insertRecordsWithEvents(this.db, table, inserts);
    } catch (err) {
      if (refusedByDatabase(err)) return this.oneByOne(table, inserts);
      for (const insert of inserts) insert.reject(err);
      return;
    }
    this.committed();
    inserts.forEach((insert, i) => insert.resolve(stored[i]));
  }

  /** In the callers' order, one after another: the outbox keeps that order, and a rare case stays cheap. */
  private async oneByOne(table: TableSchema, inserts: Insert[]): Promise<void> {
    for (const insert of inserts) await this.single(table, insert.data, insert.event).then(insert.resolve, insert.reject);
  }
}
