/** The rule status matrix (contract 2.8) on the records use cases, against real storage. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord } from '../../src/core/records/record-create.js';
import { deleteRecord } from '../../src/core/records/record-delete.js';
import { listRecords } from '../../src/core/records/record-list.js';
import { updateRecord } from '../../src/core/records/record-update.js';
import { viewRecord } from '../../src/core/records/record-view.js';
import { type RecordsFixture, rejection, startRecordsFixture } from './records-fixture.js';

describe('records rules', () => {
  let fx: RecordsFixture;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    fx = await startRecordsFixture();
    alice = (await fx.seed('users', { email: 'alice@example.com', password: 'alice-pass-1', passwordConfirm: 'alice-pass-1' })).id;
    bob = (await fx.seed('users', { email: 'bob@example.com', password: 'bob-pass-12', passwordConfirm: 'bob-pass-12' })).id;
    await fx.collection({ name: 'locked', fields: [{ name: 't', type: 'text' }] });
    await fx.collection({
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
    await fx.collection({ name: 'public', listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '', fields: [{ name: 't', type: 'text' }] });
  }, 120_000);
  afterAll(() => fx?.close());

  it('answers 403 for every action on a null rule, while superusers bypass', async () => {
    const ctx = await fx.as('users', alice);
    const rec = await createRecord(fx.superuser(), 'locked', { t: 'x' });
    for (const call of [
      listRecords(ctx, 'locked', {}),
      viewRecord(ctx, 'locked', rec.id),
      createRecord(ctx, 'locked', { t: 'y' }),
      updateRecord(ctx, 'locked', rec.id, { t: 'y' }),
      deleteRecord(ctx, 'locked', rec.id),
    ]) {
      const err = await rejection(call);
      expect(err.status).toBe(403);
      expect(err.message).toBe('Only superusers can perform this action.');
    }
    expect((await listRecords(fx.superuser(), 'locked', {})).totalItems).toBe(1);
    expect((await updateRecord(fx.superuser(), 'locked', rec.id, { t: 'z' })).t).toBe('z');
  });

  it('treats an empty rule as public, also for guests', async () => {
    const guest = fx.guest();
    const rec = await createRecord(guest, 'public', { t: 'p' });
    expect((await viewRecord(guest, 'public', rec.id)).t).toBe('p');
    expect((await updateRecord(guest, 'public', rec.id, { t: 'q' })).t).toBe('q');
    expect((await listRecords(guest, 'public', {})).items.map((r) => r.t)).toEqual(['q']);
    await deleteRecord(guest, 'public', rec.id);
    expect((await rejection(viewRecord(guest, 'public', rec.id))).status).toBe(404);
  });

  it('applies expression rules: list filters, view/update/delete 404, create 400 with empty data', async () => {
    const a = await fx.as('users', alice);
    const b = await fx.as('users', bob);
    const mine = await createRecord(a, 'owned', { t: 'a1', owner: alice });
    await createRecord(b, 'owned', { t: 'b1', owner: bob });

    const forged = await rejection(createRecord(b, 'owned', { t: 'forged', owner: alice }));
    expect(forged).toMatchObject({ status: 400, message: 'Failed to create record.', data: {} });
    expect((await rejection(createRecord(fx.guest(), 'owned', { t: 'guest' }))).status).toBe(400);
    // the failed creates were rolled back
    expect((await listRecords(fx.superuser(), 'owned', {})).totalItems).toBe(2);

    const list = await listRecords(a, 'owned', {});
    expect(list.items.map((r) => r.t)).toEqual(['a1']);
    expect(list.totalItems).toBe(1);
    expect((await listRecords(fx.guest(), 'owned', {})).items).toEqual([]);

    expect((await rejection(viewRecord(b, 'owned', mine.id))).status).toBe(404);
    expect((await rejection(updateRecord(b, 'owned', mine.id, { t: 'hacked' }))).status).toBe(404);
    expect((await rejection(deleteRecord(b, 'owned', mine.id))).status).toBe(404);
    // @request.body is the submitted data: changing the owner is refused by the update rule
    expect((await rejection(updateRecord(a, 'owned', mine.id, { owner: bob }))).status).toBe(404);
    expect((await updateRecord(a, 'owned', mine.id, { t: 'a2' })).t).toBe('a2');
    await deleteRecord(a, 'owned', mine.id);
    expect((await listRecords(fx.superuser(), 'owned', {})).items.map((r) => r.t)).toEqual(['b1']);
  });

  it('ANDs a client filter with the list rule and refuses @request in client filters', async () => {
    const a = await fx.as('users', alice);
    await createRecord(a, 'owned', { t: 'x1', owner: alice });
    await createRecord(a, 'owned', { t: 'x2', owner: alice });
    const page = await listRecords(a, 'owned', { filter: 't = "x2" || t = "b1"' });
    expect(page.items.map((r) => r.t)).toEqual(['x2']);
    const err = await rejection(listRecords(a, 'owned', { filter: '@request.auth.id != ""' }));
    expect(err.status).toBe(403);
    expect((await rejection(listRecords(a, 'owned', { filter: 't ==' }))).status).toBe(400);
    expect((await listRecords(fx.superuser(), 'owned', { filter: '@request.auth.id = ""' })).totalItems).toBe(3);
  });

  it('answers 404 for a missing record and for a missing collection', async () => {
    expect((await rejection(viewRecord(fx.guest(), 'public', 'nope'))).status).toBe(404);
    expect((await rejection(updateRecord(fx.guest(), 'public', 'nope', {}))).status).toBe(404);
    const missing = await rejection(listRecords(fx.guest(), 'nothing', {}));
    expect(missing).toMatchObject({ status: 404, message: 'Missing collection context.' });
  });
});
