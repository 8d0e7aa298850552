/**
 * Runs once before the test workers start. It settles which storage backends this run covers
 * (PLINTH_TEST_BACKENDS) and starts the one MongoDB-compatible server the run shares (PLINTH_TEST_MONGO_URL);
 * every test database on it is a database of its own (test-database.ts).
 *
 * When PLINTH_TEST_BACKENDS is unset, a backend whose server cannot be had is left out with a loud warning
 * (a fresh laptop has no PostgreSQL, or no Go to build FerretDB); CI sets the variable so that a missing
 * server fails instead. PLINTH_TEST_MONGO_URL given from outside (e.g. a real MongoDB replica set) is used
 * as is instead of an embedded FerretDB.
 */
import pg from 'pg';
import { canRunFerretDb, startFerretDb } from './ferretdb.js';

const PG_URL = process.env.PLINTH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function shout(lines: string[]): void {
  const bar = '!'.repeat(100);
  console.warn(`\n${bar}\n${lines.map((l) => `! ${l}`).join('\n')}\n${bar}\n`);
}

async function postgresAnswers(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Starts the shared MongoDB-compatible server unless one was given; returns its teardown. */
async function startMongo(): Promise<() => Promise<void>> {
  if (process.env.PLINTH_TEST_MONGO_URL) return async () => {};
  const server = await startFerretDb();
  process.env.PLINTH_TEST_MONGO_URL = server.url;
  return () => server.stop();
}

export default async function setup(): Promise<() => Promise<void>> {
  const required = process.env.PLINTH_TEST_BACKENDS;
  if (required) {
    const names = required.split(',').map((s) => s.trim());
    return names.includes('mongodb') ? startMongo() : async () => {};
  }

  const backends = ['pglite'];
  const pgProblem = await postgresAnswers();
  if (pgProblem === null) backends.push('postgres');
  else {
    shout([
      `No PostgreSQL at ${PG_URL.replace(/\/\/[^@]*@/, '//')} (${pgProblem}).`,
      'Leaving the PostgreSQL runs out. Set PLINTH_TEST_BACKENDS=pglite,postgres,mongodb to require every backend.',
    ]);
  }

  let teardown = async () => {};
  const mongoProblem = process.env.PLINTH_TEST_MONGO_URL || (await canRunFerretDb()) ? null : 'no `go` on PATH to build FerretDB';
  if (mongoProblem === null) {
    try {
      teardown = await startMongo();
      backends.push('mongodb');
    } catch (err) {
      shout([`FerretDB could not be started: ${(err as Error).message.slice(0, 500)}`, 'Leaving the MongoDB runs out.']);
    }
  } else {
    shout([
      `MongoDB runs left out: ${mongoProblem}.`,
      'Install Go (apt-get install golang) or point PLINTH_TEST_MONGO_URL at a MongoDB; set PLINTH_TEST_BACKENDS=...,mongodb to require it.',
    ]);
  }
  process.env.PLINTH_TEST_BACKENDS = backends.join(',');
  return teardown;
}
