import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeClient, wrapper } from '../../test/render-with-client.js';
import { SettingsPage } from './settings-page.js';

/** What GET /api/settings answers: the write-only secrets are absent. */
const stored = () => ({
  meta: { appName: 'Acme', appURL: 'http://localhost:8090', senderName: 'Support', senderAddress: 'support@example.com', hideControls: false },
  smtp: { enabled: false, host: 'smtp.example.com', port: 587, username: '', authMethod: '', tls: false, localName: '' },
  s3: { enabled: true, bucket: 'files', region: 'eu', endpoint: 'http://127.0.0.1:9000', accessKey: 'key', forcePathStyle: true },
  batch: { enabled: false, maxRequests: 50, timeout: 3, maxBodySize: 0 },
  rateLimits: { enabled: false, rules: [{ label: '/api/', audience: '', duration: 10, maxRequests: 300 }], excludedIPs: [] },
  logs: { maxDays: 5, minLevel: 0, logIP: true, logAuthId: false },
  trustedProxy: { headers: [], useLeftmostIP: false },
  webhooks: { allowPrivateTargets: false, retrySchedule: [5, 300], timeout: 15 },
});

// Rendering every section in jsdom is slow on a loaded machine: generous time, no timing assertions.
describe('settings page', { timeout: 30_000 }, () => {
  it('saves every section without the secrets left empty, and shows a nested field error next to its input', async () => {
    const { client, seen } = fakeClient((req) => {
      if (req.url.pathname !== '/api/settings') return undefined;
      if (req.method === 'GET') return { body: stored() };
      return {
        status: 400,
        body: { status: 400, message: 'An error occurred while submitting the form.', data: { rateLimits: { rules: { 1: { maxRequests: { code: 'validation_min_greater_equal_than_required', message: 'Must be no less than 1.' } } } } } },
      };
    });
    render(<SettingsPage />, { wrapper: wrapper(client) });
    await screen.findByRole('group', { name: 'Rate limits' });

    fireEvent.click(screen.getByLabelText('Enable the batch API'));
    fireEvent.change(screen.getByLabelText('Max requests per batch'), { target: { value: '20' } });
    fireEvent.click(screen.getByRole('button', { name: '+ Add rule' }));
    fireEvent.change(screen.getByLabelText('Rule 2 label'), { target: { value: 'posts:create' } });
    fireEvent.change(screen.getByLabelText('Rule 2 max requests'), { target: { value: '0' } });
    fireEvent.change(screen.getByLabelText('Rule 2 audience'), { target: { value: '@guest' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    const cell = screen.getByLabelText('Rule 2 max requests').closest('td')!;
    await waitFor(() => expect(within(cell).getByRole('alert').textContent).toBe('Must be no less than 1.'));
    expect(screen.getByLabelText('Rule 2 max requests').getAttribute('aria-invalid')).toBe('true');

    const patch = seen.find((r) => r.method === 'PATCH')!.body as Record<string, any>;
    expect(patch.smtp).not.toHaveProperty('password');
    expect(patch.s3).toEqual(stored().s3);
    expect(patch.batch).toMatchObject({ enabled: true, maxRequests: 20 });
    expect(patch.rateLimits.rules).toEqual([
      { label: '/api/', audience: '', duration: 10, maxRequests: 300 },
      { label: 'posts:create', audience: '@guest', duration: 10, maxRequests: 0 },
    ]);
    expect(patch.webhooks).toEqual(stored().webhooks);
  });

  it('sends a typed S3 secret, removes rules and keeps the connection test for saved settings', async () => {
    const { client, seen } = fakeClient((req) => (req.url.pathname === '/api/settings' ? { body: stored() } : undefined));
    render(<SettingsPage />, { wrapper: wrapper(client) });
    await screen.findByRole('group', { name: 'File storage' });
    expect((screen.getByRole('button', { name: 'Test S3 connection' }) as HTMLButtonElement).disabled).toBe(false);
    fireEvent.change(screen.getByLabelText('Secret'), { target: { value: 'new-secret' } });
    expect((screen.getByRole('button', { name: 'Test S3 connection' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Remove rule 1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Saved.');
    const patch = seen.find((r) => r.method === 'PATCH')!.body as Record<string, any>;
    expect(patch.s3.secret).toBe('new-secret');
    expect(patch.rateLimits.rules).toEqual([]);
    // The answer carries no secret: the form follows it, so the input is empty again.
    expect((screen.getByLabelText('Secret') as HTMLInputElement).value).toBe('');
  });
});
