/**
 * Record lifecycle and request hooks of the plugin API, through the official SDK against a real Plinth per
 * backend: "before" hooks modify and abort (with their error, rolling the write back), priorities and
 * collection tags order and select handlers, "after" hooks run from committed events only and a failing one
 * never breaks the request (logged and counted), request hooks wrap list/view/auth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEventId } from '../../src/events/domain-event.js';
import type { PlinthPlugin, RecordAfterEvent } from '../../src/plugins/plugin-api.js';
import { apiError, startPluginServer, testBackends, waitFor, type PluginServer } from './plugin-server.js';

function hooksPlugin(seen: { created: RecordAfterEvent[]; updatedAttempts: number }): PlinthPlugin {
  return {
    name: 'hooks-test',
    register(api) {
      // Outer (runs first) and inner handlers record their order into the body the built-in create saves.
      api.hooks.onRecordCreate(async (e, next) => {
        e.body.trail = `${e.body.trail ?? ''}outer,`;
        await next();
      }, { collections: ['posts'], priority: -10 });
      api.hooks.onRecordCreate(async (e, next) => {
        e.body.trail = `${e.body.trail ?? ''}inner,`;
        await next();
      }, { collections: ['posts'], priority: 10 });
      api.hooks.onRecordCreate(async (e, next) => {
        e.body.trail = `${e.body.trail ?? ''}comments-only,`;
        await next();
      }, { collections: ['comments'] });

      api.hooks.onRecordCreate(async (e, next) => {
        const title = String(e.body.title ?? '');
        if (title.includes('forbidden')) {
          throw api.errors.badRequest('Titles may not say that.', { title: api.errors.fieldError('no_forbidden', 'Pick another title.') });
        }
        if (title === 'crash') throw new Error('internal detail that must not leak');
        e.body.slug = title.toLowerCase().replace(/\s+/g, '-');
        await next();
        // A related write in the same transaction, then a veto after the built-in write: both roll back.
        await api.records.within(e).create('notes', { text: `created ${e.record!.id}` });
        if (title === 'veto after save') throw api.errors.forbidden('Vetoed after save.');
      }, { collections: ['posts'] });

      api.hooks.onRecordUpdate(async (e, next) => {
        if (typeof e.body.title === 'string') e.body.title = e.body.title.trim();
        await next();
      }, { collections: ['posts'] });

      api.hooks.onRecordDelete(async (e, next) => {
        const post = await api.records.within(e).view('posts', e.id);
        if (post.pinned) throw api.errors.forbidden('Pinned posts stay.');
        await next();
      }, { collections: ['posts'] });

      api.hooks.onRecordAfterCreate((e) => void seen.created.push(e), { collections: ['posts'], id: 'remember' });
      api.hooks.onRecordAfterUpdate(() => {
        seen.updatedAttempts++;
        throw new Error('after hook exploded');
      }, { collections: ['posts'], id: 'explode' });

      api.hooks.onRecordsListRequest(async (e, next) => {
        if (e.request.query.blocked === '1') throw api.errors.forbidden('Listing blocked by a plugin.');
        await next();
        e.response.body = { ...(e.response.body as object), hookedBy: 'hooks-test' };
      }, { collections: ['posts'] });
      api.hooks.onRecordViewRequest(async (e, next) => {
        await next();
        if (e.response.status === 200) (e.response.body as Record<string, unknown>).viewedBy = e.request.caller.isSuperuser ? 'superuser' : 'guest';
      }, { collections: ['posts'] });
      api.hooks.onRecordAuthRequest(async (e, next) => {
        if (e.request.body.identity === 'blocked@example.com') throw api.errors.badRequest('This account is blocked by a plugin.');
        await next();
        (e.response.body as Record<string, unknown>).authHook = e.request.params.authAction;
      }, { collections: ['users'] });
    },
  };
}

describe.each(testBackends)('plugin hooks (%s)', (backend) => {
  let server: PluginServer;
  const seen = { created: [] as RecordAfterEvent[], updatedAttempts: 0 };
  const logs: string[] = [];

  beforeAll(async () => {
    server = await startPluginServer({ backend, plugins: [{ plugin: hooksPlugin(seen) }], logs });
    const open = { listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '' };
    await server.admin.collections.create({
      name: 'posts',
      type: 'base',
      ...open,
      fields: [
        { name: 'title', type: 'text' },
        { name: 'slug', type: 'text' },
        { name: 'trail', type: 'text' },
        { name: 'pinned', type: 'bool' },
      ],
    });
    await server.admin.collections.create({ name: 'comments', type: 'base', ...open, fields: [{ name: 'trail', type: 'text' }] });
    await server.admin.collections.create({ name: 'notes', type: 'base', fields: [{ name: 'text', type: 'text' }] });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('runs before-create hooks in priority order, only for their collections, and saves what they changed', async () => {
    const post = await server.guest().collection('posts').create({ title: 'Hello Plugin World' });
    expect(post.slug).toBe('hello-plugin-world');
    expect(post.trail).toBe('outer,inner,');
    const comment = await server.guest().collection('comments').create({});
    expect(comment.trail).toBe('comments-only,');
    const notes = await server.admin.collection('notes').getFullList();
    expect(notes.map((n) => n.text)).toContain(`created ${post.id}`);
  });

  it('aborts with the hook error in the PocketBase envelope, and writes nothing', async () => {
    const before = await server.admin.collection('posts').getList(1, 1);
    const err = await apiError(server.guest().collection('posts').create({ title: 'a forbidden word' }));
    expect(err.status).toBe(400);
    expect(err.response).toEqual({
      status: 400,
      message: 'Titles may not say that.',
      data: { title: { code: 'no_forbidden', message: 'Pick another title.' } },
    });
    const plain = await apiError(server.guest().collection('posts').create({ title: 'crash' }));
    expect(plain.status).toBe(400);
    expect(plain.response).toEqual({ status: 400, message: 'Failed to create record.', data: {} });
    expect((await server.admin.collection('posts').getList(1, 1)).totalItems).toBe(before.totalItems);
  });

  it('rolls the write and the hook’s own writes back when a hook throws after next()', async () => {
    const notesBefore = (await server.admin.collection('notes').getList(1, 1)).totalItems;
    const err = await apiError(server.guest().collection('posts').create({ title: 'veto after save' }));
    expect(err.status).toBe(403);
    expect(err.response.message).toBe('Vetoed after save.');
    expect(await server.admin.collection('posts').getFullList({ filter: 'title = "veto after save"' })).toHaveLength(0);
    expect((await server.admin.collection('notes').getList(1, 1)).totalItems).toBe(notesBefore);
    // Rolled back means no committed event either: the after hook never hears of it.
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen.created.some((e) => e.record.title === 'veto after save')).toBe(false);
  });

  it('wraps update and delete', async () => {
    const post = await server.guest().collection('posts').create({ title: 'to edit' });
    expect((await server.guest().collection('posts').update(post.id, { title: '   trimmed   ' })).title).toBe('trimmed');
    await server.admin.collection('posts').update(post.id, { pinned: true });
    const err = await apiError(server.guest().collection('posts').delete(post.id));
    expect(err.status).toBe(403);
    expect(err.response.message).toBe('Pinned posts stay.');
    await server.admin.collection('posts').update(post.id, { pinned: false });
    await server.guest().collection('posts').delete(post.id);
    expect(await apiError(server.guest().collection('posts').getOne(post.id)).then((e) => e.status)).toBe(404);
  });

  it('applies before hooks to batch writes and plugin-made writes alike', async () => {
    await server.admin.settings.update({ batch: { enabled: true, maxRequests: 10, timeout: 5, maxBodySize: 0 } });
    const batch = server.guest().createBatch();
    batch.collection('posts').create({ title: 'From Batch' });
    const [result] = await batch.send();
    expect(result.body.slug).toBe('from-batch');
    const rejected = server.guest().createBatch();
    rejected.collection('posts').create({ title: 'fine' });
    rejected.collection('posts').create({ title: 'forbidden too' });
    expect((await apiError(rejected.send())).status).toBe(400);
    expect(await server.admin.collection('posts').getFullList({ filter: 'title = "fine"' })).toHaveLength(0);
  });

  it('runs after-create hooks from the committed event, once', async () => {
    const post = await server.guest().collection('posts').create({ title: 'after me' });
    const event = await waitFor(() => seen.created.find((e) => e.record.id === post.id), 'the after-create hook');
    expect(event.collection.name).toBe('posts');
    expect(event.eventId).toMatch(/^evt_/);
    await new Promise((r) => setTimeout(r, 1000));
    expect(seen.created.filter((e) => e.record.id === post.id)).toHaveLength(1);
  });

  it('skips event types it has no hook point for (other versions, odd names) and keeps consuming', async () => {
    const occurredAt = new Date().toISOString();
    const odd = ['constructor', 'toString', '__proto__', 'record.restored', 'plugin.custom'].map((type) => ({ id: newEventId(), type, data: {}, occurredAt }));
    await server.app.storage.appendEvents(odd);
    const post = await server.guest().collection('posts').create({ title: 'after odd events' });
    await waitFor(() => seen.created.find((e) => e.record.id === post.id), 'the after hook of a change behind the odd events');
  });

  it('never lets a failing after hook break the request: it is logged and counted', async () => {
    const post = await server.guest().collection('posts').create({ title: 'update me' });
    const updated = await server.guest().collection('posts').update(post.id, { title: 'updated' });
    expect(updated.title).toBe('updated');
    await waitFor(() => seen.updatedAttempts >= 1, 'the failing after hook to run');
    const metric = await server.app.metrics.registry.getSingleMetric('plinth_plugin_hook_failures_total')!.get();
    const failures = metric.values.find((v) => v.labels.plugin === 'hooks-test' && v.labels.hook === 'recordAfterUpdate');
    expect(failures?.value).toBeGreaterThanOrEqual(1);
    await waitFor(() => logs.some((l) => l.includes('plugin after hook failed') && l.includes('after hook exploded')), 'the failure log line');
  });

  it('wraps the list, view and auth endpoints with request hooks', async () => {
    const list = await server.guest().send('/api/collections/posts/records', {});
    expect(list.hookedBy).toBe('hooks-test');
    expect(Array.isArray(list.items)).toBe(true);
    const blocked = await apiError(server.guest().send('/api/collections/posts/records', { query: { blocked: '1' } }));
    expect(blocked.response).toEqual({ status: 403, message: 'Listing blocked by a plugin.', data: {} });
    // Tagged by collection: other collections are untouched.
    expect((await server.guest().send('/api/collections/comments/records', {})).hookedBy).toBeUndefined();

    const post = await server.guest().collection('posts').create({ title: 'view me' });
    expect((await server.guest().collection('posts').getOne(post.id)).viewedBy).toBe('guest');
    expect((await server.admin.collection('posts').getOne(post.id)).viewedBy).toBe('superuser');
    expect((await apiError(server.guest().collection('posts').getOne('nope'))).status).toBe(404);

    await server.admin.collection('users').create({ email: 'u1@example.com', password: 'secret-pass-1', passwordConfirm: 'secret-pass-1' });
    const auth = await server.guest().send('/api/collections/users/auth-with-password', {
      method: 'POST',
      body: { identity: 'u1@example.com', password: 'secret-pass-1' },
    });
    expect(auth.token).toBeTruthy();
    expect(auth.authHook).toBe('auth-with-password');
    const refused = await apiError(server.guest().collection('users').authWithPassword('blocked@example.com', 'whatever-123'));
    expect(refused.response).toEqual({ status: 400, message: 'This account is blocked by a plugin.', data: {} });
  });
});
