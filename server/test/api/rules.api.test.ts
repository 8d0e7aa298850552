import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/test-database.js';
import { type Api, expectApiError, signUp, startApi } from './api-fixture.js';

/** The rule status matrix of the contract (2.8) and the client filter restrictions (2.1). */
describe.each(testBackends)('access rules on %s', (backend) => {
  let api: Api;
  let alice: Awaited<ReturnType<typeof signUp>>;
  let bob: Awaited<ReturnType<typeof signUp>>;
  beforeAll(async () => {
    api = await startApi(backend);
    alice = await signUp(api, `alice-${backend}@example.com`, 'alice-pass-1', { name: 'Alice' });
    bob = await signUp(api, `bob-${backend}@example.com`, 'bob-pass-12', { name: 'Bob' });
    await api.admin.collections.create({ name: 'locked', fields: [{ name: 't', type: 'text' }] });
    await api.admin.collections.create({
      name: 'owned',
      listRule: 'owner = @request.auth.id',
      viewRule: 'owner = @request.auth.id',
      createRule: '@request.auth.id != "" && owner = @request.auth.id',
      updateRule: 'owner = @request.auth.id && @request.body.owner:isset = false',
      deleteRule: 'owner = @request.auth.id',
      fields: [
        { name: 't', type: 'text' },
        { name: 'owner', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
      ],
    });
    await api.admin.collections.create({
      name: 'members',
      listRule: '',
      fields: [
        { name: 'user', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
        { name: 'team', type: 'text' },
      ],
    });
    await api.admin.collections.create({
      name: 'team_docs',
      listRule: '@collection.members.user ?= @request.auth.id && @collection.members.team ?= team',
      fields: [{ name: 'team', type: 'text' }, { name: 't', type: 'text' }],
    });
  });
  afterAll(() => api?.close());

  it('null rules lock collections to superusers (403)', async () => {
    await expectApiError(alice.pb.collection('locked').getList(), 403);
    await expectApiError(alice.pb.collection('locked').create({ t: 'x' }), 403);
    const rec = await api.admin.collection('locked').create({ t: 'x' });
    await expectApiError(alice.pb.collection('locked').getOne(rec.id), 403);
    await expectApiError(alice.pb.collection('locked').update(rec.id, { t: 'y' }), 403);
    await expectApiError(alice.pb.collection('locked').delete(rec.id), 403);
    expect((await api.admin.collection('locked').getList()).items).toHaveLength(1);
  });

  it('expression rules: list filters, view/update/delete 404, create 400', async () => {
    const mine = await alice.pb.collection('owned').create({ t: 'a1', owner: alice.record.id });
    await bob.pb.collection('owned').create({ t: 'b1', owner: bob.record.id });
    const err = await expectApiError(bob.pb.collection('owned').create({ t: 'forged', owner: alice.record.id }), 400);
    expect(err.response).toEqual({ status: 400, message: 'Failed to create record.', data: {} });
    await expectApiError(api.guest().collection('owned').create({ t: 'guest' }), 400);

    expect((await alice.pb.collection('owned').getFullList()).map((r) => r.t)).toEqual(['a1']);
    expect(await api.guest().collection('owned').getFullList()).toEqual([]);
    await expectApiError(bob.pb.collection('owned').getOne(mine.id), 404);
    await expectApiError(bob.pb.collection('owned').update(mine.id, { t: 'hacked' }), 404);
    await expectApiError(bob.pb.collection('owned').delete(mine.id), 404);
    await expectApiError(alice.pb.collection('owned').update(mine.id, { owner: bob.record.id }), 404);
    expect((await alice.pb.collection('owned').update(mine.id, { t: 'a2' })).t).toBe('a2');
    expect((await api.admin.collection('owned').getFullList()).length).toBe(2);
  });

  it('correlates ?= conditions on the same @collection alias', async () => {
    await api.admin.collection('members').create({ user: alice.record.id, team: 'red' });
    await api.admin.collection('members').create({ user: bob.record.id, team: 'blue' });
    await api.admin.collection('team_docs').create({ team: 'red', t: 'red doc' });
    await api.admin.collection('team_docs').create({ team: 'blue', t: 'blue doc' });
    expect((await alice.pb.collection('team_docs').getFullList()).map((r) => r.t)).toEqual(['red doc']);
    expect((await bob.pb.collection('team_docs').getFullList()).map((r) => r.t)).toEqual(['blue doc']);
  });

  it('restricts client filters: no @request / @collection, no hidden fields, hops honour list rules', async () => {
    const e1 = await expectApiError(alice.pb.collection('members').getList(1, 10, { filter: '@request.auth.id != ""' }), 403);
    expect(e1.response.message).toMatch(/Only superusers can filter by @request/);
    await expectApiError(alice.pb.collection('members').getList(1, 10, { filter: '@collection.members.team ?= "red"' }), 403);
    await expectApiError(alice.pb.collection('members').getList(1, 10, { filter: 'user.tokenKey != ""' }), 400);
    // users.listRule is `id = @request.auth.id`: Alice may only traverse to her own user record
    const viaHop = await alice.pb.collection('members').getFullList({ filter: 'user.name ?~ "o"' });
    expect(viaHop).toEqual([]);
    const own = await alice.pb.collection('members').getFullList({ filter: 'user.name = "Alice"' });
    expect(own).toHaveLength(1);
    // superusers may use everything
    expect((await api.admin.collection('members').getFullList({ filter: '@request.auth.id != ""' })).length).toBe(2);
  });

  it('treats an invalid token as a guest', async () => {
    const pb = api.guest();
    pb.authStore.save('not.a.valid.token', null);
    expect(await pb.collection('owned').getFullList()).toEqual([]);
    await expectApiError(pb.collection('locked').getList(), 403);
  });
});
