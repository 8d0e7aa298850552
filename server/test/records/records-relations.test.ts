/** Relations: existence checks, delete cascade and required-reference blocking, truncate, expand. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord } from '../../src/core/records/record-create.js';
import { deleteRecord } from '../../src/core/records/record-delete.js';
import { listRecords } from '../../src/core/records/record-list.js';
import { truncateRecords } from '../../src/core/records/record-truncate.js';
import { updateRecord } from '../../src/core/records/record-update.js';
import { viewRecord } from '../../src/core/records/record-view.js';
import { type RecordsFixture, open, rejection, startRecordsFixture } from './records-fixture.js';

describe('records relations', () => {
  let fx: RecordsFixture;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    fx = await startRecordsFixture();
    const authors = await fx.collection({ name: 'authors', ...open, fields: [{ name: 'name', type: 'text' }] });
    const tags = await fx.collection({ name: 'tags', ...open, viewRule: 'label != "secret"', fields: [{ name: 'label', type: 'text' }] });
    const posts = await fx.collection({
      name: 'posts',
      ...open,
      fields: [
        { name: 'title', type: 'text' },
        { name: 'author', type: 'relation', collectionId: authors.id, maxSelect: 1 },
        { name: 'tags', type: 'relation', collectionId: tags.id, maxSelect: 5 },
      ],
    });
    await fx.collection({
      name: 'comments',
      ...open,
      fields: [
        { name: 'message', type: 'text' },
        { name: 'post', type: 'relation', collectionId: posts.id, maxSelect: 1, required: true, cascadeDelete: true },
      ],
    });
    await fx.collection({ name: 'pins', ...open, fields: [{ name: 'post', type: 'relation', collectionId: posts.id, maxSelect: 1, required: true }] });
    await fx.collection({
      name: 'summaries',
      ...open,
      fields: [{ name: 'post', type: 'relation', collectionId: posts.id, maxSelect: 1 }, { name: 'text', type: 'text' }],
      indexes: ['CREATE UNIQUE INDEX idx_summaries_post ON summaries (post)'],
    });
    await fx.collection({ name: 'audits', fields: [{ name: 'post', type: 'relation', collectionId: posts.id, maxSelect: 1 }] });
    ids.ann = (await fx.seed('authors', { name: 'Ann' })).id;
    ids.red = (await fx.seed('tags', { label: 'red' })).id;
    ids.blue = (await fx.seed('tags', { label: 'blue' })).id;
    ids.hush = (await fx.seed('tags', { label: 'secret' })).id;
    ids.p1 = (await fx.seed('posts', { title: 'one', author: ids.ann, tags: [ids.red, ids.hush, ids.blue] })).id;
    ids.p2 = (await fx.seed('posts', { title: 'two' })).id;
    ids.c1 = (await fx.seed('comments', { message: 'hi', post: ids.p1 })).id;
    ids.c2 = (await fx.seed('comments', { message: 'bye', post: ids.p1 })).id;
    ids.s1 = (await fx.seed('summaries', { post: ids.p1, text: 'sum' })).id;
    await fx.seed('audits', { post: ids.p1 });
  }, 120_000);
  afterAll(() => fx?.close());

  it('rejects relation ids that do not exist', async () => {
    const err = await rejection(createRecord(fx.guest(), 'posts', { title: 'x', author: 'doesnotexist123' }));
    expect(err.status).toBe(400);
    expect(err.data.author.code).toBe('validation_missing_rel_records');
    const multi = await rejection(updateRecord(fx.guest(), 'posts', ids.p2, { 'tags+': ['missingmissing1'] }));
    expect(multi.data.tags.code).toBe('validation_missing_rel_records');
  });

  it('expands single, multiple and back relations through the target viewRule', async () => {
    const post = await viewRecord(fx.guest(), 'posts', ids.p1, { expand: 'author, tags,comments_via_post,summaries_via_post,audits_via_post' });
    const expand = post.expand as Record<string, any>;
    expect(expand.author).toMatchObject({ id: ids.ann, name: 'Ann', collectionName: 'authors' });
    // the tag hidden by its viewRule is dropped silently; order follows the relation value
    expect(expand.tags.map((t: { label: string }) => t.label)).toEqual(['red', 'blue']);
    expect(expand.comments_via_post.map((c: { id: string }) => c.id).sort()).toEqual([ids.c1, ids.c2].sort());
    // a single relation with a unique index expands to one object
    expect(expand.summaries_via_post).toMatchObject({ id: ids.s1, text: 'sum' });
    // locked viewRule (null): omitted for non-superusers
    expect(expand).not.toHaveProperty('audits_via_post');
    const asAdmin = await viewRecord(fx.superuser(), 'posts', ids.p1, { expand: 'audits_via_post,tags' });
    expect((asAdmin.expand as any).audits_via_post).toHaveLength(1);
    expect((asAdmin.expand as any).tags).toHaveLength(3);
  });

  it('expands nested paths and sets an empty expand where nothing resolved', async () => {
    const comment = await viewRecord(fx.guest(), 'comments', ids.c1, { expand: 'post.author,post.tags' });
    const post = (comment.expand as any).post;
    expect(post.id).toBe(ids.p1);
    expect(post.expand.author.name).toBe('Ann');
    const list = await listRecords(fx.guest(), 'posts', { expand: 'author,nosuchfield', sort: 'title' });
    expect(list.items.map((r) => r.expand)).toEqual([{ author: expect.objectContaining({ id: ids.ann }) }, {}]);
    const plain = await viewRecord(fx.guest(), 'posts', ids.p2);
    expect(plain).not.toHaveProperty('expand');
    const created = await createRecord(fx.guest(), 'posts', { title: 'three', author: ids.ann }, { expand: 'author' });
    expect((created.expand as any).author.id).toBe(ids.ann);
  });

  it('blocks deletes referenced by a required relation and cascades otherwise', async () => {
    const pinned = (await fx.seed('posts', { title: 'pinned' })).id;
    await fx.seed('pins', { post: pinned });
    const err = await rejection(deleteRecord(fx.guest(), 'posts', pinned));
    expect(err).toMatchObject({
      status: 400,
      message: 'Failed to delete record. Make sure that the record is not part of a required relation reference.',
    });
    expect((await viewRecord(fx.guest(), 'posts', pinned)).id).toBe(pinned);

    // removing a tag shortens the multiple relation instead of deleting the post
    await deleteRecord(fx.superuser(), 'tags', ids.blue);
    expect((await viewRecord(fx.guest(), 'posts', ids.p1)).tags).toEqual([ids.red, ids.hush]);

    // comments cascade with their post; optional single references are cleared
    await deleteRecord(fx.guest(), 'posts', ids.p1);
    expect((await rejection(viewRecord(fx.guest(), 'comments', ids.c1))).status).toBe(404);
    expect((await rejection(viewRecord(fx.guest(), 'comments', ids.c2))).status).toBe(404);
    expect((await viewRecord(fx.guest(), 'summaries', ids.s1)).post).toBe('');
  });

  it('truncates with the same cascade, superusers only', async () => {
    expect((await rejection(truncateRecords(fx.guest(), 'comments'))).status).toBe(403);
    const post = (await fx.seed('posts', { title: 'doomed' })).id;
    await fx.seed('comments', { message: 'c', post });
    const blocked = await rejection(truncateRecords(fx.superuser(), 'posts'));
    expect(blocked.status).toBe(400);
    expect((await listRecords(fx.superuser(), 'posts', {})).totalItems).toBeGreaterThan(0);
    await truncateRecords(fx.superuser(), 'pins');
    await truncateRecords(fx.superuser(), 'posts');
    expect((await listRecords(fx.superuser(), 'posts', {})).totalItems).toBe(0);
    expect((await listRecords(fx.superuser(), 'comments', {})).totalItems).toBe(0);
  });
});
