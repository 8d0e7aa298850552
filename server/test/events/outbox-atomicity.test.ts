/**
 * Every change made through the API writes its domain events in the same transaction: committed with it,
 * dropped with it (failed validation, a rule rejecting an inserted row, a failed batch), and one event per
 * record a cascade touches.
 */
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommittedEvent } from '../../src/events/domain-event.js';
import { toCommittedEvent } from '../../src/events/domain-event.js';
import { expectApiError } from '../api/api-fixture.js';
import { testBackends } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe.each(testBackends)('outbox atomicity on %s', (backend) => {
  let server: TestServer;
  let admin: PocketBase;
  let guest: PocketBase;
  let mark = 0;

  /** Events committed since the last call. */
  async function newEvents(): Promise<CommittedEvent[]> {
    const rows = await server.app.storage.readEvents(mark, 10_000);
    if (rows.length) mark = rows[rows.length - 1].seq;
    return rows.map(toCommittedEvent);
  }
  const summary = (events: CommittedEvent[]) =>
    events.map((e) => `${e.type} ${e.data.collectionName}${'record' in e.data ? ` ${String(e.data.record.id)}` : ''}`);

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = new PocketBase(server.url);
    admin.autoCancellation(false);
    guest = new PocketBase(server.url);
    guest.autoCancellation(false);
    await admin.collection('_superusers').authWithPassword(server.superuser.email, server.superuser.password);
    mark = await server.app.storage.latestEventSeq();
  });
  afterAll(() => server?.close());

  it('writes collection events with each schema change', async () => {
    const open = { listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '' };
    const posts = await admin.collections.create({ name: 'posts', ...open, fields: [{ name: 'title', type: 'text', required: true }] });
    await admin.collections.create({
      name: 'comments',
      ...open,
      fields: [{ name: 'post', type: 'relation', collectionId: posts.id, maxSelect: 1, required: true, cascadeDelete: true }],
    });
    await admin.collections.create({
      name: 'tags',
      ...open,
      createRule: 'title = "ok"',
      fields: [
        { name: 'title', type: 'text' },
        { name: 'posts', type: 'relation', collectionId: posts.id, maxSelect: 5 },
      ],
    });
    await admin.collections.create({ name: 'scratch', fields: [] });
    await admin.collections.update('scratch', { listRule: '' });
    await admin.collections.delete('scratch');
    const events = await newEvents();
    expect(summary(events)).toEqual([
      'collection.created posts',
      'collection.created comments',
      'collection.created tags',
      'collection.created scratch',
      'collection.updated scratch',
      'collection.deleted scratch',
    ]);
    expect(events[0].data).toEqual({ collectionId: posts.id, collectionName: 'posts' });
  });

  it('writes record.created with the stored record, and nothing for a rejected write', async () => {
    const post = await guest.collection('posts').create({ title: 'hello' });
    const [created, ...rest] = await newEvents();
    expect(rest).toEqual([]);
    expect(created).toMatchObject({
      type: 'record.created',
      id: expect.stringMatching(/^evt_/),
      data: { collectionName: 'posts', record: { id: post.id, title: 'hello' } },
    });

    await expectApiError(guest.collection('posts').create({}), 400);
    // The rule is judged on the inserted row, then rolled back: its event goes with it.
    await expectApiError(guest.collection('tags').create({ title: 'not ok' }), 400);
    expect(await newEvents()).toEqual([]);
  });

  it('writes record.updated with the previous state', async () => {
    const post = await guest.collection('posts').create({ title: 'before' });
    await newEvents();
    await guest.collection('posts').update(post.id, { title: 'after' });
    const [updated] = await newEvents();
    expect(updated).toMatchObject({
      type: 'record.updated',
      data: { record: { id: post.id, title: 'after' }, previous: { id: post.id, title: 'before' } },
    });
  });

  it('writes the events of a batch only when the whole batch commits', async () => {
    await admin.settings.update({ batch: { enabled: true, maxRequests: 10 } });
    const failing = guest.createBatch();
    failing.collection('posts').create({ title: 'first' });
    failing.collection('posts').create({});
    await expectApiError(failing.send(), 400);
    expect(summary(await newEvents())).toEqual([]);

    const ok = guest.createBatch();
    ok.collection('posts').create({ title: 'a' });
    ok.collection('posts').create({ title: 'b' });
    const results = await ok.send();
    const events = await newEvents();
    expect(summary(events)).toEqual(results.map((r) => `record.created posts ${(r.body as { id: string }).id}`));
  });

  it('writes one event per record a cascading delete touches, in the same commit', async () => {
    const post = await guest.collection('posts').create({ title: 'doomed' });
    const other = await guest.collection('posts').create({ title: 'stays' });
    const c1 = await guest.collection('comments').create({ post: post.id });
    const c2 = await guest.collection('comments').create({ post: post.id });
    const tag = await guest.collection('tags').create({ title: 'ok', posts: [post.id, other.id] });
    await newEvents();

    await guest.collection('posts').delete(post.id);
    const events = await newEvents();
    expect(summary(events).sort()).toEqual(
      [`record.deleted comments ${c1.id}`, `record.deleted comments ${c2.id}`, `record.updated tags ${tag.id}`, `record.deleted posts ${post.id}`].sort(),
    );
    const tagEvent = events.find((e) => e.type === 'record.updated')!;
    expect(tagEvent.data).toMatchObject({ record: { posts: [other.id] }, previous: { posts: [post.id, other.id] } });
    expect(events.find((e) => e.data.collectionName === 'posts')?.data).toMatchObject({ record: { id: post.id, title: 'doomed' } });
  });

  it('writes record.deleted for every record of a truncated collection', async () => {
    await guest.collection('tags').create({ title: 'ok' });
    await guest.collection('tags').create({ title: 'ok' });
    const all = await admin.collection('tags').getFullList();
    expect(all.length).toBeGreaterThanOrEqual(2);
    await newEvents();
    await admin.collections.truncate('tags');
    expect(summary(await newEvents()).sort()).toEqual(all.map((t) => `record.deleted tags ${t.id}`).sort());
  });
});
