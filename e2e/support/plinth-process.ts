/**
 * A real Plinth started through its CLI (`plinth serve`) on a free loopback port with a throw-away PGlite data
 * dir. `ready` is matched against its log: startPlinth resolves with the first capture group once it appears.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface PlinthProcess {
  url: string;
  /** The first capture group of `ready`. */
  ready: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startPlinth(opts: { ready: RegExp; env?: Record<string, string> }): Promise<PlinthProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'plinth-e2e-'));
  const child = spawn(process.execPath, [join(ROOT, 'server/bin/plinth.js'), 'serve', '--http', `127.0.0.1:${port}`, '--dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', PLINTH_SUPERUSER_EMAIL: '', PLINTH_SUPERUSER_PASSWORD: '', PLINTH_LOG_LEVEL: 'info', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Plinth did not log ${opts.ready} in 120 s:\n${log}`)), 120_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = opts.ready.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] ?? m[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Plinth exited with ${code} before it was ready:\n${log}`));
    });
  });
  // Keep draining the pipes so that a chatty server never blocks on a full buffer.
  child.stdout!.removeAllListeners('data').resume();
  child.stderr!.removeAllListeners('data');
  child.stderr!.on('data', (c: Buffer) => process.stderr.write(c));

  return {
    url: `http://127.0.0.1:${port}`,
    ready,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
