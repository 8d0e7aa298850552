/**
 * A client generated from the live document with standard tools: openapi-typescript writes the types,
 * tsc (in a child process) type-checks an openapi-fetch client against them, including calls that must NOT
 * compile, and the same client then creates, lists with a filter, and deletes against the real Plinth.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, startApi } from '../api/api-fixture.js';
import { testBackends } from '../support/test-database.js';
import { CLIENT_SOURCE, CLIENT_TSCONFIG } from './generated-client-source.js';
import { createSchema, fetchDocument } from './openapi-fixture.js';

const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));

function runTsc(project: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsc', '--noEmit', '-p', project], { cwd: SERVER_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe.each(testBackends)('client generated from the openapi document on %s', (backend) => {
  let api: Api;
  // A dot directory: the server's own tsc and vitest globs leave it alone; .gitignore covers leftovers.
  const dir = fileURLToPath(new URL(`./.generated-${backend}-${process.pid}/`, import.meta.url));

  beforeAll(async () => {
    api = await startApi(backend);
    await createSchema(api.admin);
    mkdirSync(dir, { recursive: true });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api?.close();
  });

  it('generates types that compile, reject wrong calls, and drive real requests', async () => {
    const { doc } = await fetchDocument(api.url, api.admin.authStore.token);
    const types = astToString(await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0]));
    writeFileSync(join(dir, 'schema.ts'), types);
    writeFileSync(join(dir, 'client.ts'), CLIENT_SOURCE);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(CLIENT_TSCONFIG, null, 2));
    expect(types).toContain('"/api/collections/notes/records"');

    const tsc = await runTsc(dir);
    expect(tsc.output).toBe('');
    expect(tsc.code).toBe(0);

    const client = (await import(pathToFileURL(join(dir, 'client.ts')).href)) as { run(url: string, token: string): Promise<Record<string, unknown>> };
    const result = await client.run(api.url, api.admin.authStore.token);
    expect(result).toMatchObject({ tags: ['red', 'blue'], count: 3, titles: ['typed hello'], totalItems: 1, deleteStatus: 204, afterTotal: 0 });
    await expect(api.admin.collection('notes').getOne(String(result.id))).rejects.toMatchObject({ status: 404 });
    expect((await api.admin.collection('notes').getFullList()).map((n) => n.title)).toEqual(['untyped other']);
  }, 240_000);
});
