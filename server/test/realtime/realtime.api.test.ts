import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../api/api-fixture.js';
import { collect, expectCount, signUp, sqlBackends, startRealtimeApi, waitFor, type RealtimeApi, type Received } from './realtime-fixture.js';

/** SSE subscriptions through the SDK: actions, rules per subscriber, options, auth capture, any write path. */
describe.each(sqlBackends)('realtime on %s', (backend) => {
  let api: RealtimeApi;
  beforeAll(async () => {
    api = await startRealtimeApi(backend);
    const users = await api.admin.collections.getOne('users');
    await api.admin.collections.create({
      name: 'posts',
      listRule: '',
      viewRule: '',
      createRule: '',
      updateRule: '',
      deleteRule: '',
      fields: [
        { name: 'title', type: 'text' },
        { name: 'secret', type: 'text', hidden: true },
      ],
    });
    const notes = await api.admin.collections.create({
      name: 'notes',
      listRule: 'owner = @request.auth.id',
      viewRule: 'owner = @request.auth.id',
      createRule: '@request.auth.id != ""',
      updateRule: 'owner = @request.auth.id',
      deleteRule: 'owner = @request.auth.id',
      fields: [
        { name: 'owner', type: 'relation', collectionId: users.id, maxSelect: 1 },
        { name: 'text', type: 'text' },
      ],
    });
    await api.admin.collections.create({
      name: 'comments',
      listRule: '',
      viewRule: '',
      fields: [{ name: 'note', type: 'relation', collectionId: notes.id, maxSelect: 1, cascadeDelete: true }],
    });
  });
  afterAll(() => api?.close());

  it('delivers create, update and delete after commit to a `c/*` subscriber', async () => {
    const got = await collect(api.client(), 'posts', '*');
    const writer = api.client();
    const rec = await writer.collection('posts').create({ title: 'one', secret: 's' });
    await writer.collection('posts').update(rec.id, { title: 'two' });
    await writer.collection('posts').delete(rec.id);
    await expectCount(got, 3, 'post events');
    expect(got.map((e) => e.action)).toEqual(['create', 'update', 'delete']);
    expect(got[1].record).toMatchObject({ id: rec.id, title: 'two', collectionName: 'posts' });
    // Serialised per subscriber: hidden fields only for superusers.
    expect(got[0].record).not.toHaveProperty('secret');
  });

  it('routes `c/{id}` topics and options (filter, fields) to the exact subscription string', async () => {
    const writer = api.client();
    const a = await writer.collection('posts').create({ title: 'a' });
    const b = await writer.collection('posts').create({ title: 'b' });
    const onlyA = await collect(api.client(), 'posts', a.id);
    const filtered = await collect(api.client(), 'posts', '*', { filter: 'title ~ "keep"', fields: 'id,title' });
    await writer.collection('posts').update(b.id, { title: 'b2' });
    await writer.collection('posts').update(a.id, { title: 'keep a' });
    await expectCount(onlyA, 1, 'events of record a');
    expect(onlyA[0].record.title).toBe('keep a');
    await expectCount(filtered, 1, 'filtered events');
    expect(filtered[0].record).toEqual({ id: a.id, title: 'keep a' });
  });

  it('checks the list/view rule per subscriber with the auth of its subscribe call', async () => {
    const ann = await signUp(api, 'ann-rt@example.com');
    const bob = await signUp(api, 'bob-rt@example.com');
    const annEvents = await collect(ann, 'notes', '*');
    const bobEvents = await collect(bob, 'notes', '*');
    const guestEvents = await collect(api.client(), 'notes', '*');
    const adminEvents = await collect(api.admin, 'notes', '*');
    const note = await ann.collection('notes').create({ owner: ann.authStore.record!.id, text: 'mine' });
    await ann.collection('notes').delete(note.id);
    await expectCount(annEvents, 2, "ann's note events");
    expect(annEvents.map((e) => e.action)).toEqual(['create', 'delete']);
    await expectCount(adminEvents, 2, 'superuser events');
    expect(bobEvents).toHaveLength(0);
    expect(guestEvents).toHaveLength(0);
  });

  it('broadcasts changes from batch and cascade', async () => {
    const ann = await signUp(api, 'cascade-rt@example.com');
    const note = await ann.collection('notes').create({ owner: ann.authStore.record!.id, text: 'parent' });
    const c1 = await api.admin.collection('comments').create({ note: note.id });
    const comments = await collect(api.client(), 'comments', '*');
    await api.admin.settings.update({ batch: { enabled: true } });
    const batch = api.admin.createBatch();
    batch.collection('comments').create({ note: note.id });
    await batch.send();
    await ann.collection('notes').delete(note.id);
    // c1 was created just before subscribing: its create event may still arrive (delivery is after commit).
    const afterSubscribe = (e: Received) => !(e.action === 'create' && e.record.id === c1.id);
    await expectCount(comments, 3, 'comment events', afterSubscribe);
    expect(comments.filter(afterSubscribe).map((e) => e.action)).toEqual(['create', 'delete', 'delete']);
    expect(comments.slice(1).map((e) => e.record.id)).toContain(c1.id);
  });

  it('drops the captured auth when its record is deleted', async () => {
    await api.admin.collections.create({ name: 'members', listRule: '@request.auth.id != ""', viewRule: '', fields: [{ name: 'n', type: 'text' }] });
    const cat = await signUp(api, 'cat-rt@example.com');
    const catId = cat.authStore.record!.id;
    const own = await collect(cat, 'users', catId);
    const members = await collect(cat, 'members', '*');
    await api.admin.collection('members').create({ n: 'first' });
    await expectCount(members, 1, 'member event while authenticated');
    await api.admin.collection('users').delete(catId);
    // The delete itself is judged with the auth the client had; afterwards the client is a guest.
    await expectCount(own, 1, 'own delete');
    expect(own[0].action).toBe('delete');
    await api.admin.collection('members').create({ n: 'second' });
    await expectCount(members, 1, 'member events after the auth was dropped');
  });

  it('refuses unknown clients and a change of auth on the subscribe call', async () => {
    const err = await expectApiError(api.client().send('/api/realtime', { method: 'POST', body: { clientId: 'nope', subscriptions: [] } }), 404);
    expect(err.response.message).toBe('Missing or invalid client id.');

    const dan = await signUp(api, 'dan-rt@example.com');
    await collect(dan, 'posts', '*');
    const clientId = dan.realtime.clientId;
    await waitFor(() => clientId !== '', 'client id');
    const guestPost = api.client().send('/api/realtime', { method: 'POST', body: { clientId, subscriptions: ['posts/*'] } });
    await expectApiError(guestPost, 403);
  });
});
