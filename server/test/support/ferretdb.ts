/**
 * A throwaway FerretDB (MongoDB wire protocol over SQLite) for the MongoDB adapter's tests. The server is our
 * own tiny Go program (test/support/ferretdb/) embedding FerretDB v1; it is built once per machine and cached
 * under the OS temp dir, keyed by the hash of its sources, so only the first run pays for `go build`.
 */
import { spawn, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export interface FerretDbServer {
  url: string;
  stop(): Promise<void>;
}

const SOURCE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'ferretdb');
const execFileAsync = promisify(execFile);

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(join(SOURCE_DIR, file)));
  return hash.digest('hex').slice(0, 16);
}

function binaryPath(): string {
  return join(tmpdir(), 'plinth-ferretdb', `ferretdb-server-${sourceHash()}`);
}

/** Whether startFerretDb() can work here: the binary is cached, or `go` is there to build it. */
export async function canRunFerretDb(): Promise<boolean> {
  if (existsSync(binaryPath())) return true;
  return execFileAsync('go', ['version']).then(
    () => true,
    () => false,
  );
}

/** Builds into a unique temp name and renames into place, so parallel test workers never see half a binary. */
async function ensureBinary(): Promise<string> {
  const binary = binaryPath();
  const dir = dirname(binary);
  if (existsSync(binary)) return binary;
  await mkdir(dir, { recursive: true });
  const partial = `${binary}.${process.pid}.${Date.now()}.partial`;
  await execFileAsync('go', ['build', '-o', partial, '.'], {
    cwd: SOURCE_DIR,
    env: { ...process.env, GOFLAGS: '-mod=mod' },
    maxBuffer: 10 * 1024 * 1024,
  });
  await rename(partial, binary);
  return binary;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startFerretDb(): Promise<FerretDbServer> {
  const binary = await ensureBinary();
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'plinth-ferretdb-data-'));
  const child = spawn(binary, ['-port', String(port), '-sqlite-dir', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 20_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
      throw new Error(`FerretDB did not start on port ${port}: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    url: `mongodb://127.0.0.1:${port}/plinth_test`,
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) {
        process.kill(child.pid, 'SIGTERM');
        const timer = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
