import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '@plinth/sdk';
import { Providers } from './app/providers.js';
import { AppRouter } from './app/router.js';
import './app/styles.css';

// The console is served by the Plinth it administers, so the API lives on the same origin.
const client = createClient(window.location.origin);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers client={client}>
      <AppRouter />
    </Providers>
  </StrictMode>,
);
