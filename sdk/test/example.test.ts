/**
 * The example app on generated types, end to end: import its schema into a real Plinth, regenerate its
 * types from the live server (they must equal the committed plinth.d.ts; UPDATE_EXAMPLE_TYPES=1 rewrites
 * it), then run the app. Also checks `plinth typegen` through the server CLI from an exported file, and that
 * a schema change updates the generated file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../examples/blog/app.js';
import { runTypegen } from '../src/typegen/typegen-cli.js';
import { startHarness, type Harness } from './support/plinth.js';

const EXAMPLE = new URL('../examples/blog/', import.meta.url).pathname;
const COMMITTED = join(EXAMPLE, 'plinth.d.ts');
const ONLY = ['--collections', '_superusers,users,posts,comments'];
const PLINTH_BIN = new URL('../../server/bin/plinth.js', import.meta.url).pathname;

let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await startHarness();
  dir = mkdtempSync(join(tmpdir(), 'plinth-typegen-'));
  await h.admin.collections.import(JSON.parse(readFileSync(join(EXAMPLE, 'schema.json'), 'utf8')));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await h?.close();
});

const live = (out: string) => ['--url', h.url, '--email', h.server.superuser.email, '--password', h.server.superuser.password, '--out', out, ...ONLY];

describe('example app on generated types', () => {
  it('generates the committed types from the live schema', async () => {
    const out = process.env.UPDATE_EXAMPLE_TYPES ? COMMITTED : join(dir, 'live.d.ts');
    await runTypegen(live(out));
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(COMMITTED, 'utf8'));
  });

  it('runs the app', async () => {
    const { summary, events } = await main(h.url);
    expect(summary).toMatchObject({
      title: 'Typed "hello" \\ world',
      views: 10,
      tags: ['tech', 'news'],
      author: 'Writer',
      comments: ['Writer: First!'],
      published: '2026-01-02 03:04:05.000Z',
    });
    expect(summary.coverThumb).toMatch(new RegExp(`^${h.url}/api/files/pbc_posts0000001/\\w+/cover_\\w+\\.png\\?thumb=100x100$`));
    const image = await fetch(summary.coverThumb);
    expect(image.status).toBe(200);
    expect(events).toEqual(['create:draft', 'update:published']);
  });

  it('runs `plinth typegen` from an exported schema file through the server CLI, deterministically', async () => {
    const file = join(dir, 'schema.json');
    writeFileSync(file, JSON.stringify(await h.admin.collections.getFull(), null, 2));
    const out = join(dir, 'from-file.d.ts');
    const run = () => promisify(execFile)(process.execPath, [PLINTH_BIN, 'typegen', '--file', file, '--out', out, ...ONLY]);
    expect((await run()).stdout).toMatch(/^Wrote /);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(COMMITTED, 'utf8'));
    expect((await run()).stdout).toMatch(/^Up to date: /);
  });

  it('updates the generated file after a schema change', async () => {
    const out = join(dir, 'changing.d.ts');
    expect((await runTypegen(live(out))).changed).toBe(true);
    expect((await runTypegen(live(out))).changed).toBe(false);
    const posts = await h.admin.collections.getOne('posts');
    await h.admin.collections.update('posts', { fields: [...posts.fields, { name: 'subtitle', type: 'text', required: true }] });
    expect((await runTypegen(live(out))).changed).toBe(true);
    expect(readFileSync(out, 'utf8')).toMatch(/export interface PostsCreate \{[^}]*\n  subtitle: string;/);
  });
});
