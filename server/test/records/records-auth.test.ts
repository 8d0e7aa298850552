/** Auth collection records: password handling, tokenKey, email visibility, manager and owner protections. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/core/auth/passwords.js';
import { createRecord } from '../../src/core/records/record-create.js';
import { listRecords } from '../../src/core/records/record-list.js';
import { updateRecord } from '../../src/core/records/record-update.js';
import { viewRecord } from '../../src/core/records/record-view.js';
import { type RecordsFixture, rejection, startRecordsFixture } from './records-fixture.js';

describe('auth records', () => {
  let fx: RecordsFixture;
  beforeAll(async () => {
    fx = await startRecordsFixture();
    await fx.collection({
      name: 'staff',
      type: 'auth',
      listRule: '',
      viewRule: '',
      createRule: '',
      updateRule: 'id = @request.auth.id || @request.auth.role = "boss"',
      manageRule: '@request.auth.role = "boss"',
      fields: [{ name: 'role', type: 'text' }],
    });
  }, 120_000);
  afterAll(() => fx?.close());

  const signUp = (email: string, extra: Record<string, unknown> = {}) =>
    createRecord(fx.guest(), 'staff', { email, password: 'pass-word-1', passwordConfirm: 'pass-word-1', ...extra });

  it('requires a matching passwordConfirm, hashes the password and never outputs secrets', async () => {
    const missing = await rejection(createRecord(fx.guest(), 'users', { email: 'a@example.com', password: 'pass-word-1' }));
    expect(missing.data.passwordConfirm.code).toBe('validation_required');
    const mismatch = await rejection(
      createRecord(fx.guest(), 'users', { email: 'a@example.com', password: 'pass-word-1', passwordConfirm: 'other-pass' }),
    );
    expect(mismatch.data.passwordConfirm.code).toBe('validation_values_mismatch');
    const noPassword = await rejection(createRecord(fx.guest(), 'users', { email: 'a@example.com' }));
    expect(noPassword.data.password.code).toBe('validation_required');

    const rec = await createRecord(fx.guest(), 'users', { email: 'a@example.com', password: 'pass-word-1', passwordConfirm: 'pass-word-1' });
    expect(rec).not.toHaveProperty('password');
    expect(rec).not.toHaveProperty('tokenKey');
    expect(rec).not.toHaveProperty('passwordConfirm');
    expect(rec).not.toHaveProperty('email'); // emailVisibility is off and the guest is not the owner
    const stored = await fx.row('users', rec.id);
    expect(stored!.password).not.toBe('pass-word-1');
    expect(await verifyPassword(String(stored!.password), 'pass-word-1')).toBe(true);
    expect(String(stored!.tokenKey)).toMatch(/^[a-zA-Z0-9]{50}$/);
    const asAdmin = await viewRecord(fx.superuser(), 'users', rec.id);
    expect(asAdmin.email).toBe('a@example.com');
    expect(asAdmin).not.toHaveProperty('password');
    expect(asAdmin).not.toHaveProperty('tokenKey');

    const dup = await rejection(createRecord(fx.guest(), 'users', { email: 'a@example.com', password: 'pass-word-1', passwordConfirm: 'pass-word-1' }));
    expect(dup.data.email.code).toBe('validation_not_unique');
    const otherCase = await rejection(createRecord(fx.guest(), 'users', { email: 'A@Example.COM', password: 'pass-word-1', passwordConfirm: 'pass-word-1' }));
    expect(otherCase.data.email).toEqual({ code: 'validation_not_unique', message: 'Value must be unique.' });
  });

  it('shows the email to the owner, to managers, or when emailVisibility is on', async () => {
    const ann = await signUp('ann@example.com');
    const vis = await signUp('vis@example.com', { emailVisibility: true });
    const boss = await createRecord(fx.superuser(), 'staff', { email: 'boss@example.com', password: 'pass-word-1', passwordConfirm: 'pass-word-1', role: 'boss' });
    expect((await viewRecord(await fx.as('staff', ann.id), 'staff', ann.id)).email).toBe('ann@example.com');
    expect((await viewRecord(fx.guest(), 'staff', vis.id)).email).toBe('vis@example.com');
    const byPeer = await listRecords(await fx.as('staff', vis.id), 'staff', { filter: `id = "${ann.id}"` });
    expect(byPeer.items[0]).not.toHaveProperty('email');
    const byBoss = await listRecords(await fx.as('staff', boss.id), 'staff', {});
    expect(byBoss.items.map((r) => r.email).sort()).toEqual(['ann@example.com', 'boss@example.com', 'vis@example.com']);
  });

  it('lets only superusers and managers set verified', async () => {
    const self = await rejection(signUp('selfverified@example.com', { verified: true }));
    expect(self.data.verified.code).toBe('validation_values_mismatch');
    expect((await listRecords(fx.superuser(), 'staff', { filter: 'email = "selfverified@example.com"' })).totalItems).toBe(0);
    const boss = (await listRecords(fx.superuser(), 'staff', { filter: 'role = "boss"' })).items[0];
    const bossCtx = await fx.as('staff', boss.id);
    const made = await createRecord(bossCtx, 'staff', { email: 'v@example.com', password: 'pass-word-1', passwordConfirm: 'pass-word-1', verified: true });
    expect(made.verified).toBe(true);
    const ann = (await listRecords(fx.superuser(), 'staff', { filter: 'email = "ann@example.com"' })).items[0];
    const annCtx = await fx.as('staff', ann.id);
    expect((await rejection(updateRecord(annCtx, 'staff', ann.id, { verified: true }))).data.verified.code).toBe('validation_values_mismatch');
    expect((await updateRecord(bossCtx, 'staff', ann.id, { verified: true })).verified).toBe(true);
  });

  it('needs the old password for an owner password change, and rotates tokenKey', async () => {
    const rec = await signUp('pw@example.com');
    const owner = await fx.as('staff', rec.id);
    const tokenBefore = (await fx.row('staff', rec.id))!.tokenKey;
    const missing = await rejection(updateRecord(owner, 'staff', rec.id, { password: 'new-pass-123', passwordConfirm: 'new-pass-123' }));
    expect(missing.data.oldPassword.code).toBe('validation_required');
    const wrong = await rejection(
      updateRecord(owner, 'staff', rec.id, { password: 'new-pass-123', passwordConfirm: 'new-pass-123', oldPassword: 'nope-nope' }),
    );
    expect(wrong.data.oldPassword.code).toBe('validation_invalid_old_password');
    const mismatch = await rejection(
      updateRecord(owner, 'staff', rec.id, { password: 'new-pass-123', passwordConfirm: 'other-pass', oldPassword: 'pass-word-1' }),
    );
    expect(mismatch.data.passwordConfirm.code).toBe('validation_values_mismatch');

    await updateRecord(owner, 'staff', rec.id, { password: 'new-pass-123', passwordConfirm: 'new-pass-123', oldPassword: 'pass-word-1' });
    const after = (await fx.row('staff', rec.id))!;
    expect(await verifyPassword(String(after.password), 'new-pass-123')).toBe(true);
    expect(after.tokenKey).not.toBe(tokenBefore);

    // an unrelated change keeps the password and the tokenKey
    await updateRecord(await fx.as('staff', rec.id), 'staff', rec.id, { role: 'x' });
    expect((await fx.row('staff', rec.id))!.tokenKey).toBe(after.tokenKey);
    expect((await fx.row('staff', rec.id))!.password).toBe(after.password);
  });

  it('refuses email changes by the owner but lets managers and superusers change email and password', async () => {
    const rec = await signUp('mail@example.com');
    const owner = await fx.as('staff', rec.id);
    const err = await rejection(updateRecord(owner, 'staff', rec.id, { email: 'new@example.com' }));
    expect(err.data.email.code).toBe('validation_values_mismatch');
    const boss = (await listRecords(fx.superuser(), 'staff', { filter: 'role = "boss"' })).items[0];
    const tokenBefore = (await fx.row('staff', rec.id))!.tokenKey;
    const changed = await updateRecord(await fx.as('staff', boss.id), 'staff', rec.id, { email: 'new@example.com' });
    expect(changed.email).toBe('new@example.com');
    expect((await fx.row('staff', rec.id))!.tokenKey).not.toBe(tokenBefore);
    await updateRecord(fx.superuser(), 'staff', rec.id, { password: 'super-set-1', passwordConfirm: 'super-set-1' });
    expect(await verifyPassword(String((await fx.row('staff', rec.id))!.password), 'super-set-1')).toBe(true);
  });
});
