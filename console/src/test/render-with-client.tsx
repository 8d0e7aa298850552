/** Test helpers: an SDK client whose fetch answers from a route table, wrapped in the console's providers. */
import type { ReactNode } from 'react';
import { createClient, MemoryAuthStore, type PlinthClient } from '@plinth/sdk';
import { Providers, createQueryClient } from '../app/providers.js';

export interface SeenRequest {
  method: string;
  url: URL;
  body: unknown;
}

type Handler = (req: SeenRequest) => { status?: number; body?: unknown } | undefined;

export function fakeClient(handler: Handler): { client: PlinthClient; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const req = { method: init?.method ?? 'GET', url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body };
    seen.push(req);
    const res = handler(req) ?? { status: 404, body: { status: 404, message: 'Not found.', data: {} } };
    return new Response(res.body === undefined ? null : JSON.stringify(res.body), { status: res.status ?? 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const client = createClient('http://plinth.test', { fetch: fetchImpl, authStore: new MemoryAuthStore(), retry: false, autoRefreshThreshold: 0 });
  return { client, seen };
}

export function wrapper(client: PlinthClient) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: 0 } });
  return ({ children }: { children: ReactNode }) => (
    <Providers client={client} queryClient={queryClient}>
      {children}
    </Providers>
  );
}
