/** settings.rateLimits over HTTP: labels, audiences, superuser exemption, X-Forwarded-For spoofing and batch packing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../api/api-fixture.js';
import { testBackends } from '../support/test-database.js';
import { startAuthApi, type AuthApi } from './support/auth-fixture.js';

describe.each(testBackends)('rate limits on %s', (backend) => {
  let api: AuthApi;
  beforeAll(async () => {
    api = await startAuthApi(backend);
    await api.admin.collections.create({ name: 'notes', type: 'base', createRule: '', fields: [{ name: 'title', type: 'text' }] });
    await api.admin.settings.update({
      batch: { enabled: true },
      rateLimits: {
        enabled: true,
        rules: [
          { label: 'users:create', audience: '', duration: 300, maxRequests: 2 },
          { label: 'notes:create', audience: '', duration: 300, maxRequests: 3 },
          { label: '*:authWithPassword', audience: '@guest', duration: 300, maxRequests: 2 },
        ],
      },
    });
  });
  afterAll(() => api?.close());

  const signUp = (i: number, headers: Record<string, string> = {}) =>
    api.guest().collection('users').create({ email: `rl-${i}@example.com`, password: 'rl-pass-123', passwordConfirm: 'rl-pass-123' }, { headers });

  it('answers 429 past the limit, and rotating X-Forwarded-For does not help', async () => {
    await signUp(1, { 'X-Forwarded-For': '203.0.113.1' });
    await signUp(2, { 'X-Forwarded-For': '203.0.113.2' });
    const err = await expectApiError(signUp(3, { 'X-Forwarded-For': '203.0.113.3' }), 429);
    expect(err.response).toEqual({ status: 429, message: 'Too Many Requests.', data: {} });
    await expectApiError(signUp(4), 429);
    // Superusers are exempt.
    await api.admin.collection('users').create({ email: 'rl-admin@example.com', password: 'rl-pass-123', passwordConfirm: 'rl-pass-123' });
  });

  it('counts every sub-request of a batch', async () => {
    const batch = api.guest().createBatch();
    for (let i = 0; i < 5; i++) batch.collection('notes').create({ title: `n${i}` });
    await expectApiError(batch.send(), 429);
    expect(await api.admin.collection('notes').getFullList()).toEqual([]);
  });

  it('reads the client address from proxy headers only when trustedProxy lists them', async () => {
    const login = (ip: string) =>
      api.guest().collection('users').authWithPassword('rl-1@example.com', 'wrong-pass-1', { headers: { 'X-Forwarded-For': ip } });
    await expectApiError(login('198.51.100.1'), 400);
    await expectApiError(login('198.51.100.2'), 400);
    await expectApiError(login('198.51.100.3'), 429); // one client: the socket address

    await api.admin.settings.update({ trustedProxy: { headers: ['X-Forwarded-For'], useLeftmostIP: false } });
    try {
      await expectApiError(login('198.51.100.4'), 400);
      await expectApiError(login('198.51.100.4'), 400);
      await expectApiError(login('198.51.100.4'), 429);
      await expectApiError(login('198.51.100.5'), 400);
    } finally {
      await api.admin.settings.update({ trustedProxy: { headers: [], useLeftmostIP: false } });
    }
  });

  it('validates rules and keeps secrets out of the settings it returns', async () => {
    const bad = await expectApiError(
      api.admin.settings.update({ rateLimits: { rules: [{ label: 'not a label', audience: '@nobody', duration: 0, maxRequests: 1 }] } }),
      400,
    );
    expect(bad.response.data.rateLimits.rules['0']).toMatchObject({
      label: { code: 'validation_invalid_value' },
      audience: { code: 'validation_invalid_value' },
      duration: { code: 'validation_min_greater_equal_than_required' },
    });
    const saved = await api.admin.settings.update({ smtp: { username: 'mailer', password: 'smtp-secret' } });
    expect(saved.smtp).not.toHaveProperty('password');
    expect(JSON.stringify(await api.admin.settings.getAll())).not.toContain('smtp-secret');
  });
});
