/** The audit-log plugin in a real Plinth, through the official SDK, on each test backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, sdkClient, startPluginServer, testBackends, waitFor, type PluginServer } from '../../../server/test/plugins/plugin-server.js';
import auditLog from '../src/index.js';

describe.each(testBackends)('audit-log plugin (%s)', (backend) => {
  let server: PluginServer;

  beforeAll(async () => {
    server = await startPluginServer({ backend, plugins: [{ plugin: auditLog }] });
    const open = { listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '' };
    const posts = await server.admin.collections.create({ name: 'posts', type: 'base', ...open, fields: [{ name: 'title', type: 'text' }, { name: 'views', type: 'number' }] });
    await server.admin.collections.create({
      name: 'comments',
      type: 'base',
      ...open,
      fields: [{ name: 'post', type: 'relation', collectionId: posts.id, maxSelect: 1, cascadeDelete: true }],
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  const entriesFor = (recordId: string) => server.admin.collection('_auditLog').getFullList({ filter: `recordId = "${recordId}"`, sort: 'occurredAt,created' });

  it('logs who created, changed and deleted what, with the field-level diff', async () => {
    await server.admin.collection('users').create({ email: 'ann@example.com', password: 'secret-pass-1', passwordConfirm: 'secret-pass-1' });
    const ann = sdkClient(server.url);
    const { record: annRecord } = await ann.collection('users').authWithPassword('ann@example.com', 'secret-pass-1');

    const post = await ann.collection('posts').create({ title: 'First', views: 1 });
    await ann.collection('posts').update(post.id, { title: 'First, edited' });
    await server.guest().collection('posts').update(post.id, { views: 2 });
    await server.admin.collection('posts').delete(post.id);

    const entries = await waitFor(async () => {
      const found = await entriesFor(post.id);
      return found.length === 4 ? found : null;
    }, 'four audit entries');
    expect(entries.map((e) => [e.action, e.actorKind, e.actorCollection, e.actorId])).toEqual([
      ['create', 'record', 'users', annRecord.id],
      ['update', 'record', 'users', annRecord.id],
      ['update', 'guest', '', ''],
      ['delete', 'record', '_superusers', server.admin.authStore.record!.id],
    ]);
    expect(entries[0].changes).toEqual({ title: { to: 'First' }, views: { to: 1 } });
    expect(entries[1].changes).toEqual({ title: { from: 'First', to: 'First, edited' } });
    expect(entries[2].changes).toEqual({ views: { from: 1, to: 2 } });
    expect(entries[3].changes).toEqual({ title: { from: 'First, edited' }, views: { from: 2 } });
    expect(entries.every((e) => e.recordCollection === 'posts' && /^evt_/.test(e.eventId) && e.occurredAt)).toBe(true);
  });

  it('attributes cascaded deletes to whoever deleted, and never logs hidden values', async () => {
    const post = await server.guest().collection('posts').create({ title: 'with comments' });
    const comment = await server.guest().collection('comments').create({ post: post.id });
    await server.guest().collection('posts').delete(post.id);
    const [cascaded] = await waitFor(async () => {
      const found = (await entriesFor(comment.id)).filter((e) => e.action === 'delete');
      return found.length ? found : null;
    }, 'the cascaded delete entry');
    expect(cascaded.actorKind).toBe('guest');

    const user = await server.admin.collection('users').create({ email: 'bo@example.com', password: 'secret-pass-1', passwordConfirm: 'secret-pass-1' });
    await server.admin.collection('users').update(user.id, { password: 'secret-pass-2', passwordConfirm: 'secret-pass-2' });
    const [update] = await waitFor(async () => {
      const found = (await entriesFor(user.id)).filter((e) => e.action === 'update');
      return found.length ? found : null;
    }, 'the password change entry');
    expect(update.changes.password).toEqual({ hidden: true });
    expect(JSON.stringify(await entriesFor(user.id))).not.toContain('$argon2');
  });

  it('keeps the log superuser-only and out of its own log', async () => {
    expect((await apiError(server.guest().collection('_auditLog').getList())).status).toBe(403);
    const own = await server.admin.collection('_auditLog').getFullList({ filter: 'recordCollection = "_auditLog"' });
    expect(own).toHaveLength(0);
  });
});
