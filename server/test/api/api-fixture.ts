/**
 * Shared setup for the SDK-level API tests: a real Plinth on loopback (per storage backend) and clients of
 * the official `pocketbase` SDK, exactly as an app would use it.
 */
import PocketBase, { ClientResponseError } from 'pocketbase';
import { expect } from 'vitest';
import { startTestServer } from '../support/test-server.js';
import type { TestBackend } from '../support/test-database.js';

export interface Api {
  url: string;
  /** Authenticated as a superuser. */
  admin: PocketBase;
  /** A fresh unauthenticated client. */
  guest(): PocketBase;
  close(): Promise<void>;
}

export async function startApi(backend: TestBackend): Promise<Api> {
  const server = await startTestServer({ backend });
  const admin = client(server.url);
  await admin.collection('_superusers').authWithPassword(server.superuser.email, server.superuser.password);
  return { url: server.url, admin, guest: () => client(server.url), close: () => server.close() };
}

function client(url: string): PocketBase {
  const pb = new PocketBase(url);
  pb.autoCancellation(false);
  return pb;
}

/** Awaits a rejected SDK call and checks the PocketBase error envelope. */
export async function expectApiError(call: Promise<unknown>, status: number): Promise<ClientResponseError> {
  const err = await call.then(
    (value) => {
      throw new Error(`expected HTTP ${status}, got success: ${JSON.stringify(value)}`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ClientResponseError);
  const res = err as ClientResponseError;
  expect(res.status).toBe(status);
  expect(res.response).toMatchObject({ status, message: expect.any(String), data: expect.any(Object) });
  return res;
}

/** Creates a user in the `users` collection and returns a client authenticated as that user. */
export async function signUp(api: Api, email: string, password = 'secret-pass-1', extra: Record<string, unknown> = {}) {
  const pb = api.guest();
  const record = await pb.collection('users').create({ email, password, passwordConfirm: password, ...extra });
  await pb.collection('users').authWithPassword(email, password);
  return { pb, record };
}

export const PB_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}Z$/;
