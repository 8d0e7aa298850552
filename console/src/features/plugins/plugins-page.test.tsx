import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderRoute } from '../../test/render-route.js';
import { PluginsPage } from './plugins-page.js';

const plugin = (name: string, settings: Record<string, unknown> | null) => ({
  name,
  version: '1.0.0',
  source: `./plugins/${name}.js`,
  config: { collection: 'messages' },
  settings,
  routes: [{ method: 'GET', path: `/api/${name}/summary` }],
  hooks: [],
  jobs: [`plugin:${name}:digest`],
  crons: [],
});

describe('<PluginsPage>', () => {
  it('lists plugins and saves changed settings, showing the field errors the server sends', async () => {
    const { seen } = renderRoute('/plugins', <PluginsPage />, '/plugins', (req) => {
      if (req.url.pathname === '/api/plugins') return { body: { items: [plugin('tuned', { motd: 'hi', limit: 3 }), plugin('plain', null)], totalItems: 2 } };
      if (req.method === 'PATCH') {
        const body = req.body as { limit?: number };
        return body.limit && body.limit > 10
          ? { status: 400, body: { status: 400, message: 'An error occurred while submitting the form.', data: { limit: { code: 'too_big', message: 'At most 10.' } } } }
          : { body: { motd: 'hi', limit: body.limit ?? 3 } };
      }
    });
    const tuned = await screen.findByRole('article', { name: 'Plugin tuned' });
    expect(within(tuned).getByText('GET /api/tuned/summary')).toBeTruthy();
    expect(within(screen.getByRole('article', { name: 'Plugin plain' })).getByText('This plugin declares no settings.')).toBeTruthy();

    const limit = within(tuned).getByLabelText('limit');
    fireEvent.change(limit, { target: { value: '11' } });
    fireEvent.click(within(tuned).getByRole('button', { name: 'Save settings' }));
    expect((await within(tuned).findByRole('alert')).textContent).toBe('At most 10.');
    expect(seen.find((r) => r.method === 'PATCH')).toMatchObject({ url: expect.objectContaining({ pathname: '/api/plugins/tuned/settings' }), body: { limit: 11 } });

    fireEvent.change(limit, { target: { value: '7' } });
    fireEvent.click(within(tuned).getByRole('button', { name: 'Save settings' }));
    expect(await within(tuned).findByText('Saved.')).toBeTruthy();
    await waitFor(() => expect(seen.filter((r) => r.method === 'PATCH').at(-1)!.body).toEqual({ limit: 7 }));
  });

  it('says how to load plugins when none are', async () => {
    renderRoute('/plugins', <PluginsPage />, '/plugins', () => ({ body: { items: [], totalItems: 0 } }));
    expect((await screen.findByText(/No plugins are loaded/)).textContent).toContain('PLINTH_PLUGINS');
  });
});
