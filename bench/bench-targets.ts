/**
 * The three targets and their databases. PostgreSQL: one fresh database holds Plinth's schema and the seeded
 * rows; the ceiling and Plinth run against it in turn (rows added by the write scenarios are trimmed in
 * between). PGlite: Plinth's own data directory, seeded while Plinth is stopped. Every measured server is a
 * fresh process, so its peak memory covers the benchmark only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type PgType from 'pg';
import type { ServerBuild } from './bench-build.js';
import type { Profile } from './bench-config.js';
import { groupOf, startCeiling, startPlinth, type ServerGroup } from './bench-processes.js';
import { createBenchCollections, SEEDED_MAX_ROWID, seedStatements, trimPostsSql } from './bench-seed.js';

const require = createRequire(new URL('../server/package.json', import.meta.url));
const pg = require('pg') as typeof PgType;

export type TargetKey = 'ceiling' | 'plinth-postgres' | 'plinth-pglite';
export const TARGET_KEYS: TargetKey[] = ['ceiling', 'plinth-postgres', 'plinth-pglite'];
export const TARGET_NAMES: Record<TargetKey, string> = {
  ceiling: 'Koa + pg (ceiling)',
  'plinth-postgres': 'Plinth on PostgreSQL',
  'plinth-pglite': 'Plinth on PGlite',
};

export interface Target {
  key: TargetKey;
  start(): Promise<ServerGroup>;
  /** Undo the write scenarios before the next target uses the same rows. */
  reset(): Promise<void>;
}

export interface Databases {
  targets: Target[];
  /** e.g. "PostgreSQL 16.4" */
  postgresVersion: string | null;
  dispose(): Promise<void>;
}

async function withClient<T>(url: string, fn: (c: PgType.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the collections through a short-lived Plinth, then bulk-inserts the rows with `exec`. */
async function buildDataset(
  build: ServerBuild,
  profile: Profile,
  dataDir: string,
  db: string | undefined,
  exec: (sql: string) => Promise<unknown>,
): Promise<void> {
  const plinth = await startPlinth(build, { dataDir, db });
  try {
    await createBenchCollections(plinth.url);
  } finally {
    await plinth.stop();
  }
  for (const sql of seedStatements(profile)) await exec(sql);
}

async function preparePostgres(build: ServerBuild, profile: Profile, adminUrl: string, keys: TargetKey[]) {
  const name = `plinth_bench_${randomBytes(5).toString('hex')}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dbUrl = url.toString();
  const dataDir = await mkdtemp(join(tmpdir(), 'plinth-bench-pg-'));
  const version = await withClient(dbUrl, async (c) => {
    await buildDataset(build, profile, dataDir, dbUrl, (sql) => c.query(sql));
    return String((await c.query('SHOW server_version')).rows[0].server_version);
  });
  const maxRowid = Number(await withClient(dbUrl, async (c) => (await c.query(SEEDED_MAX_ROWID)).rows[0].max));
  const reset = () => withClient(dbUrl, async (c) => void (await c.query(trimPostsSql(maxRowid))));
  const targets: Target[] = [];
  // Further instances get data dirs of their own (the data dir holds only local files with PostgreSQL).
  const startInstances = async () => {
    const dirs = [dataDir];
    for (let i = 1; i < (profile.instances ?? 1); i++) dirs.push(await mkdtemp(join(tmpdir(), 'plinth-bench-pg-')));
    const servers = [await startPlinth(build, { dataDir, db: dbUrl })];
    servers.push(...(await Promise.all(dirs.slice(1).map((dir) => startPlinth(build, { dataDir: dir, db: dbUrl })))));
    const group = groupOf(servers);
    return { ...group, stop: async () => {
      await group.stop();
      for (const dir of dirs.slice(1)) await rm(dir, { recursive: true, force: true });
    } };
  };
  if (keys.includes('ceiling')) targets.push({ key: 'ceiling', start: async () => groupOf([await startCeiling(build, dbUrl)]), reset });
  if (keys.includes('plinth-postgres')) targets.push({ key: 'plinth-postgres', start: startInstances, reset });
  return {
    targets,
    version: `PostgreSQL ${version}`,
    dispose: async () => {
      await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** What the seed needs of PGlite (loaded from the server package at run time). */
interface PgliteDb {
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

async function preparePglite(build: ServerBuild, profile: Profile) {
  const dataDir = await mkdtemp(join(tmpdir(), 'plinth-bench-pglite-'));
  const { PGlite } = (await import(pathToFileURL(require.resolve('@electric-sql/pglite')).href)) as { PGlite: new (dir: string) => PgliteDb };
  let db: PgliteDb | null = null;
  try {
    await buildDataset(build, profile, dataDir, undefined, async (sql) => {
      db ??= new PGlite(join(dataDir, 'pgdata'));
      return db.exec(sql);
    });
  } finally {
    await (db as PgliteDb | null)?.close();
  }
  const target: Target = { key: 'plinth-pglite', start: async () => groupOf([await startPlinth(build, { dataDir })]), reset: async () => undefined };
  return { target, dispose: () => rm(dataDir, { recursive: true, force: true }) };
}

export async function prepareTargets(build: ServerBuild, profile: Profile, keys: TargetKey[], adminUrl: string): Promise<Databases> {
  const disposers: (() => Promise<unknown>)[] = [];
  const targets: Target[] = [];
  let postgresVersion: string | null = null;
  // Both datasets are built at once: on a small machine most of the time is Plinth booting.
  const wantPg = keys.includes('ceiling') || keys.includes('plinth-postgres');
  const [pgSide, liteSide] = await Promise.allSettled([
    wantPg ? preparePostgres(build, profile, adminUrl, keys) : Promise.resolve(null),
    keys.includes('plinth-pglite') ? preparePglite(build, profile) : Promise.resolve(null),
  ]);
  try {
    for (const side of [pgSide, liteSide]) if (side.status === 'fulfilled' && side.value) disposers.push(side.value.dispose);
    for (const side of [pgSide, liteSide]) if (side.status === 'rejected') throw side.reason;
    if (pgSide.status === 'fulfilled' && pgSide.value) {
      targets.push(...pgSide.value.targets);
      postgresVersion = pgSide.value.version;
    }
    if (liteSide.status === 'fulfilled' && liteSide.value) targets.push(liteSide.value.target);
  } catch (err) {
    for (const dispose of disposers) await dispose().catch(() => undefined);
    throw err;
  }
  return {
    targets,
    postgresVersion,
    dispose: async () => {
      for (const dispose of disposers) await dispose().catch(() => undefined);
    },
  };
}
