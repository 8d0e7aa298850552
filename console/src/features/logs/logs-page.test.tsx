import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderRoute } from '../../test/render-route.js';
import { LogsPage } from './logs-page.js';

const entry = { id: 'l1', created: '2024-05-10 12:00:00.000Z', level: 4, message: 'GET /api/nope', data: { type: 'request', status: 404, execTime: 1.5, userIP: '127.0.0.1' } };
const page = (items: object[]) => ({ page: 1, perPage: 20, totalItems: items.length, totalPages: 1, items });

const renderAt = (url: string, handler: Parameters<typeof renderRoute>[3]) => renderRoute('/logs', <LogsPage />, url, handler);

describe('<LogsPage>', () => {
  it('asks the list and the hourly stats for the filter in the URL', async () => {
    const { seen } = renderAt('/logs?filter=data.status+%3E%3D+400&sort=level', (req) => {
      if (req.url.pathname === '/api/logs') return { body: page([entry]) };
      if (req.url.pathname === '/api/logs/stats') return { body: [{ date: '2024-05-10 12:00:00.000Z', total: 1 }] };
    });
    expect(await screen.findByText('GET /api/nope')).toBeTruthy();
    await waitFor(() => expect(seen.some((r) => r.url.pathname === '/api/logs/stats')).toBe(true));
    const list = seen.find((r) => r.url.pathname === '/api/logs')!.url.searchParams;
    const stats = seen.find((r) => r.url.pathname === '/api/logs/stats')!.url.searchParams;
    expect([list.get('filter'), list.get('sort'), list.get('page')]).toEqual(['data.status >= 400', 'level', '1']);
    expect(stats.get('filter')).toBe('data.status >= 400');
  });

  it("shows the server's filter error inline, not as a page error", async () => {
    renderAt('/logs?filter=nope+%3D+1', (req) =>
      req.url.pathname.startsWith('/api/logs') ? { status: 400, body: { status: 400, message: 'Invalid filter: unknown field "nope".', data: {} } } : undefined,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('unknown field');
    expect(screen.getByText('No chart for an invalid filter.')).toBeTruthy();
  });

  it('opens an entry in the drawer from the table and keeps it in the URL', async () => {
    const { router } = renderAt('/logs', (req) => {
      if (req.url.pathname === '/api/logs') return { body: page([entry]) };
      if (req.url.pathname === '/api/logs/stats') return { body: [] };
      if (req.url.pathname === '/api/logs/l1') return { body: entry };
    });
    fireEvent.click(await screen.findByText('GET /api/nope'));
    expect(await screen.findByRole('dialog', { name: 'Log entry' })).toBeTruthy();
    expect(await screen.findByText('data.userIP')).toBeTruthy();
    expect(router.state.location.search).toBe('?log=l1');
  });
});
