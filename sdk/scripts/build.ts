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

rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({ entryPoints: sources('src'), outdir: join(root, 'dist'), outbase: join(root, 'src'), format: 'esm', platform: 'neutral', target: 'es2022' });
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
console.log('dist/ written');
