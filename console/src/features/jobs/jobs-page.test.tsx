import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderRoute } from '../../test/render-route.js';
import { JobsPage } from './jobs-page.js';

const failed = {
  id: 'j1',
  name: 'mail:send',
  state: 'failed',
  payload: { to: 'a@example.com' },
  attempts: 3,
  error: 'connect ECONNREFUSED 127.0.0.1:2525',
  stack: 'Error: connect ECONNREFUSED\n    at smtp.js:1:1',
  createdAt: '2024-05-10T12:00:00.000Z',
  finishedAt: '2024-05-10T12:00:03.000Z',
};
const counts = { waiting: 0, active: 0, delayed: 0, completed: 4, failed: 1 };

function serve(removed: string[] = []) {
  return renderRoute('/jobs', <JobsPage />, '/jobs?queue=mail%3Asend&job=j1', (req) => {
    const path = req.url.pathname;
    if (path === '/api/jobs') return { body: [{ name: 'mail:send', counts }] };
    if (path === '/api/crons') return { body: [{ id: 'logsPrune', expression: '0 * * * *' }] };
    if (path === '/api/jobs/mail:send' || path === '/api/jobs/mail%3Asend') return { body: { page: 1, perPage: 20, state: 'failed', items: removed.includes('j1') ? [] : [failed] } };
    if (req.method === 'POST' || req.method === 'DELETE') return { status: 204 };
  });
}

describe('<JobsPage>', () => {
  it('shows the failed job of the URL in a drawer with its error and stack, and retries it', async () => {
    const { seen, router } = serve();
    const drawer = await screen.findByRole('dialog', { name: 'Job j1' });
    expect(within(drawer).getAllByText(/ECONNREFUSED 127\.0\.0\.1:2525/).length).toBeGreaterThan(0);
    expect(within(drawer).getByLabelText('Stack trace').textContent).toContain('at smtp.js:1:1');
    const list = seen.find((r) => r.url.pathname.startsWith('/api/jobs/mail'))!;
    expect([list.url.searchParams.get('state'), list.url.searchParams.get('perPage')]).toEqual(['failed', '20']);

    fireEvent.click(within(drawer).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(seen.some((r) => r.method === 'POST' && r.url.pathname.endsWith('/j1/retry'))).toBe(true));
    await waitFor(() => expect(router.state.location.search).toBe('?queue=mail%3Asend'));
  });

  it('removes a job only after the second click', async () => {
    const removed: string[] = [];
    const { seen } = serve(removed);
    const drawer = await screen.findByRole('dialog', { name: 'Job j1' });
    fireEvent.click(within(drawer).getByRole('button', { name: 'Remove job' }));
    expect(seen.some((r) => r.method === 'DELETE')).toBe(false);
    removed.push('j1');
    fireEvent.click(within(drawer).getByRole('button', { name: 'Click again to confirm' }));
    await waitFor(() => expect(seen.some((r) => r.method === 'DELETE' && r.url.pathname.endsWith('/j1'))).toBe(true));
  });

  it('runs a cron now and lists its next run', async () => {
    const { seen } = serve();
    fireEvent.click(await screen.findByRole('button', { name: 'Close' }));
    const crons = await screen.findByRole('region', { name: 'Crons' });
    expect(await within(crons).findByText('logsPrune')).toBeTruthy();
    expect(crons.querySelector('time')?.getAttribute('dateTime')).toMatch(/T\d\d:00:00\.000Z$/);
    fireEvent.click(within(crons).getByRole('button', { name: 'Run now' }));
    await waitFor(() => expect(seen.some((r) => r.method === 'POST' && r.url.pathname === '/api/crons/logsPrune')).toBe(true));
    expect(await within(crons).findByText(/Started/)).toBeTruthy();
  });
});
