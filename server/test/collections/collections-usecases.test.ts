import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltinCollections, superusersCollection } from '../../src/core/collections/collection-builtins.js';
import { createCollection } from '../../src/core/collections/collection-create.js';
import { deleteCollection } from '../../src/core/collections/collection-delete.js';
import { importCollections } from '../../src/core/collections/collection-import.js';
import { listCollections } from '../../src/core/collections/collection-list.js';
import { updateCollection } from '../../src/core/collections/collection-update.js';
import { viewCollection } from '../../src/core/collections/collection-view.js';
import { AppError } from '../../src/core/errors.js';
import { defaultCollectionId } from '../../src/core/ids.js';
import { testBackends } from '../support/test-database.js';
import { collectionsFixture, type CollectionsFixture } from './collections-fixture.js';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

const datetime = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$/;

describe.each(testBackends)('collection use cases on %s', (backend) => {
  let fx: CollectionsFixture;
  beforeAll(async () => {
    fx = await collectionsFixture(backend);
  });
  afterAll(async () => {
    await fx?.close();
  });

  describe('built-in collections', () => {
    it('exist after start, with PocketBase ids', () => {
      const su = fx.app.collections.get('_superusers')!;
      expect(su.id).toBe('pbc_3142635823');
      expect(su.system).toBe(true);
      expect(su.authToken!.duration).toBe(86400);
      expect(su.authToken!.secret).toHaveLength(50);
      const users = fx.app.collections.get('USERS')!;
      expect(users.id).toBe('_pb_users_auth_');
      expect(users.listRule).toBe('id = @request.auth.id');
      expect(users.createRule).toBe('');
    });

    it('are created once even when instances start together', async () => {
      const [a, b] = [fx.sibling(), fx.sibling()];
      await Promise.all([ensureBuiltinCollections(a), ensureBuiltinCollections(b)]);
      const stored = await fx.app.storage.listCollections();
      expect(stored.filter((s) => s.id === superusersCollection().id)).toHaveLength(1);
    });
  });

  describe('create / view / update / delete', () => {
    it('creates a collection from the scaffold and serialises it without secrets', async () => {
      const created = await createCollection(fx.app, {
        name: 'posts',
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'views', type: 'number' },
          { name: 'created', type: 'autodate', onCreate: true },
        ],
        indexes: ['CREATE INDEX `idx_title` ON `posts` (`title`)'],
        listRule: '',
      });
      expect(created.id).toBe(defaultCollectionId('base', 'posts'));
      expect(created.created).toMatch(datetime);
      expect(created.fields.map((f) => f.name)).toEqual(['id', 'title', 'views', 'created']);
      expect(fx.app.collections.get('posts')?.id).toBe(created.id);
      expect((await viewCollection(fx.app, 'POSTS')).name).toBe('posts');

      const members = await createCollection(fx.app, { name: 'members', type: 'auth' });
      expect(members.authToken).toEqual({ duration: 432000 });
      expect(fx.app.collections.get('members')!.authToken!.secret).toHaveLength(50);
      expect(members.indexes).toHaveLength(2);
    });

    it('rejects invalid definitions with PocketBase errors', async () => {
      const err = await rejection(createCollection(fx.app, { name: 'Posts' }));
      expect(err.status).toBe(400);
      expect(err.message).toBe('Failed to create collection.');
      expect(err.data).toMatchObject({ name: { code: 'validation_collection_name_exists' } });
      expect((await rejection(createCollection(fx.app, 'nope'))).status).toBe(400);
      expect((await rejection(viewCollection(fx.app, 'missing'))).status).toBe(404);
    });

    it('updates: rename, new field, and stored rows survive', async () => {
      const posts = fx.app.collections.get('posts')!;
      await fx.app.storage.insert(fx.app.collections.table(posts), { id: 'abcdefghijklmno', title: 'Hello', views: 3, created: '' });

      const updated = await updateCollection(fx.app, 'posts', {
        name: 'articles',
        fields: [...posts.fields, { name: 'published', type: 'bool' }],
      });
      expect(updated.name).toBe('articles');
      expect(updated.id).toBe(posts.id);
      expect(updated.indexes).toEqual(['CREATE INDEX `idx_title` ON `articles` (`title`)']);
      expect(fx.app.collections.get('posts')).toBeUndefined();

      const articles = fx.app.collections.get('articles')!;
      const rows = await fx.app.storage.find({ table: fx.app.collections.table(articles) });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: 'abcdefghijklmno', title: 'Hello', views: 3, published: false });

      const err = await rejection(updateCollection(fx.app, 'articles', { type: 'auth' }));
      expect(err.message).toBe('Failed to update collection.');
    });

    it('keeps relations working across a rename of the target', async () => {
      await createCollection(fx.app, {
        name: 'comments',
        fields: [{ name: 'article', type: 'relation', collectionId: fx.app.collections.get('articles')!.id }],
        listRule: "article.title != ''",
      });
      await updateCollection(fx.app, 'articles', { name: 'stories' });
      expect(fx.app.collections.schema.collection('comments')!.fields.find((f) => f.name === 'article')!.relationTo).toBe(
        fx.app.collections.get('stories')!.id,
      );
    });

    it('refuses to delete system and referenced collections', async () => {
      expect((await rejection(deleteCollection(fx.app, '_superusers'))).message).toBe('Failed to delete collection.');
      const err = await rejection(deleteCollection(fx.app, 'stories'));
      expect(err.status).toBe(400);
      expect(err.message).toContain('comments');
      await deleteCollection(fx.app, 'comments');
      expect(fx.app.collections.get('comments')).toBeUndefined();
    });
  });

  describe('list', () => {
    it('filters, sorts and pages in memory', async () => {
      const all = await listCollections(fx.app, {});
      expect(all.totalItems).toBe(all.items.length);
      expect(all.items.some((c) => c.name === '_superusers')).toBe(true);
      expect(all.items.every((c) => !c.authToken?.secret)).toBe(true);

      const auth = await listCollections(fx.app, { filter: "type = 'auth' && system = false", sort: '-name' });
      expect(auth.items.map((c) => c.name)).toEqual(['users', 'members']);

      const paged = await listCollections(fx.app, { perPage: '1', page: '2', sort: 'name', skipTotal: 'true' });
      expect(paged).toMatchObject({ page: 2, perPage: 1, totalItems: -1, totalPages: -1 });
      expect(paged.items).toHaveLength(1);

      expect((await rejection(listCollections(fx.app, { filter: 'unknown = 1' }))).status).toBe(400);
    });
  });

  describe('import', () => {
    it('creates, updates and deletes missing collections in one go', async () => {
      const stories = fx.app.collections.get('stories')!;
      await importCollections(fx.app, [
        { ...stories, fields: stories.fields.filter((f) => f.name !== 'views') },
        { name: 'tags', fields: [{ name: 'label', type: 'text' }] },
        { name: 'links', fields: [{ name: 'tag', type: 'relation', collectionId: defaultCollectionId('base', 'tags') }] },
      ], true);
      expect(fx.app.collections.get('members')).toBeUndefined();
      expect(fx.app.collections.get('users')).toBeUndefined();
      expect(fx.app.collections.get('_superusers')).toBeDefined();
      expect(fx.app.collections.get('tags')).toBeDefined();
      expect(fx.app.collections.get('links')).toBeDefined();
      expect(fx.app.collections.get('stories')!.fields.some((f) => f.name === 'views')).toBe(false);
    });

    it('keeps unlisted fields without deleteMissing and rolls back on invalid input', async () => {
      const tags = fx.app.collections.get('tags')!;
      await importCollections(fx.app, [{ id: tags.id, name: 'tags', fields: [{ name: 'color', type: 'text' }] }], false);
      expect(fx.app.collections.get('tags')!.fields.map((f) => f.name).sort()).toEqual(['color', 'id', 'label']);

      const err = await rejection(importCollections(fx.app, [{ name: 'ok1' }, { name: 'bad name' }], false));
      expect(err.status).toBe(400);
      expect(fx.app.collections.get('ok1')).toBeUndefined();
    });
  });
});
