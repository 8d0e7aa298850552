/**
 * First run and the console's static files: a Plinth started without a superuser accepts exactly one
 * installer request carrying its token; the built console is served under /_/ with SPA fallback.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import type { App } from '../../src/core/app.js';
import { createLogger } from '../../src/core/logger.js';
import { createHttpApp } from '../../src/http/app.js';
import { createInstaller } from '../../src/http/routes/install.js';
import { createPlinth, type Plinth } from '../../src/server.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../support/test-database.js';

describe.each(testBackends)('installer (%s)', (backend) => {
  let db: TestDatabase;
  let plinth: Plinth;
  let url: string;
  let dataDir: string;
  const lines: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    dataDir = mkdtempSync(join(tmpdir(), 'plinth-install-'));
    const config: Config = { http: { host: '127.0.0.1', port: 0 }, dataDir, database: db.database, redisUrl: null, superuser: null, bodyLimit: 1 << 20, logLevel: 'info' };
    plinth = await createPlinth(config, { logger: createLogger('info', (line) => lines.push(line)) });
    url = (await plinth.listen()).url;
  });
  afterAll(async () => {
    await plinth?.close();
    await db?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const installUrl = () => {
    const line = lines.find((l) => l.includes('installUrl'));
    return line ? String(JSON.parse(line).installUrl) : '';
  };
  const post = (body: unknown) => fetch(`${url}/api/install`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('prints a one-time link to the console installer at start', () => {
    expect(installUrl()).toMatch(new RegExp(`^${url}/_/install\\?token=[A-Za-z0-9]{40}$`));
    expect(lines.some((l) => l.includes(`admin console: ${url}/_/`))).toBe(true);
  });

  it('refuses a wrong token and bad credentials with 400, creating nothing', async () => {
    expect(await (await fetch(`${url}/api/install`)).json()).toEqual({ installed: false });
    const wrong = await post({ token: 'x'.repeat(40), email: 'a@example.com', password: 'long-enough-1' });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).data.token.code).toBe('validation_invalid_token');
    const token = new URL(installUrl()).searchParams.get('token');
    const weak = await post({ token, email: 'not-an-email', password: 'short' });
    expect(weak.status).toBe(400);
    expect(Object.keys((await weak.json()).data).sort()).toEqual(['email', 'password']);
    const missing = await post({ token });
    expect(missing.status).toBe(400);
  });

  it('creates the first superuser once; the token is useless afterwards', async () => {
    const token = new URL(installUrl()).searchParams.get('token');
    const res = await post({ token, email: 'first@example.com', password: 'first-pass-123' });
    expect(res.status).toBe(204);
    const pb = new PocketBase(url);
    const auth = await pb.collection('_superusers').authWithPassword('first@example.com', 'first-pass-123');
    expect(auth.record.email).toBe('first@example.com');
    expect(await (await fetch(`${url}/api/install`)).json()).toEqual({ installed: true });
    const again = await post({ token, email: 'second@example.com', password: 'second-pass-123' });
    expect(again.status).toBe(403);
    await expect(pb.collection('_superusers').getFirstListItem('email = "second@example.com"')).rejects.toMatchObject({ status: 404 });
  });
});

describe('console static files', () => {
  let db: TestDatabase;
  let server: Server;
  let base: string;
  let dir: string;
  let close: () => Promise<void>;
  let app: App;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plinth-console-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'assets', 'index-abc123.css'), 'body{}');
    writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
    db = await createTestDatabase('pglite');
    const config: Config = { http: { host: '127.0.0.1', port: 0 }, dataDir: dir, database: db.database, redisUrl: null, superuser: null, bodyLimit: 1 << 20, logLevel: 'error' };
    const plinth = await createPlinth(config, { logger: createLogger('error', () => undefined) });
    // The Koa app alone, pointed at the fixture dist (and with an installer, as on a first run).
    app = plinth.app;
    server = createServer(createHttpApp(plinth.app, { consoleDir: dir, installer: createInstaller() }).callback());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    close = () => plinth.close();
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await close?.();
    await db?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves hashed assets with their content type and an immutable cache', async () => {
    const js = await fetch(`${base}/_/assets/index-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log(1)');
    const css = await fetch(`${base}/_/assets/index-abc123.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const svg = await fetch(`${base}/_/favicon.svg`);
    expect([svg.headers.get('content-type'), svg.headers.get('cache-control')]).toEqual(['image/svg+xml', 'no-cache']);
  });

  it('answers index.html for client routes (deep links), 404 for a missing asset', async () => {
    for (const path of ['/_/', '/_/collections/posts?filter=views%20%3E%201', '/_/install?token=abc']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>console</title>');
    }
    expect((await fetch(`${base}/_/assets/gone-123.js`)).status).toBe(404);
    const bare = await fetch(`${base}/_`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/_/']);
  });

  it('never serves a file outside the console directory', async () => {
    writeFileSync(join(dir, '..', 'plinth-secret-outside.txt'), 'secret');
    try {
      for (const path of ['/_/../plinth-secret-outside.txt', '/_/%2e%2e/plinth-secret-outside.txt', '/_/..%2fplinth-secret-outside.txt']) {
        const res = await fetch(base + path);
        expect(await res.text(), path).not.toContain('secret');
      }
    } finally {
      rmSync(join(dir, '..', 'plinth-secret-outside.txt'), { force: true });
    }
  });

  it('says how to build the console when it has not been built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'plinth-console-empty-'));
    const bare = createServer(createHttpApp(app, { consoleDir: empty }).callback());
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(bare.address() as { port: number }).port}/_/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('pnpm install');
    } finally {
      await new Promise((r) => bare.close(r));
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
