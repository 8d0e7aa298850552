/**
 * Shared by the OpenAPI tests: a schema that uses every field type, an auth collection, relations (to a
 * visible and to a locked collection), and helpers that fetch and validate the live document.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import type PocketBase from 'pocketbase';
import { expect } from 'vitest';
import type { OpenApiDocument } from '../../src/openapi/openapi-types.js';

export const OPEN = { listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '' };
const LOCKED = { listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null };

/** Creates members (auth), vault (locked), posts (every field type) and notes (used by the client test). */
export async function createSchema(admin: PocketBase): Promise<void> {
  const members = await admin.collections.create({
    name: 'members',
    type: 'auth',
    ...OPEN,
    fields: [{ name: 'nick', type: 'text' }, { name: 'pin', type: 'password', min: 4 }],
    otp: { enabled: true },
  });
  const vault = await admin.collections.create({ name: 'vault', ...LOCKED, fields: [{ name: 'code', type: 'text' }] });
  await admin.collections.create({
    name: 'posts',
    ...OPEN,
    updateRule: '@request.auth.id != ""',
    deleteRule: null,
    fields: [
      { name: 'title', type: 'text', required: true, max: 120 },
      { name: 'body', type: 'editor' },
      { name: 'views', type: 'number', onlyInt: true, min: 0 },
      { name: 'published', type: 'bool' },
      { name: 'contact', type: 'email' },
      { name: 'site', type: 'url' },
      { name: 'publishedAt', type: 'date' },
      { name: 'status', type: 'select', values: ['draft', 'live'], maxSelect: 1 },
      { name: 'labels', type: 'select', values: ['news', 'tech', 'fun'], maxSelect: 3 },
      { name: 'author', type: 'relation', collectionId: members.id, maxSelect: 1 },
      { name: 'reviewers', type: 'relation', collectionId: members.id, maxSelect: 5 },
      { name: 'safe', type: 'relation', collectionId: vault.id, maxSelect: 1 },
      { name: 'cover', type: 'file', maxSelect: 1 },
      { name: 'attachments', type: 'file', maxSelect: 4 },
      { name: 'meta', type: 'json' },
      { name: 'place', type: 'geoPoint' },
      { name: 'internal', type: 'text', hidden: true },
      { name: 'created', type: 'autodate', onCreate: true },
      { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
    ],
  });
  await admin.collections.create({
    name: 'notes',
    ...OPEN,
    fields: [
      { name: 'title', type: 'text', required: true },
      { name: 'count', type: 'number' },
      { name: 'tags', type: 'select', values: ['red', 'green', 'blue'], maxSelect: 3 },
    ],
  });
}

/** GET /api/openapi.json, as a guest or with a token. */
export async function fetchDocument(url: string, token?: string): Promise<{ doc: OpenApiDocument; headers: Headers }> {
  const res = await fetch(`${url}/api/openapi.json`, { headers: token ? { Authorization: token } : {} });
  expect(res.status).toBe(200);
  return { doc: (await res.json()) as OpenApiDocument, headers: res.headers };
}

export async function expectValidDocument(doc: OpenApiDocument): Promise<void> {
  const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
  expect(result.errors).toBeUndefined();
  expect(result.valid).toBe(true);
}

/** Polls until `check` passes (schema changes reach other instances asynchronously). */
export async function eventually(check: () => Promise<void>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
