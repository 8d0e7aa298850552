/**
 * Turns many small writes into few: add() queues an item and resolves once a write that included it finished
 * (or rejects with that write's error). While one write runs, the items that arrive wait and go together in the
 * next, so a busy caller pays one statement per batch instead of one per item, and an idle one waits for
 * nothing: there is no timer, the first item is written at once.
 */
export interface WriteBatcher<T> {
  add(item: T): Promise<void>;
  /** Resolves when everything added so far is written (or failed). */
  drain(): Promise<void>;
}

export function createWriteBatcher<T>(write: (items: T[]) => Promise<void>, maxBatch = 500): WriteBatcher<T> {
  let queue: Array<{ item: T; resolve: () => void; reject: (err: unknown) => void }> = [];
  let running: Promise<void> | null = null;

  async function run(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        await write(batch.map((b) => b.item));
        for (const b of batch) b.resolve();
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    running = null;
  }

  return {
    add(item) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        running ??= run();
      });
    },
    async drain() {
      while (running) await running;
    },
  };
}
