/**
 * The servers under test, each a separate OS process on loopback: Plinth through its CLI (exactly what
 * `plinth serve` runs in production) and the hand-written ceiling. Peak memory is the kernel's high-water
 * mark of resident memory (VmHWM) of that process, read just before it is stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ServerBuild } from './bench-build.js';
import { BENCH_SUPERUSER } from './bench-seed.js';

export const SERVER_DIR = fileURLToPath(new URL('../server/', import.meta.url));

export interface RunningServer {
  url: string;
  pid: number;
  /** Peak resident set size in MB so far (Linux /proc; NaN elsewhere). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
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

function peakRssMb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function waitHealthy(url: string, child: ChildProcess, output: () => string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    const ok = await fetch(url + '/api/health').then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not become healthy:\n${output()}`);
}

async function launch(build: ServerBuild, args: string[], env: Record<string, string>, port: number): Promise<RunningServer> {
  // From source, tsx is resolved from the server package, whose dependencies both servers use.
  const extra = process.env.PLINTH_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, ...build.nodeArgs, ...args], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitHealthy(url, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, pid: child.pid!, peakRssMb: () => peakRssMb(child.pid!), stop };
}

/** `db`: a postgres:// URL, or undefined for embedded PGlite under `dataDir`. */
export async function startPlinth(build: ServerBuild, opts: { dataDir: string; db?: string; redisUrl?: string }): Promise<RunningServer> {
  const port = await freePort();
  // Node's flags as deploy/Dockerfile starts Plinth.
  const args = ['--max-semi-space-size=8', '--heap-growing-percent=50', build.cli, 'serve', '--http', `127.0.0.1:${port}`, '--dir', opts.dataDir];
  if (opts.db) args.push('--db', opts.db);
  const env: Record<string, string> = {
    PLINTH_SUPERUSER_EMAIL: BENCH_SUPERUSER.email,
    PLINTH_SUPERUSER_PASSWORD: BENCH_SUPERUSER.password,
    PLINTH_LOG_LEVEL: 'warn',
    REDIS_URL: opts.redisUrl ?? '',
  };
  return launch(build, args, env, port);
}

export async function startCeiling(build: ServerBuild, db: string): Promise<RunningServer> {
  const port = await freePort();
  return launch(build, [build.ceiling, '--port', String(port), '--db', db], {}, port);
}

/** One or more servers of one target, measured together (several Plinth instances on one database). */
export interface ServerGroup {
  urls: string[];
  /** Sum of the processes' peak resident memory, in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

export function groupOf(servers: RunningServer[]): ServerGroup {
  return {
    urls: servers.map((s) => s.url),
    peakRssMb: () => servers.reduce((sum, s) => sum + s.peakRssMb(), 0),
    stop: async () => void (await Promise.all(servers.map((s) => s.stop()))),
  };
}
