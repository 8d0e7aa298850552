/** Everything the views expect around them: the SDK client, server-state cache and theme. */
import { useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { isPlinthError, type PlinthClient } from '@plinth/sdk';
import { ClientProvider } from './client-context.js';
import { ThemeProvider } from './theme.js';
import { FieldRegistryContext, type FieldRegistry } from '../fields/field-registry.js';
import { createDefaultFieldRegistry } from '../fields/default-registry.js';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // A 4xx will not get better by asking again (and a bad filter should show its error at once).
        retry: (count, err) => !(isPlinthError(err) && err.status >= 400 && err.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

export function Providers({
  client,
  queryClient,
  fieldRegistry,
  children,
}: {
  client: PlinthClient;
  queryClient?: QueryClient;
  fieldRegistry?: FieldRegistry;
  children: ReactNode;
}) {
  const [qc] = useState(() => queryClient ?? createQueryClient());
  const [fields] = useState(() => fieldRegistry ?? createDefaultFieldRegistry());
  return (
    <ClientProvider client={client}>
      <QueryClientProvider client={qc}>
        <FieldRegistryContext.Provider value={fields}>
          <ThemeProvider>{children}</ThemeProvider>
        </FieldRegistryContext.Provider>
      </QueryClientProvider>
    </ClientProvider>
  );
}
