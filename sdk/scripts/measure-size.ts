/** Minified + gzipped size of the browser bundle (everything `src/index.ts` exports), measured with esbuild. */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export async function measureSize(): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { minified, gzipped } = await measureSize();
  console.log(`@plinth/sdk: ${(minified / 1024).toFixed(1)} KB minified, ${(gzipped / 1024).toFixed(2)} KB min+gzip`);
}
