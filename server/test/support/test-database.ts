/**
 * Fresh, isolated databases for tests. PostgreSQL: a randomly named database on the local server, dropped on
 * dispose. PGlite: a fresh data directory copied from a template that is initialised once per machine
 * (initdb costs seconds; a copy costs well under one), built under a lock file so parallel workers don't race.
 * MongoDB: a randomly named database on the one server of the test run (PLINTH_TEST_MONGO_URL, set by
 * global-setup.ts: an embedded FerretDB, or a real MongoDB given from outside), dropped on dispose.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import type { Config } from '../../src/config/config.js';

export type TestBackend = 'pglite' | 'postgres' | 'mongodb';

const BACKENDS: readonly TestBackend[] = ['pglite', 'postgres', 'mongodb'];

export interface TestDatabase {
  database: Config['database'];
  dispose(): Promise<void>;
}

const ADMIN_URL = process.env.PLINTH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** From PLINTH_TEST_BACKENDS (comma list; global-setup.ts fills it in when unset); both SQL ones by default. */
export const testBackends: TestBackend[] = parseBackends(process.env.PLINTH_TEST_BACKENDS);

function parseBackends(raw: string | undefined): TestBackend[] {
  if (!raw || !raw.trim()) return ['pglite', 'postgres'];
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!BACKENDS.includes(name as TestBackend)) throw new Error(`PLINTH_TEST_BACKENDS: unknown backend "${name}"`);
  }
  return names as TestBackend[];
}

export async function createTestDatabase(kind: TestBackend): Promise<TestDatabase> {
  if (kind === 'mongodb') return createMongoDatabase();
  return kind === 'postgres' ? createPostgresDatabase() : createPgliteDatabase();
}

/** `url` with its database path replaced (query options such as replicaSet are kept; multi-host safe). */
export function withMongoDatabase(url: string, name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/.exec(url);
  if (!match) throw new Error(`not a mongodb:// URL: ${url}`);
  return `${match[1]}/${name}${match[2] ?? ''}`;
}

async function createMongoDatabase(): Promise<TestDatabase> {
  const base = process.env.PLINTH_TEST_MONGO_URL;
  if (!base) {
    throw new Error('PLINTH_TEST_MONGO_URL is not set: the mongodb test backend needs the server global-setup.ts starts (or a real MongoDB URL)');
  }
  const url = withMongoDatabase(base, `plinth_test_${randomBytes(6).toString('hex')}`);
  return {
    database: { kind: 'mongodb', url },
    async dispose() {
      const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
      try {
        await client.db().dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}

async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `plinth_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    database: { kind: 'postgres', url: url.toString() },
    dispose: () => withAdminClient(async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

async function createPgliteDatabase(): Promise<TestDatabase> {
  const template = await pgliteTemplate();
  const dir = await mkdtemp(join(tmpdir(), 'plinth-test-pglite-'));
  await cp(template, dir, { recursive: true });
  return {
    database: { kind: 'pglite', dir },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The template is keyed by PGlite's version: a data dir from another version may not open. */
function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const root = entry.slice(0, entry.lastIndexOf('/dist/'));
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

const READY_MARKER = '.plinth-template-ready';
const STALE_LOCK_MS = 120_000;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The template data dir, built on first use; other processes wait on the lock file meanwhile. */
async function pgliteTemplate(): Promise<string> {
  const template = join(tmpdir(), `plinth-pglite-template-${pgliteVersion()}`);
  const lockFile = `${template}.lock`;
  for (;;) {
    if (await exists(join(template, READY_MARKER))) return template;
    const lock = await open(lockFile, 'wx').catch(() => null);
    if (lock) {
      try {
        await lock.writeFile(String(process.pid));
        await buildTemplate(template);
        return template;
      } finally {
        await lock.close();
        await rm(lockFile, { force: true });
      }
    }
    await breakStaleLock(lockFile);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function breakStaleLock(lockFile: string): Promise<void> {
  const info = await stat(lockFile).catch(() => null);
  if (info && Date.now() - info.mtimeMs > STALE_LOCK_MS) await rm(lockFile, { force: true });
}

async function buildTemplate(template: string): Promise<void> {
  const building = `${template}.building-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });
  const db = new PGlite(building);
  await db.waitReady;
  await db.close();
  await writeFile(join(building, READY_MARKER), new Date().toISOString());
  await rm(template, { recursive: true, force: true });
  await rename(building, template);
}
