/**
 * A cluster of real Plinth processes: each instance is `node --import tsx src/cli.ts serve` (exactly what
 * production runs), all on one fresh PostgreSQL database and one private redis-server on a free port (the CLI
 * has no Redis key prefix, so the shared Redis would mix queues with other suites). Instance 1 starts first
 * and creates the superuser; the others then start together.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventSource } from 'eventsource';
import PocketBase from 'pocketbase';
import { startPrivateRedis } from '../jobs/redis-support.js';
import { createTestDatabase } from '../support/test-database.js';

(globalThis as { EventSource?: unknown }).EventSource ??= EventSource;

const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const SUPERUSER = { email: 'root@example.com', password: 'root-pass-1234' };

export interface Instance {
  url: string;
  /** A new SDK client on this instance (auto-cancellation off). */
  client(): PocketBase;
  /** A superuser SDK client on this instance. */
  admin(): Promise<PocketBase>;
  /** SIGTERM, then the exit code (a graceful shutdown exits with 0). */
  stop(): Promise<number | null>;
  output(): string;
}

export interface Cluster {
  instances: Instance[];
  redisUrl: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startInstance(db: string, redisUrl: string, withSuperuser: boolean): Promise<Instance> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'plinth-scale-'));
  const env: NodeJS.ProcessEnv = { ...process.env, REDIS_URL: redisUrl, PLINTH_LOG_LEVEL: 'warn' };
  if (withSuperuser) Object.assign(env, { PLINTH_SUPERUSER_EMAIL: SUPERUSER.email, PLINTH_SUPERUSER_PASSWORD: SUPERUSER.password });
  else delete env.PLINTH_SUPERUSER_EMAIL;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--http', `127.0.0.1:${port}`, '--dir', dir, '--db', db], {
    cwd: SERVER_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/api/health/ready`).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`instance on ${url} never became ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const client = () => new PocketBase(url).autoCancellation(false);
  return {
    url,
    client,
    async admin() {
      const pb = client();
      await pb.collection('_superusers').authWithPassword(SUPERUSER.email, SUPERUSER.password);
      return pb;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        const code = await exited;
        clearTimeout(timer);
        rmSync(dir, { recursive: true, force: true });
        return code;
      }
      rmSync(dir, { recursive: true, force: true });
      return child.exitCode;
    },
    output: () => output,
  };
}

export async function startCluster(size = 3): Promise<Cluster> {
  const db = await createTestDatabase('postgres');
  const redis = await startPrivateRedis();
  const instances: Instance[] = [];
  const url = (db.database as { url: string }).url;
  const close = async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await redis.dispose();
    await db.dispose();
  };
  try {
    instances.push(await startInstance(url, redis.url, true));
    instances.push(...(await Promise.all(Array.from({ length: size - 1 }, () => startInstance(url, redis.url, false)))));
  } catch (err) {
    await close();
    throw err;
  }
  return { instances, redisUrl: redis.url, close };
}

/** Polls `check` every 25 ms until it returns true; resolves with the milliseconds it took. */
export async function within(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
