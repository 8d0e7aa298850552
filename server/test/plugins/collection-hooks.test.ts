/**
 * Collection "before" hooks of the plugin API (onCollectionCreate/Update/Delete), through the official SDK
 * against a real Plinth per backend: handlers change the submitted body before next() and read the result
 * after it, run in priority order and only for their collections, and abort with their error's envelope.
 * An abort writes nothing: not the table, not the catalogue, not the committed event (where the storage has
 * transactions, also when the handler throws after next()).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionAfterEvent, PlinthPlugin } from '../../src/plugins/plugin-api.js';
import { apiError, startPluginServer, testBackends, waitFor, type PluginServer } from './plugin-server.js';

interface Seen {
  order: string[];
  created: CollectionAfterEvent[];
  vetoing: boolean;
}

function collectionHooksPlugin(seen: Seen): PlinthPlugin {
  return {
    name: 'collection-hooks-test',
    register(api) {
      api.hooks.onCollectionCreate(async (e, next) => {
        seen.order.push(`outer:${String(e.body.name)}`);
        await next();
      }, { priority: -10 });
      api.hooks.onCollectionCreate(async (e, next) => {
        seen.order.push(`inner:${String(e.body.name)}`);
        await next();
      }, { priority: 10 });

      // Tagged: only `shaped` gets a `note` field and a public list rule; the result is read after next().
      api.hooks.onCollectionCreate(async (e, next) => {
        e.body.fields = [...((e.body.fields as unknown[]) ?? []), { name: 'note', type: 'text' }];
        e.body.listRule = '';
        await next();
        await api.records.within(e).create(e.collection!.name, { note: `seeded by ${e.collection!.id}` });
      }, { collections: ['shaped'] });

      api.hooks.onCollectionCreate(async (e, next) => {
        const name = String(e.body.name);
        if (name === 'refused') throw api.errors.forbidden('No collection by that name.');
        if (name === 'crashing') throw new Error('internal detail that must not leak');
        await next();
        if (name === 'vetoed' && seen.vetoing) throw api.errors.badRequest('Vetoed after the DDL.', { name: api.errors.fieldError('vetoed', 'Pick another.') });
      });

      api.hooks.onCollectionUpdate(async (e, next) => {
        if (e.body.listRule === null) throw api.errors.badRequest('The list rule of guarded stays open.');
        e.body.viewRule = '';
        await next();
        if (e.collection!.fields.some((f) => f.name === 'vetoed')) throw new Error('refused after the DDL');
      }, { collections: ['guarded'] });

      api.hooks.onCollectionDelete(async (e, next) => {
        await next();
        if (e.collection.name === 'undeletable') throw api.errors.forbidden('Undeletable, after all.');
      });

      api.hooks.onCollectionAfterCreate((e) => void seen.created.push(e), { id: 'remember' });
    },
  };
}

describe.each(testBackends)('plugin collection hooks (%s)', (backend) => {
  let server: PluginServer;
  const seen: Seen = { order: [], created: [], vetoing: true };
  const transactional = () => server.app.storage.capabilities.transactions;
  /** Creates a collection and waits for its committed event: later events of aborted changes would come before it. */
  const createAndSettle = async (name: string) => {
    const created = await server.admin.collections.create({ name, type: 'base', fields: [{ name: 'title', type: 'text' }] });
    await waitFor(() => seen.created.some((e) => e.collectionId === created.id), `the after-create event of ${name}`);
    return created;
  };

  beforeAll(async () => {
    server = await startPluginServer({ backend, plugins: [{ plugin: collectionHooksPlugin(seen) }] });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('changes the submitted collection before next() and writes through the same transaction after it', async () => {
    const shaped = await server.admin.collections.create({ name: 'shaped', type: 'base', fields: [{ name: 'title', type: 'text' }] });
    expect(shaped.fields.map((f) => f.name)).toEqual(['id', 'title', 'note']);
    expect(shaped.listRule).toBe('');
    const [seed] = (await server.guest().collection('shaped').getList(1, 10)).items;
    expect(seed.note).toBe(`seeded by ${shaped.id}`);
    // Untagged collections are left as submitted.
    const plain = await server.admin.collections.create({ name: 'plain', type: 'base', fields: [{ name: 'title', type: 'text' }] });
    expect(plain.fields.map((f) => f.name)).toEqual(['id', 'title']);
    expect(plain.listRule).toBeNull();
  });

  it('runs handlers in priority order', async () => {
    seen.order.length = 0;
    await server.admin.collections.create({ name: 'ordered', type: 'base' });
    expect(seen.order).toEqual(['outer:ordered', 'inner:ordered']);
  });

  it('aborts with the handler’s error before next(), writing nothing', async () => {
    const refused = await apiError(server.admin.collections.create({ name: 'refused', type: 'base' }));
    expect(refused.response).toEqual({ status: 403, message: 'No collection by that name.', data: {} });
    const crashing = await apiError(server.admin.collections.create({ name: 'crashing', type: 'base' }));
    expect(crashing.response).toEqual({ status: 400, message: 'Failed to create collection.', data: {} });
    for (const name of ['refused', 'crashing']) expect((await apiError(server.admin.collections.getOne(name))).status).toBe(404);
  });

  it('rolls the DDL, the catalogue and the event back when a handler throws after next()', async () => {
    const vetoed = await apiError(server.admin.collections.create({ name: 'vetoed', type: 'base', fields: [{ name: 'title', type: 'text' }] }));
    expect(vetoed.response).toEqual({ status: 400, message: 'Vetoed after the DDL.', data: { name: { code: 'vetoed', message: 'Pick another.' } } });
    if (!transactional()) return;
    expect((await apiError(server.admin.collections.getOne('vetoed'))).status).toBe(404);
    expect(server.app.collections.get('vetoed')).toBeUndefined();
    // The committed-event stream is ordered: once a later change arrived, the vetoed one never will.
    await createAndSettle('after_veto');
    expect(seen.created.some((e) => e.collectionName === 'vetoed')).toBe(false);
    // The table is gone too, or creating it again would fail.
    seen.vetoing = false;
    expect((await server.admin.collections.create({ name: 'vetoed', type: 'base' })).name).toBe('vetoed');
  });

  it('wraps update: changes the patch, refuses, and rolls a late veto back', async () => {
    await server.admin.collections.create({ name: 'guarded', type: 'base', listRule: '', fields: [{ name: 'title', type: 'text' }] });
    const updated = await server.admin.collections.update('guarded', { createRule: '' });
    expect(updated).toMatchObject({ createRule: '', viewRule: '', listRule: '' });
    const refused = await apiError(server.admin.collections.update('guarded', { listRule: null }));
    expect(refused.response).toEqual({ status: 400, message: 'The list rule of guarded stays open.', data: {} });
    const fields = [...updated.fields, { name: 'vetoed', type: 'text' }];
    const late = await apiError(server.admin.collections.update('guarded', { fields }));
    expect(late.response).toEqual({ status: 400, message: 'Failed to update collection.', data: {} });
    if (!transactional()) return;
    expect((await server.admin.collections.getOne('guarded')).fields.map((f) => f.name)).toEqual(['id', 'title']);
    // The column was dropped with the rollback: a value for it is not stored.
    const record = await server.admin.collection('guarded').create({ title: 't', vetoed: 'x' });
    expect(record.vetoed).toBeUndefined();
  });

  it('wraps delete: a late veto keeps the collection and its records', async () => {
    await server.admin.collections.create({ name: 'undeletable', type: 'base', fields: [{ name: 'title', type: 'text' }] });
    const kept = await server.admin.collection('undeletable').create({ title: 'still here' });
    const err = await apiError(server.admin.collections.delete('undeletable'));
    expect(err.response).toEqual({ status: 403, message: 'Undeletable, after all.', data: {} });
    await server.admin.collections.delete('plain');
    expect((await apiError(server.admin.collections.getOne('plain'))).status).toBe(404);
    if (!transactional()) return;
    expect((await server.admin.collection('undeletable').getOne(kept.id)).title).toBe('still here');
  });
});
