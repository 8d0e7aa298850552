/**
 * The admin console's static files (console/dist, built by `pnpm install`) under `/_/`. Vite puts content-hashed
 * files under `assets/`, so those are cached for good; everything else is revalidated. Unknown paths outside
 * `assets/` get index.html, so the client router's deep links survive a reload.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Router from '@koa/router';
import type { PlinthContext, PlinthState } from '../http-state.js';

export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../../../console/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Plinth console</title>
<p>The admin console has not been built. Run <code>pnpm install</code> (or <code>pnpm --filter @plinth/console build</code>) and reload.</p>`;

async function fileAt(path: string): Promise<string | undefined> {
  try {
    return (await stat(path)).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

/** `dir`: the built console (tests point it elsewhere). */
export function registerConsoleRoutes(router: Router<PlinthState>, dir: string = DEFAULT_CONSOLE_DIR): void {
  const root = normalize(dir.endsWith(sep) ? dir : dir + sep);

  const send = async (ctx: PlinthContext, path: string, cache: string) => {
    ctx.set('Cache-Control', cache);
    ctx.type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    ctx.body = await readFile(path);
  };

  const serve = async (ctx: PlinthContext) => {
    let rel: string;
    try {
      rel = decodeURIComponent(ctx.path.slice('/_/'.length));
    } catch {
      rel = '';
    }
    const target = normalize(join(root, rel));
    // A `..` that escapes the root, or a NUL, never reaches the file system.
    const inside = target.startsWith(root) && !rel.includes('\0');
    const file = inside && rel ? await fileAt(target) : undefined;
    if (file) return send(ctx, file, rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (rel.startsWith('assets/')) {
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body = 'Not found';
      return;
    }
    const index = await fileAt(join(root, 'index.html'));
    if (!index) {
      ctx.status = 503;
      ctx.type = 'text/html; charset=utf-8';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = NOT_BUILT;
      return;
    }
    await send(ctx, index, 'no-cache');
  };

  router.get('/_', (ctx) => {
    ctx.status = 301;
    ctx.redirect('/_/');
  });
  router.get('/_/', serve);
  router.get('/_/{*path}', serve);
}
