import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '@plinth/sdk';
import { Providers } from './app/providers.js';
import { AppRouter } from './app/router.js';
import { OAuth2RedirectPage, oauth2RedirectOutcome } from './features/auth/oauth2-redirect-page.js';
import './app/styles.css';

// The console is served by the Plinth it administers, so the API lives on the same origin.
const client = createClient(window.location.origin);
// An OAuth2 popup's landing page (a PocketBase hash URL the history router cannot see) replaces the whole app.
const oauth2Outcome = oauth2RedirectOutcome(window.location.hash);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers client={client}>
      {oauth2Outcome ? <OAuth2RedirectPage outcome={oauth2Outcome} /> : <AppRouter />}
    </Providers>
  </StrictMode>,
);
