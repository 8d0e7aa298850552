import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, wrapper } from '../../test/render-with-client.js';
import { OAuth2RedirectPage, oauth2RedirectOutcome } from './oauth2-redirect-page.js';

describe('oauth2RedirectOutcome', () => {
  it('reads the two result hashes PocketBase uses, nothing else', () => {
    expect(oauth2RedirectOutcome('#/auth/oauth2-redirect-success')).toBe('success');
    expect(oauth2RedirectOutcome('#/auth/oauth2-redirect-failure')).toBe('failure');
    expect(oauth2RedirectOutcome('')).toBeNull();
    expect(oauth2RedirectOutcome('#/auth/oauth2-redirect-successful')).toBeNull();
    expect(oauth2RedirectOutcome('#section')).toBeNull();
  });
});

describe('<OAuth2RedirectPage>', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    { outcome: 'success', title: 'Signed in', role: 'status', text: 'you can close this window' },
    { outcome: 'failure', title: 'Sign-in failed', role: 'alert', text: 'sign-in with the provider failed' },
  ] as const)('tells the $outcome and tries to close the popup', ({ outcome, title, role, text }) => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    render(<OAuth2RedirectPage outcome={outcome} />, { wrapper: wrapper(fakeClient(() => undefined).client) });
    expect(screen.getByRole('heading', { name: title })).toBeTruthy();
    expect(screen.getByRole(role).textContent).toContain(text);
    expect(close).toHaveBeenCalled();
  });
});
