/**
 * A real Plinth (per backend) whose mail goes to a local SMTP sink, with SDK clients: the base of the
 * end-to-end auth tests.
 */
import PocketBase from 'pocketbase';
import type { App } from '../../../src/core/app.js';
import { startTestServer } from '../../support/test-server.js';
import type { TestBackend } from '../../support/test-database.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

export interface AuthApi {
  url: string;
  app: App;
  admin: PocketBase;
  sink: SmtpSink;
  guest(): PocketBase;
  close(): Promise<void>;
}

export function client(url: string): PocketBase {
  const pb = new PocketBase(url);
  pb.autoCancellation(false);
  return pb;
}

export async function startAuthApi(backend: TestBackend): Promise<AuthApi> {
  const sink = await startSmtpSink();
  const server = await startTestServer({ backend });
  const admin = client(server.url);
  await admin.collection('_superusers').authWithPassword(server.superuser.email, server.superuser.password);
  await admin.settings.update({
    meta: { appName: 'Plinth Test', appURL: 'http://app.test', senderAddress: 'noreply@app.test', senderName: 'Plinth' },
    smtp: { enabled: true, host: '127.0.0.1', port: sink.port, tls: false },
  });
  return {
    url: server.url,
    app: server.app,
    admin,
    sink,
    guest: () => client(server.url),
    async close() {
      await server.close();
      await sink.close();
    },
  };
}

/** Creates a user (through the SDK as a guest) and returns it with a logged-in client. */
export async function createUser(api: AuthApi, email: string, password = 'secret-pass-1', extra: Record<string, unknown> = {}) {
  const pb = api.guest();
  const record = await pb.collection('users').create({ email, password, passwordConfirm: password, ...extra });
  await pb.collection('users').authWithPassword(email, password);
  return { pb, record };
}

export function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}
