import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/test-database.js';
import { type Api, expectApiError, startApi } from './api-fixture.js';

/** Relations: filters across hops, back-relations, expand, cascade and required-reference protection. */
describe.each(testBackends)('relations on %s', (backend) => {
  let api: Api;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    api = await startApi(backend);
    const open = { listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '' };
    const authors = await api.admin.collections.create({ name: 'authors', ...open, fields: [{ name: 'name', type: 'text' }, { name: 'country', type: 'text' }] });
    const tags = await api.admin.collections.create({ name: 'tags', ...open, fields: [{ name: 'label', type: 'text' }] });
    const posts = await api.admin.collections.create({
      name: 'posts',
      ...open,
      fields: [
        { name: 'title', type: 'text' },
        { name: 'author', type: 'relation', collectionId: authors.id, maxSelect: 1 },
        { name: 'tags', type: 'relation', collectionId: tags.id, maxSelect: 5 },
        { name: 'meta', type: 'json' },
      ],
    });
    await api.admin.collections.create({
      name: 'comments',
      ...open,
      fields: [
        { name: 'message', type: 'text' },
        { name: 'post', type: 'relation', collectionId: posts.id, maxSelect: 1, required: true, cascadeDelete: true },
      ],
    });
    await api.admin.collections.create({
      name: 'pins',
      ...open,
      fields: [{ name: 'post', type: 'relation', collectionId: posts.id, maxSelect: 1, required: true }],
    });
    const pb = api.admin;
    ids.ann = (await pb.collection('authors').create({ name: 'Ann', country: 'BG' })).id;
    ids.bob = (await pb.collection('authors').create({ name: 'Bob', country: 'FR' })).id;
    ids.red = (await pb.collection('tags').create({ label: 'red' })).id;
    ids.blue = (await pb.collection('tags').create({ label: 'blue' })).id;
    ids.p1 = (await pb.collection('posts').create({ title: 'one', author: ids.ann, tags: [ids.red, ids.blue], meta: { lang: 'en', n: 3 } })).id;
    ids.p2 = (await pb.collection('posts').create({ title: 'two', author: ids.bob, tags: [ids.red], meta: { lang: 'fr', n: 10 } })).id;
    ids.p3 = (await pb.collection('posts').create({ title: 'three', tags: [] })).id;
    ids.c1 = (await pb.collection('comments').create({ message: 'hi there', post: ids.p1 })).id;
    ids.c2 = (await pb.collection('comments').create({ message: 'bye', post: ids.p1 })).id;
  });
  afterAll(() => api?.close());

  const titles = async (filter: string, sort = 'title') =>
    (await api.guest().collection('posts').getFullList({ filter, sort })).map((r) => r.title);

  it('filters through single and multiple relations with ALL and ANY semantics', async () => {
    expect(await titles('author.country = "BG"')).toEqual(['one']);
    expect(await titles('author.name != "Ann"')).toEqual(['three', 'two']);
    expect(await titles('tags.label ?= "blue"')).toEqual(['one']);
    // plain = over a multiple relation means "every linked tag", and an empty set passes
    expect(await titles('tags.label = "red"')).toEqual(['three', 'two']);
    expect(await titles('tags:length = 2')).toEqual(['one']);
    expect(await titles('tags:length = 0')).toEqual(['three']);
  });

  it('filters by back-relations, json paths and with bound parameters', async () => {
    expect(await titles('comments_via_post.message ?~ "there"')).toEqual(['one']);
    expect(await titles('meta.lang = "fr" || meta.n > 5')).toEqual(['two']);
    const pb = api.guest();
    const filter = pb.filter('title = {:t} && author.name ~ {:n}', { t: 'one', n: 'an' });
    expect(await titles(filter)).toEqual(['one']);
    expect(await titles(pb.filter('title = {:t}', { t: `o'ne" || 1=1 --` }))).toEqual([]);
  });

  it('sorts by a related field', async () => {
    const sorted = await api.guest().collection('posts').getFullList({ sort: '-author.name,title' });
    expect(sorted.map((r) => r.title)).toEqual(['two', 'one', 'three']);
  });

  it('expands relations, nested paths and back-relations', async () => {
    const post = await api.guest().collection('posts').getOne(ids.p1, { expand: 'author,tags,comments_via_post' });
    expect(post.expand?.author).toMatchObject({ id: ids.ann, name: 'Ann', collectionName: 'authors' });
    expect(post.expand?.tags.map((t: { label: string }) => t.label)).toEqual(['red', 'blue']);
    expect(post.expand?.comments_via_post.map((c: { id: string }) => c.id).sort()).toEqual([ids.c1, ids.c2].sort());
    const comment = await api.guest().collection('comments').getOne(ids.c1, { expand: 'post.author' });
    expect(comment.expand?.post.expand?.author.name).toBe('Ann');
    const list = await api.guest().collection('posts').getList(1, 10, { expand: 'author', sort: 'title' });
    const three = list.items.find((r) => r.title === 'three')!;
    expect(three.expand).toEqual({});
  });

  it('rejects relation ids that do not exist', async () => {
    const err = await expectApiError(api.guest().collection('posts').create({ title: 'x', author: 'doesnotexist123' }), 400);
    expect(err.response.data.author.code).toBe('validation_missing_rel_records');
  });

  it('blocks deletes referenced by a required relation and cascades otherwise', async () => {
    const pinned = (await api.admin.collection('posts').create({ title: 'pinned' })).id;
    await api.admin.collection('pins').create({ post: pinned });
    const err = await expectApiError(api.guest().collection('posts').delete(pinned), 400);
    expect(err.response.message).toBe('Failed to delete record. Make sure that the record is not part of a required relation reference.');
    expect((await api.admin.collection('posts').getOne(pinned)).id).toBe(pinned);

    // tag removal shortens the multiple relation of posts instead of deleting them
    await api.guest().collection('tags').delete(ids.blue);
    expect((await api.guest().collection('posts').getOne(ids.p1)).tags).toEqual([ids.red]);

    // comments cascade with their post
    await api.guest().collection('posts').delete(ids.p1);
    await expectApiError(api.guest().collection('comments').getOne(ids.c1), 404);
    await expectApiError(api.guest().collection('comments').getOne(ids.c2), 404);
  });
});
