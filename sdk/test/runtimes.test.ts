/**
 * The built ESM output (what npm consumers get) under every runtime the SDK promises: Node, Deno and Bun each
 * run test/runtimes/sdk-smoke.mjs against a real Plinth and print what they saw. Deno and Bun come from their
 * npm platform packages (test/support/runtimes.ts); a missing one fails in CI and is a loud warning elsewhere.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJs } from '../scripts/build.js';
import { startHarness, type Harness } from './support/plinth.js';
import { findRuntimes, runtimesRequired, shout, type Runtime } from './support/runtimes.js';

const run = promisify(execFile);
const { found, missing } = findRuntimes();
const USER = { email: 'runtimes@example.com', password: 'runtimes-pass-1' };

let h: Harness;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plinth-sdk-runtimes-'));
  await buildJs(join(dir, 'sdk'));
  copyFileSync(new URL('./runtimes/sdk-smoke.mjs', import.meta.url), join(dir, 'sdk-smoke.mjs'));
  h = await startHarness();
  await h.admin.collection('users').create({ ...USER, passwordConfirm: USER.password });
});
afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function noteCollection(name: string): Promise<void> {
  const own = 'owner = @request.auth.id';
  await h.admin.collections.create({
    name,
    type: 'base',
    listRule: own,
    viewRule: own,
    createRule: '@request.auth.id != "" && @request.body.owner = @request.auth.id',
    updateRule: own,
    deleteRule: own,
    fields: [
      { name: 'title', type: 'text' },
      { name: 'n', type: 'number' },
      { name: 'owner', type: 'relation', collectionId: (await h.admin.collections.getOne('users')).id, maxSelect: 1 },
      { name: 'doc', type: 'file', maxSelect: 1 },
    ],
  });
}

async function smoke(runtime: Runtime, collection: string): Promise<Record<string, any>> {
  const script = join(dir, 'sdk-smoke.mjs');
  const { stdout, stderr } = await run(runtime.binary, [...runtime.args(dir), script, h.url, USER.email, USER.password, collection], {
    cwd: dir,
    timeout: 180_000,
    // Caches in the temp dir, not the home directory.
    env: { ...process.env, DENO_DIR: join(dir, 'deno-cache'), DENO_NO_UPDATE_CHECK: '1', BUN_RUNTIME_TRANSPILER_CACHE_PATH: join(dir, 'bun-cache'), NO_COLOR: '1' },
  }).catch((err: Error & { stdout?: string; stderr?: string }) => {
    throw new Error(`${runtime.version} failed: ${err.message}\nstdout: ${err.stdout}\nstderr: ${err.stderr}`);
  });
  if (stderr.trim()) console.warn(`${runtime.name} stderr:\n${stderr}`);
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line);
}

if (missing.length && !runtimesRequired()) {
  shout([...missing.map((m) => `SDK runtime test left out for ${m.name}: ${m.problem}.`), 'Set PLINTH_E2E_REQUIRED=1 (CI does) to make this a failure.']);
}

describe('runtimes', () => {
  if (runtimesRequired()) {
    it('finds every promised runtime (Deno, Bun)', () => {
      expect(missing.map((m) => `${m.name}: ${m.problem}`)).toEqual([]);
    });
  }

  it.each(found.map((r) => [r.name, r] as const))('runs the built SDK under %s: auth, CRUD + filter builder, Blob upload, realtime', async (name, runtime) => {
    const collection = `notes_${name}`;
    await noteCollection(collection);
    const out = await smoke(runtime, collection);
    console.log(`SDK runtime check passed under ${out.runtime} (${runtime.binary}; EventSource global: ${out.eventSource})`);
    expect(out.runtime.startsWith(`${name} `)).toBe(true);
    expect(out).toMatchObject({
      authedAs: USER.email,
      listed: [`hello from ${out.runtime}`],
      updatedN: 2,
      file: { status: 200, text: `bytes from ${out.runtime}` },
      connectedWhileSubscribed: true,
      events: [{ action: 'create', title: 'live' }],
      connectedAfterUnsubscribe: false,
      remaining: 0,
    });
    expect(out.file.name).toMatch(/^file_\w{10}\.txt$|^blob_\w{10}/);
  });
});
