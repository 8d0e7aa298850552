/** The one SDK client of the console, handed down through context (no module singleton: tests pass their own). */
import { createContext, useContext, type ReactNode } from 'react';
import type { PlinthClient } from '@plinth/sdk';

const ClientContext = createContext<PlinthClient | null>(null);

export function ClientProvider({ client, children }: { client: PlinthClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): PlinthClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() outside <ClientProvider>');
  return client;
}
