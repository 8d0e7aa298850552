/**
 * Opens the MongoDB client for a `mongodb://` URL and finds out what the deployment can do. Multi-document
 * transactions need a replica set or a sharded cluster; a standalone server (and FerretDB v1) has none, which
 * is detected from the `hello` reply rather than guessed from the product name.
 */
import { type ClientSession, type Db, MongoClient } from 'mongodb';
import type { Journal } from './mongo-journal.js';
import type { TxMarker } from './mongo-tx-markers.js';

export interface MongoConnection {
  client: MongoClient;
  db: Db;
  supportsTransactions: boolean;
  serial: KeyedSerial;
  close(): Promise<void>;
}

/**
 * Runs async work one at a time per key, within this process. FerretDB v1 applies `$inc` and findAndModify
 * as read-then-write (measured: 40 concurrent `$inc` of one counter end at 4), so the adapter's own
 * counters and the outbox mover are serialised here; across processes the README says what still holds.
 */
export class KeyedSerial {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}

/** The database named in the URL path, or `plinth`. */
export function databaseName(url: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]*)/.exec(url);
  const name = match ? decodeURIComponent(match[1]) : '';
  return name || 'plinth';
}

export async function openMongo(url: string): Promise<MongoConnection> {
  // A timeout given in the URL wins over our default (the driver lets explicit options override the URL).
  const timeout = /[?&]serverSelectionTimeoutMS=/i.test(url) ? {} : { serverSelectionTimeoutMS: 10_000 };
  const client = new MongoClient(url, { ...timeout, ignoreUndefined: true });
  await client.connect();
  const db = client.db(databaseName(url));
  const hello = (await db.admin().command({ hello: 1 })) as { setName?: string; msg?: string };
  const supportsTransactions = typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
  return { client, db, supportsTransactions, serial: new KeyedSerial(), close: () => client.close() };
}

/** What every operation needs: the database and, inside a real transaction, its session. */
export interface MongoScope {
  db: Db;
  session?: ClientSession;
  serial: KeyedSerial;
  /** Inside transaction(fn): how to undo each write of the current level (mongo-journal.ts). */
  journal?: Journal;
  /** Inside transaction(fn) without real transactions: the marker record writes carry (mongo-tx-markers.ts). */
  marker?: TxMarker;
}

/** Driver options carrying the scope's session (empty outside transactions). */
export function sessionOptions(scope: MongoScope): { session?: ClientSession } {
  return scope.session ? { session: scope.session } : {};
}

/**
 * The scope for schema changes (create/drop/rename collections, indexes, column rewrites): never inside the
 * transaction, which MongoDB forbids for most DDL; the journal compensates them instead.
 */
export function outsideTransaction(scope: MongoScope): MongoScope {
  return { db: scope.db, serial: scope.serial };
}

/**
 * One record's read-modify-write, serialised per record in this process: FerretDB v1 applies updates as
 * read-modify-write of whole documents, so concurrent updates of one record could lose each other's fields.
 */
export function oneRecord<T>(scope: MongoScope, collection: string, id: string, fn: () => Promise<T>): Promise<T> {
  return scope.serial.run(`record:${JSON.stringify([collection, id])}`, fn);
}
