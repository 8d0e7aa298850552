/**
 * Request logs are written in batches off the request path: add() only appends to a buffer; a timer (or a full
 * batch) flushes it as one multi-row insert. A slow or failing database never delays a response: past `maxBuffer`
 * entries new ones are dropped and counted, and a failed batch is logged and dropped.
 */
import type { App } from '../core/app.js';
import { LOGS } from '../core/collections/collection-system-builtins.js';
import { formatDateTime } from '../core/datetime.js';
import { newRecordId } from '../core/ids.js';
import type { LogEntry } from './log-entry.js';

export interface LogWriter {
  /** Queues an entry unless logs are off (settings.logs.maxDays = 0) or it is below settings.logs.minLevel. */
  add(entry: LogEntry): void;
  /** Writes everything queued so far. */
  flush(): Promise<void>;
  /** Flushes and stops the timer. */
  close(): Promise<void>;
  readonly dropped: number;
}

export interface LogWriterOptions {
  flushMs?: number;
  batchSize?: number;
  maxBuffer?: number;
}

export function createLogWriter(app: App, opts: LogWriterOptions = {}): LogWriter {
  const flushMs = opts.flushMs ?? 1000;
  const batchSize = opts.batchSize ?? 200;
  const maxBuffer = opts.maxBuffer ?? 10_000;
  let buffer: LogEntry[] = [];
  let dropped = 0;
  let writing: Promise<void> = Promise.resolve();
  let closed = false;

  const timer = setInterval(() => void flush(), flushMs);
  timer.unref();

  async function write(batch: LogEntry[]): Promise<void> {
    const collection = app.collections.get(LOGS);
    if (!collection) return;
    const table = app.collections.table(collection);
    const rows = batch.map((entry) => {
      const created = formatDateTime(entry.created);
      return { id: newRecordId(), level: entry.level, message: entry.message, data: entry.data, created, updated: created };
    });
    try {
      // One multi-row INSERT per batch: the log costs the database one statement per flush, not per request.
      await app.storage.insertMany(table, rows);
    } catch (err) {
      dropped += batch.length;
      app.logger.warn('request logs could not be written; batch dropped', { count: batch.length, error: String(err) });
    }
  }

  function flush(): Promise<void> {
    if (buffer.length === 0) return writing;
    const batch = buffer;
    buffer = [];
    // One batch at a time, in order.
    writing = writing.then(() => write(batch));
    return writing;
  }

  return {
    add(entry) {
      if (closed) return;
      const settings = app.settings.get().logs;
      if (!settings.maxDays || entry.level < settings.minLevel) return;
      if (buffer.length >= maxBuffer) {
        dropped++;
        return;
      }
      buffer.push(entry);
      if (buffer.length >= batchSize) void flush();
    },
    flush,
    async close() {
      closed = true;
      clearInterval(timer);
      await flush();
    },
    get dropped() {
      return dropped;
    },
  };
}
