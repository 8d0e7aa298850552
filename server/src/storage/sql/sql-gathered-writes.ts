/**
 * Creates and updates arriving in one turn of the event loop (sql-turn-batches.ts) go to PostgreSQL per table
 * as one statement each: every record with its own outbox event (sql-records.ts insertRecordsWithEvents,
 * updateRecordsWithEvents). A statement is atomic, so one bad row (a taken id or unique value, a failed check)
 * fails them all; the writes of a statement the database refused are then sent again one by one, in order,
 * and each caller gets the answer its own write gets. A record written twice in one turn gets its writes in
 * successive statements, in call order. Only the root storage's writes are gathered, never a transaction's.
 */
import type { TableSchema } from '../port.js';
import { translateError } from './sql-errors.js';
import { TurnBatches, type Waiter } from './sql-turn-batches.js';

/** One caller's write: `key` is the record it touches; only writes of the same `shape` share a statement. */
export interface GatherableWrite {
  key: string;
  shape: string;
}

/** Enough to spread a burst over few statements, few enough that one statement stays small. */
const MAX_PER_STATEMENT = 64;

/** An error PostgreSQL answered with (an SQLSTATE), as opposed to a connection that failed on the way. */
const refusedByDatabase = (err: unknown): boolean => /^[0-9A-Z]{5}$/.test(String((err as { code?: unknown })?.code ?? ''));

type Pending<W, R> = W & Waiter<R>;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class GatheredWrites<W extends GatherableWrite, R> {
  private readonly batches: TurnBatches<Pending<W, R>>;

  /**
   * `together` writes several (results in the order given), `single` one on its own (and reports its commit);
   * `committed` is called after a shared statement committed.
   */
  constructor(
    private readonly together: (table: TableSchema, writes: W[]) => Promise<R[]>,
    private readonly single: (table: TableSchema, write: W) => Promise<R>,
    private readonly committed: () => void,
  ) {
    this.batches = new TurnBatches((table, writes) => this.run(table, writes));
  }

  add(table: TableSchema, write: W): Promise<R> {
    return new Promise((resolve, reject) => this.batches.add(table, { ...write, resolve, reject }));
  }

  private async run(table: TableSchema, writes: Pending<W, R>[]): Promise<void> {
    const byShape = new Map<string, Pending<W, R>[]>();
    for (const write of writes) {
      const same = byShape.get(write.shape);
      if (same) same.push(write);
      else byShape.set(write.shape, [write]);
    }
    await Promise.all([...byShape.values()].map((group) => this.inLayers(table, group)));
  }

  /**
   * A record written twice in one turn is written in call order: the first write of every record goes in one
   * statement, the second ones in the next, and so on.
   */
  private async inLayers(table: TableSchema, group: Pending<W, R>[]): Promise<void> {
    const layers: Pending<W, R>[][] = [];
    const seen = new Map<string, number>();
    for (const write of group) {
      const layer = seen.get(write.key) ?? 0;
      seen.set(write.key, layer + 1);
      (layers[layer] ??= []).push(write);
    }
    for (const layer of layers) {
      if (layer.length === 1) await this.oneByOne(table, layer);
      else await Promise.all(chunks(layer, MAX_PER_STATEMENT).map((chunk) => this.shared(table, chunk)));
    }
  }

  private async shared(table: TableSchema, writes: Pending<W, R>[]): Promise<void> {
    let results: R[];
    try {
      results = await this.together(table, writes);
    } catch (err) {
      if (refusedByDatabase(err)) return this.oneByOne(table, writes);
      // Not sent again: a connection lost after the commit would write twice.
      const translated = translateError(err, table);
      for (const write of writes) write.reject(translated);
      return;
    }
    this.committed();
    writes.forEach((write, i) => write.resolve(results[i]));
  }

  /** In the callers' order, one after another: the outbox keeps that order, and a rare case stays cheap. */
  private async oneByOne(table: TableSchema, writes: Pending<W, R>[]): Promise<void> {
    for (const write of writes) await this.single(table, write).then(write.resolve, write.reject);
  }
}
