import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlinthError } from '../src/index.js';
import { startHarness, type Harness } from './support/plinth.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.admin.collections.create({
    name: 'posts',
    type: 'base',
    listRule: '',
    viewRule: '',
    createRule: '',
    updateRule: '',
    deleteRule: '',
    fields: [
      { name: 'title', type: 'text', required: true },
      { name: 'status', type: 'select', values: ['draft', 'published'], maxSelect: 1 },
      { name: 'tags', type: 'select', values: ['a', 'b', 'c'], maxSelect: 3 },
      { name: 'views', type: 'number' },
      { name: 'meta', type: 'json' },
    ],
  });
});
afterAll(() => h?.close());

describe('records CRUD', () => {
  it('creates, reads, lists, updates with modifiers and deletes', async () => {
    const posts = h.guest().collection('posts');
    const created = await posts.create({ title: 'Hello', status: 'draft', tags: ['a'], views: 1, meta: { k: [1, 2] } });
    expect(created).toMatchObject({ title: 'Hello', status: 'draft', tags: ['a'], views: 1, meta: { k: [1, 2] }, collectionName: 'posts' });
    expect(await posts.getOne(created.id)).toMatchObject({ id: created.id });
    const updated = await posts.update(created.id, { 'views+': 4, 'tags+': ['b'] });
    expect(updated).toMatchObject({ views: 5, tags: ['a', 'b'] });
    const page = await posts.list({ filter: (f) => f.and(f.eq('status', 'draft'), f.has('tags', 'b')), sort: ['-views'] });
    expect(page).toMatchObject({ page: 1, totalItems: 1 });
    expect(page.items[0].id).toBe(created.id);
    const first = await posts.getFirst((f) => f.eq('title', 'Hello'), { fields: ['id', 'title'] });
    expect(Object.keys(first).sort()).toEqual(['id', 'title']);
    await posts.delete(created.id);
    await expect(posts.getOne(created.id)).rejects.toMatchObject({ status: 404 });
  });

  it('pages through everything with getFull', async () => {
    const posts = h.admin.collection('posts');
    for (let i = 0; i < 7; i++) await posts.create({ title: `p${i}`, views: i });
    const all = await posts.getFull({ batch: 3, sort: 'views', filter: 'title ~ "p"' });
    expect(all.map((r) => r.title)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
  });

  it('reports validation errors as a PlinthError with field errors', async () => {
    const err = await h.guest().collection('posts').create({ status: 'nope' }).catch((e) => e);
    expect(err).toBeInstanceOf(PlinthError);
    expect(err.status).toBe(400);
    expect(err.message).toBe('Failed to create record.');
    expect(err.data.title.code).toBe('validation_required');
    expect(err.fieldErrors.status.code).toBe('validation_invalid_value');
  });

  it('getFirst answers 404 when nothing matches, and aborts through AbortSignal', async () => {
    const posts = h.guest().collection('posts');
    await expect(posts.getFirst((f) => f.eq('title', 'missing'))).rejects.toMatchObject({ status: 404 });
    const ctrl = new AbortController();
    ctrl.abort();
    const err = await posts.list({ signal: ctrl.signal }).catch((e) => e);
    expect(err).toBeInstanceOf(PlinthError);
    expect(err.isAbort).toBe(true);
  });
});
