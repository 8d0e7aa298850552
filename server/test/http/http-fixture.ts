/** Shared helpers for the HTTP-layer tests: a superuser SDK client on a fresh test server. */
import PocketBase, { ClientResponseError } from 'pocketbase';
import { expect } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import type { TestBackend } from '../support/test-database.js';

export interface HttpFixture {
  server: TestServer;
  admin: PocketBase;
  guest(): PocketBase;
}

export function sdk(url: string): PocketBase {
  const pb = new PocketBase(url);
  pb.autoCancellation(false);
  return pb;
}

export async function startFixture(backend: TestBackend, bodyLimit?: number): Promise<HttpFixture> {
  const server = await startTestServer({ backend, bodyLimit });
  const admin = sdk(server.url);
  await admin.collection('_superusers').authWithPassword(server.superuser.email, server.superuser.password);
  return { server, admin, guest: () => sdk(server.url) };
}

/** Awaits a failing SDK call; checks status and the `{status, message, data}` envelope. */
export async function expectStatus(call: Promise<unknown>, status: number): Promise<ClientResponseError> {
  const err = await call.then(
    (v) => {
      throw new Error(`expected HTTP ${status}, got ${JSON.stringify(v)}`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ClientResponseError);
  const res = err as ClientResponseError;
  expect(res.status).toBe(status);
  expect(res.response).toEqual({ status, message: expect.any(String), data: expect.any(Object) });
  return res;
}
