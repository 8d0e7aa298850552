/** The jobs and crons admin API over HTTP (superusers only), on the in-process driver of a real server. */
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError, signUp } from '../api/api-fixture.js';
import { testBackends } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { waitFor } from './wait-for.js';

describe.each(testBackends)('jobs admin API on %s', (backend) => {
  let server: TestServer;
  let admin: PocketBase;
  let healthy = false;
  let runs = 0;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = new PocketBase(server.url);
    admin.autoCancellation(false);
    await admin.collection('_superusers').authWithPassword(server.superuser.email, server.superuser.password);
    server.app.jobs.define({
      name: 'test:flaky',
      options: { attempts: 1 },
      handle: async () => {
        runs++;
        if (!healthy) throw new Error('smtp down');
      },
    });
    await server.app.jobs.schedule('nightly-digest', '0 3 * * *', 'test:flaky', { digest: true });
  });
  afterAll(() => server?.close());

  it('refuses guests (401) and other identities (403)', async () => {
    const guest = new PocketBase(server.url);
    await expectApiError(guest.send('/api/jobs', {}), 401);
    await expectApiError(guest.send('/api/crons', {}), 401);
    const { pb: user } = await signUp({ url: server.url, admin, guest: () => new PocketBase(server.url), close: async () => {} }, 'u1@example.com');
    await expectApiError(user.send('/api/jobs', {}), 403);
    await expectApiError(user.send('/api/crons/nightly-digest', { method: 'POST' }), 403);
  });

  it('lists crons and runs one on demand', async () => {
    expect(await admin.send('/api/crons', {})).toContainEqual({ id: 'nightly-digest', expression: '0 3 * * *' });
    await admin.send('/api/crons/nightly-digest', { method: 'POST' });
    await expectApiError(admin.send('/api/crons/nope', { method: 'POST' }), 404);
    await waitFor(() => runs >= 1, 'the cron job to run');
  });

  it('shows queues with counts, failed jobs with error and stack, and retries and removes them', async () => {
    const id = await server.app.jobs.enqueue('test:flaky', { to: 'a@example.com' });
    await waitFor(async () => {
      const queues = (await admin.send('/api/jobs', {})) as { name: string; counts: Record<string, number> }[];
      return (queues.find((q) => q.name === 'test:flaky')?.counts.failed ?? 0) >= 1;
    }, 'a failed job in the counts');
    const page = await waitFor(async () => {
      const list = (await admin.send('/api/jobs/test:flaky', { query: { state: 'failed', page: 1, perPage: 10 } })) as {
        items: { id: string; error: string; stack: string; payload: unknown; state: string }[];
      };
      return list.items.some((j) => j.id === id) ? list : null;
    }, 'the job to fail');
    const job = page.items.find((j) => j.id === id)!;
    expect(job).toMatchObject({ state: 'failed', error: 'smtp down', payload: { to: 'a@example.com' } });
    expect(job.stack).toContain('smtp down');

    healthy = true;
    await admin.send(`/api/jobs/test:flaky/${id}/retry`, { method: 'POST' });
    await waitFor(async () => {
      const done = (await admin.send('/api/jobs/test:flaky', { query: { state: 'completed' } })) as { items: { id: string }[] };
      return done.items.some((j) => j.id === id);
    }, 'the retried job to complete');
    await admin.send(`/api/jobs/test:flaky/${id}`, { method: 'DELETE' });
    await expectApiError(admin.send(`/api/jobs/test:flaky/${id}`, { method: 'DELETE' }), 404);
    await expectApiError(admin.send(`/api/jobs/test:flaky/${id}/retry`, { method: 'POST' }), 404);
  });

  it('answers bad input with 400 or 404, never 500', async () => {
    await expectApiError(admin.send('/api/jobs/test:flaky', { query: { state: 'bogus' } }), 400);
    await expectApiError(admin.send('/api/jobs/test:flaky', { query: { page: 0 } }), 400);
    await expectApiError(admin.send('/api/jobs/test:flaky', { query: { perPage: 'x' } }), 400);
    await expectApiError(admin.send('/api/jobs/BAD%20NAME/x/retry', { method: 'POST' }), 404);
  });
});
