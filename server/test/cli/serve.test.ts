/**
 * The CLI as a user runs it: `plinth serve` on embedded PGlite in a data dir, `plinth superuser upsert`,
 * configuration errors, and a SIGTERM restart that keeps every acknowledged write.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import PocketBase from 'pocketbase';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testBackends } from '../support/test-database.js';

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// The launcher `pnpm start` uses: one node process (tsx registered in-process), so signals reach Plinth itself.
const cli = [process.execPath, join(serverDir, 'bin/plinth.js')];
const dataDir = mkdtempSync(join(tmpdir(), 'plinth-cli-'));

function run(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(cli[0], [cli[1], ...args], {
    cwd: serverDir,
    env: { ...process.env, PLINTH_DATA_DIR: dataDir, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function finished(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return new Promise((done) => child.on('exit', (code) => done({ code, output })));
}

/** Starts `serve` and resolves once it logs its listen URL. */
function serve(env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; exited: Promise<{ code: number | null; output: string }> }> {
  const child = run(['serve', '--http', '127.0.0.1:0'], env);
  const exited = finished(child);
  return new Promise((ok, fail) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (m) ok({ child, url: m[1], exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    exited.then((r) => fail(new Error('serve exited early: ' + r.output)));
  });
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('plinth CLI', () => {
  it('explains every bad setting and exits 1', async () => {
    const { code, output } = await finished(run(['serve'], { PLINTH_HTTP: 'nope', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://x' }));
    expect(code).toBe(1);
    expect(output).toMatch(/PLINTH_HTTP/);
    expect(output).toMatch(/DATABASE_URL/);
    expect(output).toMatch(/REDIS_URL/);
  });

  it('reports an unreachable MongoDB and exits 1', async () => {
    const url = 'mongodb://127.0.0.1:1/x?serverSelectionTimeoutMS=500';
    const { code, output } = await finished(run(['serve', '--http', '127.0.0.1:0'], { DATABASE_URL: url }));
    expect(code).toBe(1);
    expect(output).toMatch(/database is unavailable/i);
  });

  it.runIf(testBackends.includes('mongodb'))('serves on MongoDB from DATABASE_URL=mongodb://', async () => {
    const db = await createTestDatabase('mongodb');
    try {
      if (db.database.kind !== 'mongodb') throw new Error('expected a mongodb test database');
      const env = { DATABASE_URL: db.database.url, PLINTH_SUPERUSER_EMAIL: 'root@example.com', PLINTH_SUPERUSER_PASSWORD: 'root-pass-123' };
      const first = await serve(env);
      const pb = new PocketBase(first.url);
      await pb.collection('_superusers').authWithPassword('root@example.com', 'root-pass-123');
      await pb.collections.create({ name: 'on_mongo', fields: [{ name: 'n', type: 'number' }] });
      const created = await pb.collection('on_mongo').create({ n: 7 });
      first.child.kill('SIGTERM');
      const stopped = await first.exited;
      expect(stopped.code).toBe(0);
      expect(stopped.output).toMatch(/"dialect":"mongodb"/);

      const second = await serve(env);
      const pb2 = new PocketBase(second.url);
      await pb2.collection('_superusers').authWithPassword('root@example.com', 'root-pass-123');
      expect((await pb2.collection('on_mongo').getFullList()).map((r) => [r.id, r.n])).toEqual([[created.id, 7]]);
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
    } finally {
      await db.dispose();
    }
  }, 180_000);

  it('serves on embedded PGlite, upserts a superuser, and keeps acknowledged writes across SIGTERM', async () => {
    const first = await serve();
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // PGlite is single-process: a second process on the same data dir is refused, not allowed to corrupt it
    const concurrent = await finished(run(['superuser', 'upsert', 'root@example.com', 'root-pass-123']));
    expect(concurrent.code).toBe(1);
    expect(concurrent.output).toMatch(/in use by another Plinth process/);
    first.child.kill('SIGTERM');
    const stopped = await first.exited;
    expect(stopped.code).toBe(0);
    expect(stopped.output).toMatch(/superuser upsert/i); // the start log says how to create one

    const upsert = await finished(run(['superuser', 'upsert', 'root@example.com', 'root-pass-123']));
    expect(upsert.code).toBe(0);

    const second = await serve();
    const pb = new PocketBase(second.url);
    await pb.collection('_superusers').authWithPassword('root@example.com', 'root-pass-123');
    await pb.collections.create({ name: 'durable', fields: [{ name: 'n', type: 'number' }] });
    const ids: string[] = [];
    for (let n = 0; n < 20; n++) ids.push((await pb.collection('durable').create({ n })).id);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    const third = await serve();
    const pb3 = new PocketBase(third.url);
    await pb3.collection('_superusers').authWithPassword('root@example.com', 'root-pass-123');
    const rows = await pb3.collection('durable').getFullList({ sort: 'n' });
    expect(rows.map((r) => r.id)).toEqual(ids);
    third.child.kill('SIGINT');
    expect((await third.exited).code).toBe(0);
  }, 240_000); // three cold starts of a real process: slow on a loaded 2-core machine
});
