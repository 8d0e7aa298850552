/**
 * Where Plinth's `/api/oauth2-redirect` sends an OAuth2 popup (PocketBase's hash URLs
 * `/_/#/auth/oauth2-redirect-success` and `…-failure`). The app that opened the popup already has the outcome
 * over realtime: this page only tells the user and closes the popup.
 */
import { useEffect } from 'react';
import { AuthLayout } from './auth-layout.js';

export type OAuth2RedirectOutcome = 'success' | 'failure';

/** The outcome a console URL's hash names, or null for every other console URL. */
export function oauth2RedirectOutcome(hash: string): OAuth2RedirectOutcome | null {
  const m = /^#\/auth\/oauth2-redirect-(success|failure)\/?$/.exec(hash);
  return m ? (m[1] as OAuth2RedirectOutcome) : null;
}

export function OAuth2RedirectPage({ outcome }: { outcome: OAuth2RedirectOutcome }) {
  // Browsers close only windows a script opened: a tab the user opened stays, showing the message.
  useEffect(() => window.close(), []);
  return outcome === 'success' ? (
    <AuthLayout title="Signed in">
      <p role="status">Signed in — you can close this window and go back to the app.</p>
    </AuthLayout>
  ) : (
    <AuthLayout title="Sign-in failed">
      <p className="field-error" role="alert">
        The sign-in with the provider failed. Close this window and try again from the app.
      </p>
    </AuthLayout>
  );
}
