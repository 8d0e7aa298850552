/** Writes dist/ for publishing: ESM JavaScript per source file (esbuild) and declarations (tsc). */
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(root, dir, e.name)] : [],
  );

/** The published JavaScript (one ESM file per source, no bundling) in `outdir`; the runtime tests import it. */
export async function buildJs(outdir: string): Promise<void> {
  await build({ entryPoints: sources('src'), outdir, outbase: join(root, 'src'), format: 'esm', platform: 'neutral', target: 'es2022', logLevel: 'warning' });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = join(root, 'dist');
  rmSync(dist, { recursive: true, force: true });
  await buildJs(dist);
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  console.log('dist/ written');
}
