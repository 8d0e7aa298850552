/**
 * Work gathered per table until the event loop has handled this turn's I/O. Under load a server parses several
 * requests per turn; what they ask of one table in that turn can then go to PostgreSQL as one statement. A
 * round trip wakes both processes and is the largest single cost of a small query on a busy machine, so n
 * requests in one statement cost little more than one. With nothing else waiting, the work goes out at the end
 * of the same turn, as it would have alone.
 */
import type { TableSchema } from '../port.js';

export class TurnBatches<Item> {
  private pending = new Map<TableSchema, Item[]>();
  private scheduled = false;

  /** `run` settles every item it is given; it is never called with an empty list. */
  constructor(private readonly run: (table: TableSchema, items: Item[]) => Promise<void>) {}

  add(table: TableSchema, item: Item): void {
    const items = this.pending.get(table);
    if (items) items.push(item);
    else this.pending.set(table, [item]);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    const batches = this.pending;
    this.pending = new Map();
    for (const [table, items] of batches) void this.run(table, items);
  }
}

/** A caller waiting for its share of a gathered statement. */
export interface Waiter<T> {
  resolve(value: T): void;
  reject(err: unknown): void;
}
