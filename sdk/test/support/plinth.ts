/** A real Plinth (PGlite) for SDK tests, plus a superuser client and a few collection helpers. */
import { startTestServer, type TestServer } from '../../../server/test/support/test-server.js';
import { createClient, MemoryAuthStore, type PlinthClient } from '../../src/index.js';
import type { SchemaShape } from '../../src/schema-types.js';

export interface Harness {
  server: TestServer;
  url: string;
  /** Authenticated as the test superuser. */
  admin: PlinthClient;
  /** A fresh guest client (memory store) typed by `S`. */
  guest<S extends SchemaShape = any>(): PlinthClient<S>;
  close(): Promise<void>;
}

export async function startHarness(opts: Omit<Parameters<typeof startTestServer>[0], 'backend'> = {}): Promise<Harness> {
  const server = await startTestServer({ ...opts, backend: 'pglite' });
  const admin = createClient(server.url, { authStore: new MemoryAuthStore() });
  await admin.collection('_superusers').authWithPassword(server.superuser.email, server.superuser.password);
  return {
    server,
    url: server.url,
    admin,
    guest: <S extends SchemaShape>() => createClient<S>(server.url, { authStore: new MemoryAuthStore() }),
    close: () => server.close(),
  };
}
