/**
 * GET /api/openapi.json on a real Plinth: valid OpenAPI 3.1 for superusers and guests, locked collections
 * only in the superuser document, and schema changes in the very next fetch (also through another instance).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../../src/openapi/openapi-types.js';
import { type Api, startApi } from '../api/api-fixture.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSchema, eventually, expectValidDocument, fetchDocument, OPEN } from './openapi-fixture.js';
import PocketBase from 'pocketbase';

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const schemaOf = (doc: OpenApiDocument, name: string) => doc.components.schemas[name] as { properties: Record<string, Record<string, unknown>>; required?: string[] };

describe.each(testBackends)('openapi document on %s', (backend) => {
  let api: Api;
  const superDoc = () => fetchDocument(api.url, api.admin.authStore.token).then((r) => r.doc);
  const guestDoc = () => fetchDocument(api.url).then((r) => r.doc);

  beforeAll(async () => {
    api = await startApi(backend);
    await createSchema(api.admin);
  });
  afterAll(() => api?.close());

  it('serves a valid OpenAPI 3.1 document to superusers and guests, with CORS and the request origin', async () => {
    const { doc, headers } = await fetchDocument(api.url);
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe(packageVersion);
    expect(doc.servers).toEqual([{ url: api.url }]);
    await expectValidDocument(doc);
    await expectValidDocument(await superDoc());
  });

  it('describes records per field type, the list envelope, expand and the error envelope', async () => {
    const doc = await superDoc();
    const posts = schemaOf(doc, 'posts');
    expect(posts.properties.status).toEqual({ anyOf: [{ type: 'string', enum: ['draft', 'live'] }, { type: 'string', const: '' }], examples: ['draft'] });
    expect(posts.properties.labels).toMatchObject({ type: 'array', items: { enum: ['news', 'tech', 'fun'] } });
    expect(posts.properties.views).toEqual({ type: 'integer', examples: [42] });
    expect(posts.properties.expand).toMatchObject({
      properties: { author: { $ref: '#/components/schemas/members' }, reviewers: { type: 'array', items: { $ref: '#/components/schemas/members' } } },
    });
    expect(posts.properties.internal).toBeDefined();
    expect(schemaOf(doc, 'postsCreateForm')).toMatchObject({ allOf: [{ $ref: '#/components/schemas/postsCreate' }, { properties: { cover: { format: 'binary' } } }] });
    expect(schemaOf(doc, 'postsUpdate').properties).toHaveProperty(['labels+']);
    expect(schemaOf(doc, 'membersCreate').properties.pin).toMatchObject({ writeOnly: true, minLength: 4 });
    expect(schemaOf(doc, 'members').properties).not.toHaveProperty('pin');
    expect(schemaOf(doc, 'members').properties).not.toHaveProperty('tokenKey');
    expect(schemaOf(doc, 'Error').required).toEqual(['status', 'message', 'data']);
    const list = doc.paths['/api/collections/posts/records']?.get;
    expect(list?.parameters).toEqual(['page', 'perPage', 'sort', 'filter', 'expand', 'fields', 'skipTotal'].map((p) => ({ $ref: `#/components/parameters/${p}` })));
    expect(doc.components.securitySchemes.AuthToken).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
    for (const path of ['auth-with-password', 'auth-refresh', 'request-otp', 'auth-with-otp', 'request-password-reset', 'impersonate/{id}']) {
      expect(doc.paths).toHaveProperty([`/api/collections/members/${path}`]);
    }
    for (const path of ['/api/realtime', '/api/files/{collection}/{recordId}/{filename}', '/api/files/token', '/api/batch', '/api/health']) {
      expect(doc.paths).toHaveProperty([path]);
    }
  });

  it('gives every field an example taken from its options, and a body made of them is accepted', async () => {
    const doc = await superDoc();
    const create = schemaOf(doc, 'postsCreate').properties as Record<string, { examples?: unknown[] }>;
    expect(create.labels?.examples).toEqual([['news']]);
    expect(create.author?.examples?.[0]).toMatch(/^[a-z0-9]{15}$/);
    expect((schemaOf(doc, 'membersCreate').properties.pin.examples as string[])[0]!.length).toBeGreaterThanOrEqual(4);
    const title = create.title?.examples?.[0] as string;
    expect(title.length).toBeLessThanOrEqual(120);
    // Relations need ids of records that exist; every other example goes into one create, as a client would send it.
    const body = Object.fromEntries(
      Object.entries(create)
        .filter(([name, s]) => s.examples && !['author', 'reviewers', 'safe'].includes(name))
        .map(([name, s]) => [name, s.examples![0]]),
    );
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['title', 'body', 'views', 'published', 'contact', 'site', 'publishedAt', 'status', 'labels', 'meta', 'place']));
    const created = await api.admin.collection('posts').create(body);
    expect(created).toMatchObject({ title, views: 42, published: true, status: 'draft', labels: ['news'], place: body.place, meta: body.meta });
  });

  it('keeps locked collections and superuser-only operations out of the guest document', async () => {
    const guest = await guestDoc();
    const admin = await superDoc();
    expect(JSON.stringify(guest)).not.toContain('vault');
    expect(JSON.stringify(guest)).not.toContain('_superusers');
    expect(schemaOf(guest, 'posts').properties).not.toHaveProperty('internal');
    expect(schemaOf(guest, 'posts').properties.expand?.properties).not.toHaveProperty('safe');
    expect(guest.paths['/api/collections/posts/records/{id}']).not.toHaveProperty('delete');
    expect(guest.paths).not.toHaveProperty(['/api/collections/members/impersonate/{id}']);
    // The same token-less caller as a signed-in non-superuser: rules, not identities, decide.
    const member = await api.guest().collection('members').create({ email: 'm@example.com', password: 'secret-pass-1', passwordConfirm: 'secret-pass-1' });
    const memberToken = (await api.guest().collection('members').authWithPassword('m@example.com', 'secret-pass-1')).token;
    expect(member.id).toBeTruthy();
    expect((await fetchDocument(api.url, memberToken)).doc).toEqual(guest);

    expect(admin.paths).toHaveProperty(['/api/collections/vault/records']);
    expect(admin.components.schemas).toHaveProperty('vault');
    expect(admin.paths).toHaveProperty(['/api/collections/_superusers/auth-with-password']);
  });

  it('shows a schema change in the next fetch, for both audiences', async () => {
    await superDoc();
    await guestDoc();
    const posts = await api.admin.collections.getOne('posts');
    await api.admin.collections.update('posts', { fields: [...posts.fields, { name: 'subtitle', type: 'text' }] });
    await api.admin.collections.create({ name: 'extras', ...OPEN, fields: [{ name: 'label', type: 'text' }] });
    for (const doc of [await superDoc(), await guestDoc()]) {
      expect(schemaOf(doc, 'posts').properties).toHaveProperty('subtitle');
      expect(doc.paths).toHaveProperty(['/api/collections/extras/records']);
    }
    // Opening a locked collection makes it public.
    await api.admin.collections.update('vault', { listRule: '' });
    expect((await guestDoc()).paths).toHaveProperty(['/api/collections/vault/records']);
  });
});

describe.runIf(testBackends.includes('postgres'))('openapi document across two instances on one PostgreSQL', () => {
  let db: TestDatabase;
  let one: TestServer, two: TestServer;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    one = await startTestServer({ backend: 'postgres', database: db });
    two = await startTestServer({ backend: 'postgres', database: db });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await db?.dispose();
  });

  it("rebuilds after another instance's schema change", async () => {
    const admin = new PocketBase(one.url).autoCancellation(false);
    await admin.collection('_superusers').authWithPassword(one.superuser.email, one.superuser.password);
    expect((await fetchDocument(two.url)).doc.paths).not.toHaveProperty(['/api/collections/elsewhere/records']);
    await admin.collections.create({ name: 'elsewhere', ...OPEN, fields: [{ name: 'label', type: 'text' }] });
    await eventually(async () => {
      expect((await fetchDocument(two.url)).doc.paths).toHaveProperty(['/api/collections/elsewhere/records']);
    });
  });
});
