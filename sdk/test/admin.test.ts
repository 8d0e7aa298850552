import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlinthError } from '../src/index.js';
import { startHarness, type Harness } from './support/plinth.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('collections admin', () => {
  it('creates, lists, updates, truncates and deletes collections', async () => {
    const c = await h.admin.collections.create({ name: 'notes', type: 'base', fields: [{ name: 'body', type: 'text' }] });
    expect(c).toMatchObject({ name: 'notes', type: 'base' });
    const all = await h.admin.collections.getFull();
    expect(all.map((x) => x.name)).toContain('notes');
    const page = await h.admin.collections.list({ filter: 'name = "notes"' });
    expect(page.items).toHaveLength(1);
    const updated = await h.admin.collections.update('notes', { listRule: '' });
    expect(updated.listRule).toBe('');
    await h.admin.collection('notes').create({ body: 'x' });
    await h.admin.collections.truncate('notes');
    expect((await h.admin.collection('notes').list()).totalItems).toBe(0);
    const scaffolds = await h.admin.collections.getScaffolds();
    expect(scaffolds.auth.type).toBe('auth');
    await h.admin.collections.delete('notes');
    await expect(h.admin.collections.getOne('notes')).rejects.toMatchObject({ status: 404 });
  });

  it('imports collections', async () => {
    await h.admin.collections.import([{ name: 'imported', type: 'base', fields: [{ name: 'x', type: 'number' }] }]);
    expect((await h.admin.collections.getOne('imported')).fields.map((f) => f.name)).toContain('x');
  });

  it('refuses guests with 401', async () => {
    const err = await h.guest().collections.list().catch((e) => e);
    expect(err).toBeInstanceOf(PlinthError);
    expect(err.status).toBe(401);
  });
});

describe('settings and health', () => {
  it('reads and patches settings', async () => {
    const s = await h.admin.settings.get();
    expect(s.meta).toBeTypeOf('object');
    const next = await h.admin.settings.update({ meta: { appName: 'SDK test' } });
    expect(next.meta.appName).toBe('SDK test');
    expect((await h.admin.health()).code).toBe(200);
  });
});

describe('batch', () => {
  it('runs writes in one transaction and rolls back on failure', async () => {
    await h.admin.settings.update({ batch: { enabled: true } });
    await h.admin.collections.create({ name: 'items', type: 'base', fields: [{ name: 'name', type: 'text', required: true }] });
    const b = h.admin.batch();
    b.collection('items').create({ name: 'one' });
    b.collection('items').create({ name: 'two' });
    const res = await b.send();
    expect(res.map((r) => r.status)).toEqual([200, 200]);
    const one = res[0].body as { id: string };
    const bad = h.admin.batch();
    bad.collection('items').update(one.id, { name: 'changed' });
    bad.collection('items').create({});
    const err = await bad.send().catch((e) => e);
    expect(err).toBeInstanceOf(PlinthError);
    expect(err.status).toBe(400);
    expect(Object.keys((err.data as { requests: object }).requests)).toEqual(['1']);
    expect((await h.admin.collection('items').getOne(one.id)).name).toBe('one');
    const up = h.admin.batch();
    up.collection('items').upsert({ id: one.id, name: 'upserted' });
    up.collection('items').delete(one.id);
    expect((await up.send()).map((r) => r.status)).toEqual([200, 204]);
  });
});
