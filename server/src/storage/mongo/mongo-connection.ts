/**
 * Opens the MongoDB client for a `mongodb://` URL and finds out what the deployment can do. Multi-document
 * transactions need a replica set or a sharded cluster; a standalone server (and FerretDB v1) has none, which
 * is detected from the `hello` reply rather than guessed from the product name.
 */
import { type ClientSession, type Db, MongoClient } from 'mongodb';

export interface MongoConnection {
  client: MongoClient;
  db: Db;
  supportsTransactions: boolean;
  close(): Promise<void>;
}

/** The database named in the URL path, or `plinth`. */
export function databaseName(url: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]*)/.exec(url);
  const name = match ? decodeURIComponent(match[1]) : '';
  return name || 'plinth';
}

export async function openMongo(url: string): Promise<MongoConnection> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000, ignoreUndefined: true });
  await client.connect();
  const db = client.db(databaseName(url));
  const hello = (await db.admin().command({ hello: 1 })) as { setName?: string; msg?: string };
  const supportsTransactions = typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
  return { client, db, supportsTransactions, close: () => client.close() };
}

/** What every operation needs: the database and, inside a real transaction, its session. */
export interface MongoScope {
  db: Db;
  session?: ClientSession;
}

/** Driver options carrying the scope's session (empty outside transactions). */
export function sessionOptions(scope: MongoScope): { session?: ClientSession } {
  return scope.session ? { session: scope.session } : {};
}
