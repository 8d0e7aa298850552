/**
 * Finds the JavaScript runtimes the SDK promises besides Node (Deno, Bun) for test/runtimes.test.ts: an
 * explicit path (PLINTH_TEST_DENO / PLINTH_TEST_BUN), the platform package installed as an sdk devDependency
 * (its binary is used directly: pnpm runs no install scripts, so there is no `.bin` shim), or the PATH.
 * A runtime that cannot be found or does not start is a failure in CI (PLINTH_E2E_REQUIRED=1 or CI=true) and a
 * loud warning elsewhere, as server/test/support/global-setup.ts treats missing database servers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

export interface Runtime {
  name: 'node' | 'deno' | 'bun';
  binary: string;
  version: string;
  /** argv before the script path. */
  args(scriptDir: string): string[];
}

export interface MissingRuntime {
  name: string;
  problem: string;
}

const requireFromSdk = createRequire(new URL('../../package.json', import.meta.url));

/** Platform packages (npm) that carry each binary, and the binary's path inside them. */
const PACKAGES: Record<'deno' | 'bun', { packages: string[]; file: string }> = {
  deno: { packages: [`@deno/${process.platform}-${process.arch}-glibc`, `@deno/${process.platform}-${process.arch}`], file: 'deno' },
  bun: { packages: [`@oven/bun-${process.platform}-${process.arch}-baseline`, `@oven/bun-${process.platform}-${process.arch}`], file: 'bin/bun' },
};

function candidates(name: 'deno' | 'bun'): string[] {
  const explicit = process.env[`PLINTH_TEST_${name.toUpperCase()}`];
  if (explicit) return [explicit];
  const fromPackages = PACKAGES[name].packages.flatMap((pkg) => {
    try {
      return [join(dirname(requireFromSdk.resolve(`${pkg}/package.json`)), PACKAGES[name].file)];
    } catch {
      return [];
    }
  });
  const fromPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, name));
  return [...fromPackages, ...fromPath].filter((file) => existsSync(file));
}

/** `--version` answers, or why the binary does not run here (missing glibc, CPU flags, …). */
function versionOf(binary: string): { version: string } | { problem: string } {
  const res = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  if (res.status === 0) return { version: res.stdout.trim().split('\n')[0]! };
  const why = res.error?.message ?? (res.stderr.trim() || `exit status ${res.status}, signal ${res.signal}`);
  return { problem: `${binary} does not run here: ${why.slice(0, 500)}` };
}

const ARGS = {
  // Network to loopback only, reads of the built SDK only, and never a permission prompt.
  deno: (dir: string) => ['run', '--no-prompt', '--no-config', '--no-remote', '--no-npm', '--allow-net=127.0.0.1', `--allow-read=${dir}`],
  bun: () => ['--no-install', 'run'],
};

export function findRuntimes(): { found: Runtime[]; missing: MissingRuntime[] } {
  const found: Runtime[] = [{ name: 'node', binary: process.execPath, version: `node ${process.versions.node}`, args: () => [] }];
  const missing: MissingRuntime[] = [];
  for (const name of ['deno', 'bun'] as const) {
    const binaries = candidates(name);
    if (!binaries.length) {
      missing.push({ name, problem: `no ${name} binary: not installed as an sdk devDependency (${PACKAGES[name].packages.join(' or ')}) and not on PATH` });
      continue;
    }
    const checked = versionOf(binaries[0]!);
    if ('problem' in checked) missing.push({ name, problem: checked.problem });
    else found.push({ name, binary: binaries[0]!, version: checked.version, args: ARGS[name] });
  }
  return { found, missing };
}

export const runtimesRequired = (): boolean => process.env.PLINTH_E2E_REQUIRED === '1' || process.env.CI === 'true';

export function shout(lines: string[]): void {
  const bar = '!'.repeat(100);
  console.warn(`\n${bar}\n${lines.map((l) => `! ${l}`).join('\n')}\n${bar}\n`);
}
