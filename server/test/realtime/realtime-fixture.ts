/**
 * Realtime tests: the official SDK's subscribe() over a real SSE connection. Node has no EventSource, so the
 * `eventsource` package provides the one the SDK uses. Events arrive asynchronously (after commit, through the
 * outbox), so tests wait for them with generous timeouts.
 */
import { EventSource } from 'eventsource';
import PocketBase from 'pocketbase';
import { expect } from 'vitest';
import type { ClientLimits } from '../../src/realtime/realtime-client.js';
import { testBackends, type TestBackend } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

(globalThis as { EventSource?: unknown }).EventSource ??= EventSource;

export const sqlBackends = testBackends.filter((b) => b !== 'mongodb');

export interface RealtimeApi {
  server: TestServer;
  admin: PocketBase;
  client(url?: string): PocketBase;
  close(): Promise<void>;
}

export async function startRealtimeApi(backend: TestBackend, realtimeLimits?: ClientLimits): Promise<RealtimeApi> {
  const server = await startTestServer({ backend, realtimeLimits });
  const clients: PocketBase[] = [];
  const client = (url = server.url) => {
    const pb = new PocketBase(url).autoCancellation(false);
    clients.push(pb);
    return pb;
  };
  const admin = client();
  await admin.collection('_superusers').authWithPassword(server.superuser.email, server.superuser.password);
  return {
    server,
    admin,
    client,
    async close() {
      for (const pb of clients) await pb.realtime.unsubscribe().catch(() => undefined);
      await server.close();
    },
  };
}

export interface Received {
  action: string;
  record: Record<string, unknown>;
}

/** Subscribes and collects every message of that subscription. */
export async function collect(pb: PocketBase, collection: string, topic: string, options?: Record<string, unknown>): Promise<Received[]> {
  const got: Received[] = [];
  await pb.collection(collection).subscribe(topic, (e) => got.push(e as unknown as Received), options);
  return got;
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until `list` has `n` items (of those matching `only`), then a little longer to prove nothing more
 * arrives. Events are delivered after commit, asynchronously: a change made just before subscribing may still
 * arrive, so tests about one action pass `only`.
 */
export async function expectCount<T>(list: T[], n: number, what: string, only: (item: T) => boolean = () => true): Promise<void> {
  await waitFor(() => list.filter(only).length >= n, `${n} × ${what}`);
  await new Promise((r) => setTimeout(r, 600));
  expect(list.filter(only), what).toHaveLength(n);
}

export const signUp = async (api: RealtimeApi, email: string) => {
  const pb = api.client();
  await pb.collection('users').create({ email, password: 'secret-pass-1', passwordConfirm: 'secret-pass-1' });
  await pb.collection('users').authWithPassword(email, 'secret-pass-1');
  return pb;
};
