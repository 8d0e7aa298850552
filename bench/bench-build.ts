/**
 * What the servers run. The full benchmark runs them as deploy/Dockerfile runs Plinth in production: compiled
 * to JavaScript by tsc and started by plain `node --enable-source-maps`, so neither throughput nor peak memory
 * carries tsx's in-process transpiler. `--from-source` (and `--short`, where a build would cost more than the
 * run) starts them from the TypeScript sources through tsx instead.
 *
 * The build goes to a temporary directory that mirrors the repository (server/src/… and bench/…), with
 * the package.json files copied and server/node_modules and console linked in, so every path the code resolves
 * relative to itself (the package.json version, console/dist, the ceiling's require of koa and pg) still holds.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ServerBuild {
  /** How the report names it. */
  name: 'compiled' | 'source';
  cli: string;
  ceiling: string;
  /** Node flags before the entry file. */
  nodeArgs: string[];
  dispose(): Promise<void>;
}

const REPO = fileURLToPath(new URL('../', import.meta.url));
const SERVER = join(REPO, 'server');

export const SOURCE_BUILD: ServerBuild = {
  name: 'source',
  cli: join(SERVER, 'src/cli.ts'),
  ceiling: join(REPO, 'bench/ceiling-server.ts'),
  nodeArgs: ['--import', 'tsx'],
  dispose: async () => undefined,
};

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

/** Compiles the server and the ceiling (emit only: `tsc --noEmit` in CI is what type-checks them). */
export async function compileServers(): Promise<ServerBuild> {
  const root = await mkdtemp(join(tmpdir(), 'plinth-bench-build-'));
  try {
    const tsconfig = {
      extends: join(SERVER, 'tsconfig.json'),
      compilerOptions: { noEmit: false, noCheck: true, types: [], outDir: root, rootDir: REPO, sourceMap: true },
      include: [join(SERVER, 'src'), join(REPO, 'bench/ceiling-server.ts')],
      exclude: [join(SERVER, 'src/**/*.test.ts')],
    };
    await writeFile(join(root, 'tsconfig.json'), JSON.stringify(tsconfig));
    await run(process.execPath, [join(SERVER, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], SERVER);
    // The package files decide that the emitted .js files are ES modules.
    await copyFile(join(REPO, 'package.json'), join(root, 'package.json'));
    await copyFile(join(SERVER, 'package.json'), join(root, 'server/package.json'));
    await symlink(join(SERVER, 'node_modules'), join(root, 'server/node_modules'), 'dir');
    await symlink(join(REPO, 'console'), join(root, 'console'), 'dir');
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    throw err;
  }
  return {
    name: 'compiled',
    cli: join(root, 'server/src/cli.js'),
    ceiling: join(root, 'bench/ceiling-server.js'),
    nodeArgs: ['--enable-source-maps'],
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}
