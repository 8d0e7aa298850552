import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, expectCount, signUp, sqlBackends, startRealtimeApi, waitFor, type RealtimeApi } from './realtime-fixture.js';

/** Creates made just before subscribing may still be delivered: the delete tests look at deletes only. */
const isDelete = (e: { action: string }) => e.action === 'delete';

/**
 * Delete events are access-checked before the row disappears: rules that follow relations (or join other
 * collections) decide deletes as they decide creates and updates. Also: captured auths die with their
 * collection's token secret, and the connection gauge follows the SSE clients.
 */
describe.each(sqlBackends)('realtime delete checks on %s', (backend) => {
  let api: RealtimeApi;
  // The checks run inside the delete's transaction, on its one connection: queries there go one at a time
  // (pg only queues concurrent ones, and warns that pg 9 will refuse them).
  const warnings: string[] = [];
  const onWarning = (w: Error) => void warnings.push(w.message);
  beforeAll(async () => {
    process.on('warning', onWarning);
    api = await startRealtimeApi(backend);
    const users = await api.admin.collections.getOne('users');
    const projects = await api.admin.collections.create({
      name: 'projects',
      listRule: 'owner = @request.auth.id',
      viewRule: 'owner = @request.auth.id',
      createRule: '@request.auth.id != ""',
      deleteRule: 'owner = @request.auth.id',
      fields: [{ name: 'owner', type: 'relation', collectionId: users.id, maxSelect: 1 }],
    });
    const hop = 'project.owner = @request.auth.id';
    await api.admin.collections.create({
      name: 'tasks',
      listRule: hop,
      viewRule: hop,
      createRule: hop,
      deleteRule: hop,
      fields: [
        { name: 'project', type: 'relation', collectionId: projects.id, maxSelect: 1, cascadeDelete: true },
        { name: 'title', type: 'text' },
      ],
    });
    await api.admin.collections.create({ name: 'grants', fields: [{ name: 'user', type: 'relation', collectionId: users.id, maxSelect: 1 }, { name: 'code', type: 'text' }] });
    await api.admin.collections.create({
      name: 'vault',
      listRule: '@collection.grants.user ?= @request.auth.id && @collection.grants.code ?= code',
      fields: [{ name: 'code', type: 'text' }],
    });
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await api?.close();
  });

  it('delivers deletes to subscribers allowed through a relation hop, and only to them', async () => {
    const ann = await signUp(api, 'ann-del@example.com');
    const bob = await signUp(api, 'bob-del@example.com');
    const project = await ann.collection('projects').create({ owner: ann.authStore.record!.id });
    const task = await ann.collection('tasks').create({ project: project.id, title: 't1' });
    const annAll = await collect(ann, 'tasks', '*');
    const annOne = await collect(ann, 'tasks', task.id);
    const annExpanded = await collect(ann, 'tasks', '*', { expand: 'project', fields: 'id,title,expand.project.owner' });
    const bobAll = await collect(bob, 'tasks', '*');
    const guest = await collect(api.client(), 'tasks', '*');
    await ann.collection('tasks').delete(task.id);
    await expectCount(annAll, 1, "ann's delete event on tasks/*", isDelete);
    expect(annAll.find(isDelete)).toMatchObject({ action: 'delete', record: { id: task.id, title: 't1' } });
    await expectCount(annOne, 1, "ann's delete event on tasks/{id}", isDelete);
    await expectCount(annExpanded, 1, "ann's expanded delete event", isDelete);
    expect(annExpanded.find(isDelete)!.record).toEqual({ id: task.id, title: 't1', expand: { project: { owner: ann.authStore.record!.id } } });
    expect(bobAll).toHaveLength(0);
    expect(guest).toHaveLength(0);
    expect(warnings.filter((w) => w.includes('already executing a query'))).toEqual([]);
  });

  it('decides cascaded deletes while the parent row still exists', async () => {
    const cara = await signUp(api, 'cara-del@example.com');
    const dave = await signUp(api, 'dave-del@example.com');
    const project = await cara.collection('projects').create({ owner: cara.authStore.record!.id });
    const t1 = await cara.collection('tasks').create({ project: project.id, title: 'a' });
    const t2 = await cara.collection('tasks').create({ project: project.id, title: 'b' });
    const caraTasks = await collect(cara, 'tasks', '*');
    const caraProjects = await collect(cara, 'projects', '*');
    const daveTasks = await collect(dave, 'tasks', '*');
    await cara.collection('projects').delete(project.id);
    await expectCount(caraTasks, 2, 'cascaded task deletes', isDelete);
    expect(caraTasks.filter(isDelete).map((e) => e.record.id).sort()).toEqual([t1.id, t2.id].sort());
    await expectCount(caraProjects, 1, 'project delete', isDelete);
    expect(daveTasks).toHaveLength(0);
  });

  it('decides deletes under @collection rules before the row goes', async () => {
    const eve = await signUp(api, 'eve-del@example.com');
    const fay = await signUp(api, 'fay-del@example.com');
    await api.admin.collection('grants').create({ user: eve.authStore.record!.id, code: 'k1' });
    const item = await api.admin.collection('vault').create({ code: 'k1' });
    const eveEvents = await collect(eve, 'vault', '*');
    const fayEvents = await collect(fay, 'vault', '*');
    await api.admin.collection('vault').delete(item.id);
    await expectCount(eveEvents, 1, 'vault delete for the granted user', isDelete);
    expect(eveEvents.find(isDelete)).toMatchObject({ action: 'delete', record: { id: item.id } });
    expect(fayEvents).toHaveLength(0);
  });

  it("drops captured auths when their collection's token secret changes", async () => {
    const gus = await signUp(api, 'gus-del@example.com');
    const gusId = gus.authStore.record!.id;
    const projects = await collect(gus, 'projects', '*');
    await api.admin.collection('projects').create({ owner: gusId });
    await expectCount(projects, 1, 'project event while authenticated');
    const users = await api.admin.collections.getOne('users');
    await api.admin.collections.update('users', { authToken: { ...users.authToken, secret: 'a-brand-new-secret-for-users-tokens-0123456789' } });
    await api.admin.collection('projects').create({ owner: gusId });
    // The client is a guest now: `owner = @request.auth.id` hides the new project.
    await expectCount(projects, 1, 'project events after the secret changed');
  });

  it('counts open realtime connections', async () => {
    const gauge = api.server.app.metrics.realtimeConnections;
    const value = async () => (await gauge.get()).values[0]?.value ?? 0;
    const before = await value();
    const pb = api.client();
    await pb.collection('projects').subscribe('*', () => undefined);
    await waitFor(() => pb.realtime.isConnected, 'connection');
    expect(await value()).toBe(before + 1);
    await pb.realtime.unsubscribe();
    const start = Date.now();
    while ((await value()) !== before && Date.now() - start < 15_000) await new Promise((r) => setTimeout(r, 50));
    expect(await value()).toBe(before);
  });
});
