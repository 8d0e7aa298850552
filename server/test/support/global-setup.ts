/**
 * Runs once before the test workers start. When PLINTH_TEST_BACKENDS is unset and no PostgreSQL answers, the
 * PostgreSQL runs are left out with a loud warning (a fresh laptop has none); CI sets the variable so that a
 * missing server fails instead.
 */
import pg from 'pg';

export default async function setup(): Promise<void> {
  if (process.env.PLINTH_TEST_BACKENDS) return;
  const url = process.env.PLINTH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    process.env.PLINTH_TEST_BACKENDS = 'pglite,postgres';
  } catch (err) {
    process.env.PLINTH_TEST_BACKENDS = 'pglite';
    const line = '!'.repeat(100);
    console.warn(`\n${line}\n! No PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//')} (${(err as Error).message}).\n` +
      '! Running the storage tests on embedded PGlite only. Set PLINTH_TEST_BACKENDS=pglite,postgres to require both.\n' + line + '\n');
  } finally {
    await client.end().catch(() => {});
  }
}
