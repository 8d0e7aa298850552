import type { CollectionModel } from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/test-database.js';
import { type Api, PB_DATE, expectApiError, signUp, startApi } from './api-fixture.js';

describe.each(testBackends)('collections API on %s', (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(backend);
  });
  afterAll(() => api?.close());

  it('ships _superusers and users as PocketBase does', async () => {
    const su = await api.admin.collections.getOne('_superusers');
    expect(su).toMatchObject({ id: 'pbc_3142635823', type: 'auth', system: true, listRule: null });
    const users = await api.admin.collections.getOne('users');
    expect(users).toMatchObject({ id: '_pb_users_auth_', type: 'auth', createRule: '' });
    expect(users.fields.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(['id', 'password', 'tokenKey', 'email', 'emailVisibility', 'verified', 'name', 'created', 'updated']),
    );
    // token secrets are write-only
    expect(JSON.stringify(users)).not.toMatch(/"secret"/);
  });

  it('is superuser only: guests get 401, other auth records 403', async () => {
    await expectApiError(api.guest().collections.getFullList(), 401);
    const { pb } = await signUp(api, `coll-${backend}@example.com`);
    await expectApiError(pb.collections.getFullList(), 403);
  });

  it('creates a base collection with every field type and serves records shaped per type', async () => {
    const col = await api.admin.collections.create({
      name: 'kitchen',
      type: 'base',
      listRule: '',
      viewRule: '',
      createRule: '',
      fields: [
        { name: 'title', type: 'text', required: true, max: 20 },
        { name: 'body', type: 'editor' },
        { name: 'count', type: 'number', onlyInt: true },
        { name: 'done', type: 'bool' },
        { name: 'contact', type: 'email' },
        { name: 'site', type: 'url' },
        { name: 'due', type: 'date' },
        { name: 'kind', type: 'select', values: ['a', 'b', 'c'], maxSelect: 1 },
        { name: 'labels', type: 'select', values: ['x', 'y', 'z'], maxSelect: 3 },
        { name: 'meta', type: 'json' },
        { name: 'where', type: 'geoPoint' },
        { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
        { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
      ],
    });
    expect(col.id).toMatch(/^pbc_\d+$/);
    expect(col.created).toMatch(PB_DATE);

    const empty = await api.guest().collection('kitchen').create({ title: 'only title' });
    expect(empty).toMatchObject({
      collectionId: col.id,
      collectionName: 'kitchen',
      title: 'only title',
      body: '',
      count: 0,
      done: false,
      contact: '',
      site: '',
      due: '',
      kind: '',
      labels: [],
      meta: null,
      where: { lon: 0, lat: 0 },
    });
    expect(empty.id).toMatch(/^[a-z0-9]{15}$/);
    expect(empty.created).toMatch(PB_DATE);
    expect(empty.updated).toMatch(PB_DATE);

    const full = await api.guest().collection('kitchen').create({
      title: 'full',
      count: '42',
      done: true,
      contact: 'a@example.com',
      site: 'https://example.com',
      due: '2025-03-01T10:20:30Z',
      kind: 'b',
      labels: ['x', 'z', 'x'],
      meta: { deep: [1, 2, { k: 'v' }] },
      where: { lon: 23.32, lat: 42.69 },
    });
    expect(full).toMatchObject({
      count: 42,
      done: true,
      due: '2025-03-01 10:20:30.000Z',
      kind: 'b',
      labels: ['x', 'z'],
      meta: { deep: [1, 2, { k: 'v' }] },
      where: { lon: 23.32, lat: 42.69 },
    });
  });

  it('rejects bad field values with PocketBase field errors', async () => {
    const err = await expectApiError(
      api.guest().collection('kitchen').create({ title: '', count: 1.5, contact: 'nope', kind: 'q', labels: ['x', 'w'] }),
      400,
    );
    expect(err.response.message).toBe('Failed to create record.');
    expect(Object.keys(err.response.data).sort()).toEqual(['contact', 'count', 'kind', 'labels', 'title']);
    expect(err.response.data.title.code).toBe('validation_required');
    expect(err.response.data.kind.code).toBe('validation_invalid_value');
  });

  it('updates the schema: add, rename and remove fields, existing rows get defaults', async () => {
    await api.admin.collections.create({ name: 'evolve', listRule: '', viewRule: '', fields: [{ name: 'a', type: 'text' }, { name: 'b', type: 'number' }] });
    const rec = await api.admin.collection('evolve').create({ a: 'keep me', b: 5 });
    const col = await api.admin.collections.getOne('evolve');
    const fields = col.fields.map((f: Record<string, unknown>) => (f.name === 'a' ? { ...f, name: 'renamed' } : f)).filter((f: Record<string, unknown>) => f.name !== 'b');
    fields.push({ name: 'flag', type: 'bool' }, { name: 'added', type: 'text' });
    await api.admin.collections.update('evolve', { fields });
    const after = await api.admin.collection('evolve').getOne(rec.id);
    expect(after.renamed).toBe('keep me');
    expect(after.flag).toBe(false);
    expect(after.added).toBe('');
    expect('b' in after).toBe(false);
    expect('a' in after).toBe(false);
  });

  it('renames a collection and keeps its records', async () => {
    await api.admin.collections.create({ name: 'before_name', listRule: '', fields: [{ name: 't', type: 'text' }] });
    await api.admin.collection('before_name').create({ t: 'x' });
    await api.admin.collections.update('before_name', { name: 'after_name' });
    const list = await api.admin.collection('after_name').getFullList();
    expect(list.map((r) => r.t)).toEqual(['x']);
    await expectApiError(api.admin.collection('before_name').getFullList(), 404);
  });

  it('applies SQLite-style index strings as real unique indexes', async () => {
    await api.admin.collections.create({
      name: 'slugs',
      listRule: '',
      createRule: '',
      fields: [{ name: 'slug', type: 'text' }],
      indexes: ['CREATE UNIQUE INDEX `idx_slug` ON `slugs` (`slug` COLLATE NOCASE)'],
    });
    await api.guest().collection('slugs').create({ slug: 'Hello' });
    const err = await expectApiError(api.guest().collection('slugs').create({ slug: 'hello' }), 400);
    expect(err.response.data.slug.code).toBe('validation_not_unique');
  });

  it('validates collection definitions', async () => {
    const err = await expectApiError(api.admin.collections.create({ name: 'bad name!', fields: [{ name: 'x', type: 'nope' }] }), 400);
    expect(err.response.message).toBe('Failed to create collection.');
    expect(err.response.data.name).toBeDefined();
    const dup = await expectApiError(api.admin.collections.create({ name: 'USERS' }), 400);
    expect(dup.response.data.name).toBeDefined();
    const badRule = await expectApiError(api.admin.collections.create({ name: 'ruled', listRule: 'nope = ' }), 400);
    expect(badRule.response.data.listRule).toBeDefined();
  });

  it('refuses to delete system collections and relation targets, then deletes', async () => {
    await expectApiError(api.admin.collections.delete('_superusers'), 400);
    await api.admin.collections.create({ name: 'target' });
    await api.admin.collections.create({ name: 'pointer', fields: [{ name: 'ref', type: 'relation', collectionId: (await api.admin.collections.getOne('target')).id, maxSelect: 1 }] });
    await expectApiError(api.admin.collections.delete('target'), 400);
    await api.admin.collections.delete('pointer');
    await api.admin.collections.delete('target');
    await expectApiError(api.admin.collections.getOne('target'), 404);
  });

  it('truncates, lists with filter and sort, imports and serves scaffolds', async () => {
    await api.admin.collections.create({ name: 'trunc', fields: [{ name: 't', type: 'text' }] });
    await api.admin.collection('trunc').create({ t: '1' });
    await api.admin.collections.truncate('trunc');
    expect(await api.admin.collection('trunc').getFullList()).toEqual([]);

    const page = await api.admin.collections.getList(1, 100, { filter: 'system = false && name ~ "trunc"', sort: '-name' });
    expect(page.items.map((c) => c.name)).toEqual(['trunc']);

    const scaffolds = await api.admin.collections.getScaffolds();
    expect(Object.keys(scaffolds).sort()).toEqual(['auth', 'base', 'view']);
    expect(scaffolds.auth.fields.some((f: { name: string }) => f.name === 'tokenKey')).toBe(true);

    const imported = [{ name: 'imported_one', type: 'base', fields: [{ name: 'v', type: 'number' }] }] as unknown as CollectionModel[];
    await api.admin.collections.import(imported, false);
    expect((await api.admin.collections.getOne('imported_one')).fields.some((f: { name: string }) => f.name === 'v')).toBe(true);
  });
});
