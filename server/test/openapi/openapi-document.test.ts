/**
 * buildOpenApiDocument on hand-made schemas (pure): validity against the OpenAPI 3.1 schema, what each
 * audience sees, name clashes, view collections; and the size and build time of a 10-collection document
 * (logged, not asserted).
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { superusersCollection, usersCollection } from '../../src/core/collections/collection-builtins.js';
import { completeField, idField } from '../../src/core/collections/collection-scaffold.js';
import { scaffold } from '../../src/core/collections/collection-scaffold.js';
import type { Collection, Field } from '../../src/core/collections/model.js';
import { buildOpenApiDocument } from '../../src/openapi/openapi-document.js';
import type { OpenApiDocument } from '../../src/openapi/openapi-types.js';

const OPEN = { listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '' };
const LOCKED = { listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null };

function collection(name: string, fields: Partial<Field>[], extra: Partial<Collection> = {}): Collection {
  return {
    ...scaffold(extra.type ?? 'base'),
    id: `pbc_${name}`,
    name,
    ...OPEN,
    fields: [idField(), ...fields.map((f) => completeField(f as Field))],
    ...extra,
  } as Collection;
}

async function expectValid(doc: OpenApiDocument) {
  const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
  expect(result.errors).toBeUndefined();
  expect(result.valid).toBe(true);
}

const schemaNames = (doc: OpenApiDocument) => Object.keys(doc.components.schemas);

describe('buildOpenApiDocument', () => {
  const authors = collection('authors', [{ name: 'name', type: 'text', required: true }]);
  const vault = collection('vault', [{ name: 'code', type: 'text' }], LOCKED);
  const posts = collection(
    'posts',
    [
      { name: 'title', type: 'text', required: true },
      { name: 'author', type: 'relation', collectionId: authors.id, maxSelect: 1 },
      { name: 'safe', type: 'relation', collectionId: vault.id, maxSelect: 1 },
      { name: 'cover', type: 'file', maxSelect: 1 },
      { name: 'note', type: 'text', hidden: true },
    ],
    { createRule: 'author != ""', updateRule: null, deleteRule: null },
  );
  const clash = collection('postsCreate', [{ name: 'x', type: 'bool' }]);
  const view = collection('stats', [{ name: 'total', type: 'number' }], { type: 'view', viewQuery: 'select id, 1 as total from posts' });
  const all = [superusersCollection(), usersCollection(), authors, vault, posts, clash, view];
  const superDoc = buildOpenApiDocument(all, { audience: 'superuser', version: '1.2.3', serverUrl: 'http://127.0.0.1:8090' });
  const publicDoc = buildOpenApiDocument(all, { audience: 'public', version: '1.2.3' });

  it('is a valid OpenAPI 3.1 document for both audiences', async () => {
    expect(superDoc.openapi).toBe('3.1.0');
    expect(superDoc.info.version).toBe('1.2.3');
    expect(superDoc.servers).toEqual([{ url: 'http://127.0.0.1:8090' }]);
    await expectValid(superDoc);
    await expectValid(publicDoc);
  });

  it('leaves locked collections out of the public document entirely, and superuser-only operations too', () => {
    expect(schemaNames(superDoc)).toEqual(expect.arrayContaining(['vault', '_superusers', 'vaultCreate']));
    expect(Object.keys(superDoc.paths)).toContain('/api/collections/vault/records');
    const text = JSON.stringify(publicDoc);
    expect(text).not.toContain('vault');
    expect(text).not.toContain('_superusers');
    expect(publicDoc.paths['/api/collections/posts/records/{id}']).toHaveProperty('get');
    expect(publicDoc.paths['/api/collections/posts/records/{id}']).not.toHaveProperty('patch');
    expect(publicDoc.paths['/api/collections/posts/records/{id}']).not.toHaveProperty('delete');
    expect(superDoc.paths['/api/collections/posts/records/{id}']).toHaveProperty('delete');
    // Rule expressions are for superusers only.
    expect(superDoc.paths['/api/collections/posts/records']?.post?.description).toContain('author != ""');
    expect(publicDoc.paths['/api/collections/posts/records']?.post?.description).not.toContain('author');
  });

  it('types expand from relations to visible collections, and shows hidden fields to superusers only', () => {
    const props = (doc: OpenApiDocument, name: string) => (doc.components.schemas[name] as { properties: Record<string, { properties?: object }> }).properties;
    expect(props(publicDoc, 'posts').expand?.properties).toEqual({ author: { $ref: '#/components/schemas/authors' } });
    expect(props(superDoc, 'posts').expand?.properties).toEqual({ author: { $ref: '#/components/schemas/authors' }, safe: { $ref: '#/components/schemas/vault' } });
    expect(props(publicDoc, 'authors').expand?.properties).toEqual({ posts_via_author: { type: 'array', items: { $ref: '#/components/schemas/posts' } } });
    expect(props(publicDoc, 'posts')).not.toHaveProperty('note');
    expect(props(superDoc, 'posts')).toHaveProperty('note');
  });

  it('gives a collection its own name and moves derived names out of its way', () => {
    expect(schemaNames(superDoc)).toEqual(expect.arrayContaining(['postsCreate', 'postsCreate_', 'postsCreateCreate', 'postsCreateForm']));
    expect((superDoc.components.schemas.postsCreate as { description: string }).description).toContain('collection postsCreate');
    expect(JSON.stringify(superDoc.paths['/api/collections/posts/records']?.post?.requestBody)).toContain('#/components/schemas/postsCreate_"');
  });

  it('documents view collections read-only', () => {
    expect(Object.keys(superDoc.paths['/api/collections/stats/records'] ?? {})).toEqual(['get']);
    expect(schemaNames(superDoc)).not.toContain('statsCreate');
  });

  it('logs the size and build time of a 10-collection document', async () => {
    const ten = [usersCollection()];
    for (let i = 1; ten.length < 10; i++) {
      ten.push(
        collection(`c${i}`, [
          { name: 'title', type: 'text', required: true, max: 200 },
          { name: 'body', type: 'editor' },
          { name: 'count', type: 'number', onlyInt: true },
          { name: 'done', type: 'bool' },
          { name: 'mail', type: 'email' },
          { name: 'link', type: 'url' },
          { name: 'due', type: 'date' },
          { name: 'state', type: 'select', values: ['a', 'b', 'c'], maxSelect: 1 },
          { name: 'labels', type: 'select', values: ['x', 'y', 'z'], maxSelect: 3 },
          { name: 'owner', type: 'relation', collectionId: ten[0].id, maxSelect: 1 },
          { name: 'prev', type: 'relation', collectionId: ten[ten.length - 1].id, maxSelect: 5 },
          { name: 'files', type: 'file', maxSelect: 3 },
          { name: 'meta', type: 'json' },
          { name: 'where', type: 'geoPoint' },
          { name: 'created', type: 'autodate', onCreate: true },
          { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
        ]),
      );
    }
    const started = performance.now();
    const doc = buildOpenApiDocument(ten, { audience: 'superuser', version: '0.0.0' });
    const ms = performance.now() - started;
    const bytes = Buffer.byteLength(JSON.stringify(doc));
    console.info(`openapi: 10 collections (16 fields each, 1 auth) -> ${bytes} bytes of JSON, ${Object.keys(doc.paths).length} paths, built in ${ms.toFixed(1)} ms`);
    await expectValid(doc);
  });
});
