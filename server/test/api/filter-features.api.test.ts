/**
 * The filter/rule language end to end through the SDK: functions, macros, modifiers, special sorts and every
 * `@request.*` source, on each storage backend.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/test-database.js';
import { type Api, expectApiError, signUp, startApi } from './api-fixture.js';

describe.each(testBackends)('filter language features on %s', (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(backend);
    await api.admin.collections.create({
      name: 'places',
      listRule: '',
      viewRule: '',
      createRule: '',
      fields: [
        { name: 'name', type: 'text' },
        { name: 'loc', type: 'geoPoint' },
        { name: 'when', type: 'date' },
        { name: 'labels', type: 'select', values: ['x', 'y', 'z'], maxSelect: 3 },
        { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
      ],
    });
    const pb = api.admin.collection('places');
    await pb.create({ name: 'Sofia', loc: { lon: 23.32, lat: 42.69 }, when: '2026-01-15 10:00:00.000Z', labels: ['x', 'y'] });
    await pb.create({ name: 'Plovdiv', loc: { lon: 24.75, lat: 42.14 }, when: '2025-06-01 00:00:00.000Z', labels: ['y'] });
    await pb.create({ name: 'Paris', loc: { lon: 2.35, lat: 48.85 }, when: '', labels: [] });
  });
  afterAll(() => api?.close());

  const names = async (filter: string, sort = 'name') => (await api.guest().collection('places').getFullList({ filter, sort })).map((r) => r.name);

  it('computes geoDistance and strftime', async () => {
    expect(await names('geoDistance(loc.lon, loc.lat, 23.32, 42.69) < 200')).toEqual(['Plovdiv', 'Sofia']);
    expect(await names("strftime('%Y', when) = '2026'")).toEqual(['Sofia']);
    expect(await names("strftime('%Y-%m', when) = ''")).toEqual(['Paris']);
  });

  it('supports :lower, :each, :length and datetime macros', async () => {
    expect(await names('name:lower = "paris"')).toEqual(['Paris']);
    expect(await names('labels:each ?= "x"')).toEqual(['Sofia']);
    expect(await names('labels:each = "y"')).toEqual(['Paris', 'Plovdiv']);
    expect(await names('labels:length >= 1')).toEqual(['Plovdiv', 'Sofia']);
    expect(await names('created >= @todayStart && created <= @todayEnd && when != "" && when < @now')).toEqual(['Plovdiv', 'Sofia']);
    expect(await names('@year >= 2026 && name = "Paris"')).toEqual(['Paris']);
  });

  it('sorts by @rowid and @random', async () => {
    const byRow = await api.guest().collection('places').getFullList({ sort: '-@rowid' });
    expect(byRow.map((r) => r.name)).toEqual(['Paris', 'Plovdiv', 'Sofia']);
    const random = await api.guest().collection('places').getFullList({ sort: '@random' });
    expect(random.map((r) => r.name).sort()).toEqual(['Paris', 'Plovdiv', 'Sofia']);
  });

  it('evaluates @request.headers, query, method, body, :isset and :changed in rules', async () => {
    await api.admin.collections.create({
      name: 'guarded',
      listRule: '@request.headers.x_team = "red" || @request.query.token = "open"',
      viewRule: '@request.method = "GET"',
      createRule: '@request.body.title:isset = true && @request.body.title != "forbidden"',
      updateRule: '@request.body.status:changed = false',
      fields: [{ name: 'title', type: 'text' }, { name: 'status', type: 'text' }],
    });
    const guest = api.guest();
    const rec = await guest.collection('guarded').create({ title: 'ok', status: 'draft' });
    await expectApiError(guest.collection('guarded').create({ status: 'no title' }), 400);
    await expectApiError(guest.collection('guarded').create({ title: 'forbidden' }), 400);

    expect(await guest.collection('guarded').getFullList()).toEqual([]);
    expect((await guest.collection('guarded').getFullList({ headers: { 'X-Team': 'red' } })).length).toBe(1);
    expect((await guest.collection('guarded').getFullList({ query: { token: 'open' } })).length).toBe(1);
    expect((await guest.collection('guarded').getOne(rec.id)).title).toBe('ok');

    expect((await guest.collection('guarded').update(rec.id, { title: 'renamed', status: 'draft' })).title).toBe('renamed');
    await expectApiError(guest.collection('guarded').update(rec.id, { status: 'published' }), 404);
  });

  it('evaluates @request.auth fields and @request.context', async () => {
    await api.admin.collections.create({
      name: 'ctx_only',
      listRule: '',
      createRule: '@request.context = "batch" && @request.auth.name = "Batcher"',
      fields: [{ name: 'v', type: 'number' }],
    });
    await api.admin.settings.update({ batch: { enabled: true } });
    const { pb } = await signUp(api, `batcher-${backend}@example.com`, 'batcher-pass-1', { name: 'Batcher' });
    await expectApiError(pb.collection('ctx_only').create({ v: 1 }), 400);
    const batch = pb.createBatch();
    batch.collection('ctx_only').create({ v: 2 });
    expect((await batch.send())[0].status).toBe(200);
    expect((await api.guest().collection('ctx_only').getFullList()).map((r) => r.v)).toEqual([2]);
  });
});
