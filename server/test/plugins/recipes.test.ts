/** The plugin recipes (src/plugins/recipes/) run as documented, in a real Plinth per backend, through the SDK. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import recipeCollectionGuard from '../../src/plugins/recipes/recipe-collection-guard.js';
import recipeMyStats from '../../src/plugins/recipes/recipe-my-stats.js';
import recipeNotify from '../../src/plugins/recipes/recipe-notify.js';
import recipeSlug from '../../src/plugins/recipes/recipe-slug.js';
import recipeSoftDelete from '../../src/plugins/recipes/recipe-soft-delete.js';
import { apiError, sdkClient, startPluginServer, testBackends, waitFor, type PluginServer } from './plugin-server.js';

describe.each(testBackends)('plugin recipes (%s)', (backend) => {
  let server: PluginServer;

  beforeAll(async () => {
    server = await startPluginServer({
      backend,
      plugins: [{ plugin: recipeSlug, config: { collection: 'articles' } }, { plugin: recipeSoftDelete }, { plugin: recipeNotify }, { plugin: recipeMyStats }, { plugin: recipeCollectionGuard }],
    });
    const open = { listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '' };
    await server.admin.collections.create({
      name: 'articles',
      type: 'base',
      ...open,
      deleteRule: 'locked = false',
      fields: [{ name: 'title', type: 'text' }, { name: 'slug', type: 'text' }, { name: 'deleted', type: 'bool' }, { name: 'locked', type: 'bool' }],
    });
    const users = await server.admin.collections.getOne('users');
    const owned = { listRule: '', viewRule: '', createRule: '@request.auth.id != ""', updateRule: 'author = @request.auth.id' };
    const posts = await server.admin.collections.create({
      name: 'posts',
      type: 'base',
      ...owned,
      fields: [{ name: 'title', type: 'text' }, { name: 'author', type: 'relation', collectionId: users.id, maxSelect: 1 }],
    });
    await server.admin.collections.create({
      name: 'comments',
      type: 'base',
      ...owned,
      fields: [{ name: 'post', type: 'relation', collectionId: posts.id, maxSelect: 1 }, { name: 'author', type: 'relation', collectionId: users.id, maxSelect: 1 }],
    });
    await server.admin.collections.create({
      name: 'notifications',
      type: 'base',
      listRule: 'user = @request.auth.id',
      fields: [{ name: 'user', type: 'relation', collectionId: users.id, maxSelect: 1 }, { name: 'text', type: 'text' }],
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function user(email: string) {
    await server.admin.collection('users').create({ email, password: 'secret-pass-1', passwordConfirm: 'secret-pass-1' });
    const pb = sdkClient(server.url);
    await pb.collection('users').authWithPassword(email, 'secret-pass-1');
    return { pb, id: pb.authStore.record!.id };
  }

  it('recipe-slug fills the slug on create and update', async () => {
    const a = await server.guest().collection('articles').create({ title: 'Héllo, Plugin World!' });
    expect(a.slug).toBe('hello-plugin-world');
    expect((await server.guest().collection('articles').update(a.id, { slug: '', title: 'Second Title' })).slug).toBe('second-title');
  });

  it('recipe-soft-delete flags instead of deleting, keeps the rule, and hides flagged records', async () => {
    const a = await server.guest().collection('articles').create({ title: 'soft' });
    await server.guest().collection('articles').delete(a.id);
    expect((await server.admin.collection('articles').getOne(a.id)).deleted).toBe(true);
    const visible = await server.guest().collection('articles').getFullList();
    expect(visible.map((r) => r.id)).not.toContain(a.id);
    expect((await server.admin.collection('articles').getFullList()).map((r) => r.id)).toContain(a.id);
    const locked = await server.admin.collection('articles').create({ title: 'locked', locked: true });
    expect((await apiError(server.guest().collection('articles').delete(locked.id))).status).toBe(404);
    expect((await server.admin.collection('articles').getOne(locked.id)).deleted).toBe(false);
  });

  it('recipe-notify tells the post author about new comments, after commit', async () => {
    const author = await user('author@example.com');
    const reader = await user('reader@example.com');
    const post = await author.pb.collection('posts').create({ title: 'My post', author: author.id });
    await reader.pb.collection('comments').create({ post: post.id, author: reader.id });
    const [note] = await waitFor(async () => {
      const items = await author.pb.collection('notifications').getFullList();
      return items.length ? items : null;
    }, 'the notification');
    expect(note.text).toBe('New comment on "My post"');
    expect(await reader.pb.collection('notifications').getFullList()).toHaveLength(0);
  });

  it('recipe-my-stats answers users only, with rules, settings and the error envelope', async () => {
    const me = await user('stats@example.com');
    const other = await user('stats-other@example.com');
    const mine = await me.pb.collection('posts').create({ title: 'one', author: me.id });
    await other.pb.collection('posts').create({ title: 'theirs', author: other.id });
    expect(await me.pb.send('/api/recipes/my-stats', { query: { canEdit: mine.id } })).toEqual({ label: 'Your posts', posts: 1, canEdit: true });
    expect((await other.pb.send('/api/recipes/my-stats', { query: { canEdit: mine.id } })).canEdit).toBe(false);
    expect((await apiError(server.guest().send('/api/recipes/my-stats', {}))).status).toBe(401);
    expect((await apiError(server.admin.send('/api/recipes/my-stats', {}))).status).toBe(403);
    const bad = await apiError(me.pb.send('/api/recipes/my-stats', { query: { canEdit: '../x' } }));
    expect(bad.response).toEqual({ status: 400, message: 'Invalid data.', data: { canEdit: { code: 'validation_invalid_id', message: 'Must be a record id.' } } });
    await server.admin.send('/api/plugins/recipe-my-stats/settings', { method: 'PATCH', body: { label: 'Posts by you' } });
    expect((await me.pb.send('/api/recipes/my-stats', {})).label).toBe('Posts by you');
  });

  it('recipe-collection-guard gives new base collections an owner and refuses to drop collections with records', async () => {
    const shelf = await server.admin.collections.create({ name: 'shelf', type: 'base', fields: [{ name: 'title', type: 'text' }] });
    expect(shelf.fields.find((f) => f.name === 'owner')).toMatchObject({ type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 });
    const owner = await user('shelf-owner@example.com');
    const book = await server.admin.collection('shelf').create({ title: 'mine', owner: owner.id });
    expect(book.owner).toBe(owner.id);
    const err = await apiError(server.admin.collections.delete('shelf'));
    expect(err.response).toEqual({ status: 400, message: 'Delete the records of "shelf" before deleting the collection.', data: {} });
    expect((await server.admin.collection('shelf').getOne(book.id)).title).toBe('mine');
    await server.admin.collection('shelf').delete(book.id);
    await server.admin.collections.delete('shelf');
    expect((await apiError(server.admin.collections.getOne('shelf'))).status).toBe(404);
  });
});
