/**
 * Shared by the realtime/outbox/webhook/jobs benchmarks: a Plinth of their own on loopback (PostgreSQL on
 * 127.0.0.1:5432 in a fresh database by default, `--pglite` for the embedded one), a superuser token, a
 * loopback HTTP receiver, percentiles and the `--short` flag. Run from the server package so its
 * dependencies resolve: `pnpm --dir server exec tsx ../bench/<name>.ts [--short]`.
 */
import { spawn } from 'node:child_process';
import { request, Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../server/src/config/config.js';
import { createLogger } from '../server/src/core/logger.js';
import type { ClientLimits } from '../server/src/realtime/realtime-client.js';
import { createPlinth, type Plinth } from '../server/src/server.js';
import { createTestDatabase } from '../server/test/support/test-database.js';
import { compileServers, SOURCE_BUILD } from './bench-build.js';
import { startPlinth } from './bench-processes.js';
import { BENCH_SUPERUSER } from './bench-seed.js';

export const SHORT = process.argv.includes('--short');
const BACKEND = process.argv.includes('--pglite') ? 'pglite' : 'postgres';
export const SUPERUSER = { email: 'bench@example.com', password: 'bench-pass-1234' };

export interface BenchApi {
  url: string;
  backend: string;
  /** A superuser token for the Authorization header. */
  token: string;
  /** JSON over a shared keep-alive agent; throws on a non-2xx answer. */
  api<T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string): Promise<T>;
  close(): Promise<void>;
}

/** A Plinth in this process: benchmarks that reach into it (realtime clients, the job API). */
export interface BenchPlinth extends BenchApi {
  plinth: Plinth;
}

export const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export function httpJson<T>(url: string, method: string, body?: unknown, token?: string): Promise<T> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 300) return reject(new Error(`${method} ${url} -> ${res.statusCode}: ${text.slice(0, 300)}`));
        resolve((text ? JSON.parse(text) : {}) as T);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}

export async function startBenchPlinth(opts: { redisUrl?: string; realtimeLimits?: ClientLimits } = {}): Promise<BenchPlinth> {
  const db = await createTestDatabase(BACKEND);
  const dataDir = mkdtempSync(join(tmpdir(), 'plinth-bench-'));
  const config: Config = {
    http: { host: '127.0.0.1', port: 0 },
    dataDir,
    database: db.database,
    redisUrl: opts.redisUrl ?? null,
    superuser: SUPERUSER,
    bodyLimit: 32 << 20,
    logLevel: 'error',
  };
  const plinth = await createPlinth(config, { logger: createLogger('error'), realtimeLimits: opts.realtimeLimits });
  const { url } = await plinth.listen();
  const api = await superuserApi(url, SUPERUSER, async () => {
    await plinth.close();
    await db.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { plinth, ...api };
}

/** The API of a running Plinth at `url` as the given superuser; `close` tears down what the caller started. */
async function superuserApi(url: string, superuser: { email: string; password: string }, close: () => Promise<void>): Promise<BenchApi> {
  const api = <T>(method: string, path: string, body?: unknown, token?: string) => httpJson<T>(url + path, method, body, token);
  const auth = await api<{ token: string }>('POST', '/api/collections/_superusers/auth-with-password', { identity: superuser.email, password: superuser.password });
  return { url, backend: BACKEND, token: auth.token, api: (method, path, body, token = auth.token) => api(method, path, body, token), close };
}

/**
 * Plinth as production runs it, `plinth serve` in a process of its own (compiled to JavaScript; from source
 * with --short), so that the benchmark's load generator and receiver do not share its event loop.
 */
export async function startPlinthProcess(opts: { redisUrl?: string } = {}): Promise<BenchApi> {
  const db = BACKEND === 'postgres' ? await createTestDatabase('postgres') : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'plinth-bench-'));
  const build = SHORT ? SOURCE_BUILD : await compileServers();
  const dbUrl = db?.database.kind === 'postgres' ? db.database.url : undefined;
  const server = await startPlinth(build, { dataDir, db: dbUrl, redisUrl: opts.redisUrl }).catch(async (err: unknown) => {
    await build.dispose();
    throw err;
  });
  return superuserApi(server.url, BENCH_SUPERUSER, async () => {
    await server.stop();
    await build.dispose();
    await db?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });
}

/** The webhook endpoint (webhook-receiver.ts) in a process of its own: its work does not share Plinth's event loop. */
export interface ReceiverProcess {
  url: string;
  stats(): Promise<{ received: number; arrivals: Record<string, number> }>;
  close(): Promise<void>;
}

export async function startReceiverProcess(opts: { arrivals?: boolean } = {}): Promise<ReceiverProcess> {
  const script = fileURLToPath(new URL('./webhook-receiver.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...(opts.arrivals ? ['--arrivals'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`webhook receiver exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    stats: () => httpJson(url + '/stats', 'GET'),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs `work` with `concurrency` loops in flight until `durationMs` has passed; returns completed calls. */
export async function runFor(durationMs: number, concurrency: number, work: (i: number) => Promise<void>): Promise<number> {
  const end = Date.now() + durationMs;
  let done = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        await work(next++);
        done++;
      }
    }),
  );
  return done;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Machine context printed with every summary: the numbers mean little without it. */
export function machine() {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', loadavg1m: round(loadavg()[0], 2), node: process.version };
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function printSummary(name: string, summary: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify({ bench: name, short: SHORT, machine: machine(), ...summary }, null, 2) + '\n');
}
