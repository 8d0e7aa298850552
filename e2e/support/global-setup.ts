/**
 * Builds the console from source, then starts a real Plinth through its CLI (the README's `plinth serve`) on a
 * free loopback port with a throw-away PGlite data dir and no superuser, and reads the one-time installer link
 * from its log. Tests get both through environment variables; the returned function stops the server.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

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

export default async function globalSetup(): Promise<() => Promise<void>> {
  execFileSync('pnpm', ['--filter', '@plinth/console', 'build'], { cwd: ROOT, stdio: 'inherit' });

  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'plinth-e2e-'));
  const child = spawn(process.execPath, [join(ROOT, 'server/bin/plinth.js'), 'serve', '--http', `127.0.0.1:${port}`, '--dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', PLINTH_SUPERUSER_EMAIL: '', PLINTH_SUPERUSER_PASSWORD: '', PLINTH_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const installUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Plinth did not print an installer link in 120 s:\n${log}`)), 120_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /"installUrl":"([^"]+)"/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
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
  child.stderr!.on('data', (c: Buffer) => process.stderr.write(c));

  process.env.PLINTH_E2E_URL = `http://127.0.0.1:${port}`;
  process.env.PLINTH_E2E_INSTALL_URL = installUrl;

  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
}
