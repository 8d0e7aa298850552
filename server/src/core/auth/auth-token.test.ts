/** Token signing/verification against an in-memory stand-in for storage and the collection registry. */
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import type { AuthOptions, Collection } from '../collections/model.js';
import { silentLogger } from '../logger.js';
import type { FindQuery, RecordData, StorageAdapter, TableSchema } from '../../storage/port.js';
import { signAuthToken, signRecordToken, verifyAuthToken, verifyRecordToken } from './auth-token.js';

const users = {
  id: '_pb_users_auth_',
  name: 'users',
  type: 'auth',
  authToken: { duration: 3600, secret: 'collection-secret-0123456789-0123456789' },
  verificationToken: { duration: 60, secret: 'verification-secret-0123456789-012345' },
} as unknown as Collection & AuthOptions;
const posts = { id: 'pbc_1', name: 'posts', type: 'base' } as unknown as Collection;

function fakeApp(rows: RecordData[], clock = { now: new Date('2025-01-01T00:00:00Z') }) {
  const table = { id: users.id, name: users.name, columns: [], indexes: [] } as TableSchema;
  const storage = {
    async find(q: FindQuery) {
      const where = q.where as { left?: { field?: { name: string } }; right?: { value?: unknown } };
      return rows.filter((r) => where.left?.field?.name === 'id' && r.id === where.right?.value);
    },
  } as unknown as StorageAdapter;
  const byId = new Map([users, posts].map((c) => [c.id, c]));
  const app = {
    storage,
    logger: silentLogger,
    now: () => clock.now,
    collections: { get: (id: string) => byId.get(id), table: () => table },
  } as unknown as App;
  return { app, clock };
}

const alice = { id: 'alice0000000001', tokenKey: 'key-A' };

describe('auth tokens', () => {
  it('signs HS256 with exactly id, collectionId, type, refreshable and exp', async () => {
    const { app } = fakeApp([alice]);
    const token = await signAuthToken(app, users, alice);
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    const claims = decodeJwt(token);
    expect(claims).toEqual({
      id: alice.id,
      collectionId: users.id,
      type: 'auth',
      refreshable: true,
      exp: Date.parse('2025-01-01T00:00:00Z') / 1000 + 3600,
    });
  });

  it('verifies a valid token and loads its record', async () => {
    const { app } = fakeApp([alice]);
    const token = await signAuthToken(app, users, alice);
    const auth = await verifyAuthToken(app, app.storage, token);
    expect(auth?.record).toEqual(alice);
    expect(auth?.collection.id).toBe(users.id);
    expect(auth?.claims.refreshable).toBe(true);
  });

  it('rejects a token once the record tokenKey changed', async () => {
    const rows = [{ ...alice }];
    const { app } = fakeApp(rows);
    const token = await signAuthToken(app, users, rows[0]);
    rows[0].tokenKey = 'key-B';
    expect(await verifyAuthToken(app, app.storage, token)).toBeNull();
  });

  it('rejects expired tokens', async () => {
    const { app, clock } = fakeApp([alice]);
    const token = await signAuthToken(app, users, alice, { duration: 10 });
    clock.now = new Date(clock.now.getTime() + 11_000);
    expect(await verifyAuthToken(app, app.storage, token)).toBeNull();
  });

  it('rejects unknown records, non-auth collections, other types, other algorithms and garbage', async () => {
    const { app } = fakeApp([alice]);
    const key = new TextEncoder().encode(alice.tokenKey + users.authToken.secret);
    const exp = Date.parse('2025-01-02T00:00:00Z') / 1000;
    const make = (claims: Record<string, unknown>) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(exp).sign(key);
    expect(await verifyAuthToken(app, app.storage, await make({ id: 'nobody', collectionId: users.id, type: 'auth' }))).toBeNull();
    expect(await verifyAuthToken(app, app.storage, await make({ id: alice.id, collectionId: posts.id, type: 'auth' }))).toBeNull();
    expect(await verifyAuthToken(app, app.storage, await make({ id: alice.id, collectionId: users.id, type: 'file' }))).toBeNull();
    const hs512 = await new SignJWT({ id: alice.id, collectionId: users.id, type: 'auth' })
      .setProtectedHeader({ alg: 'HS512' })
      .setExpirationTime(exp)
      .sign(key);
    expect(await verifyAuthToken(app, app.storage, hs512)).toBeNull();
    expect(await verifyAuthToken(app, app.storage, 'not.a.jwt')).toBeNull();
    // the same claims with the right key do verify (the cases above fail for the stated reason only)
    expect(await verifyAuthToken(app, app.storage, await make({ id: alice.id, collectionId: users.id, type: 'auth' }))).not.toBeNull();
  });

  it('marks non-refreshable tokens', async () => {
    const { app } = fakeApp([alice]);
    const token = await signAuthToken(app, users, alice, { refreshable: false });
    expect((await verifyAuthToken(app, app.storage, token))?.claims.refreshable).toBe(false);
  });

  it('signs every token kind with its own secret and never accepts one kind as another', async () => {
    const { app } = fakeApp([alice]);
    const token = await signRecordToken(app, users, alice, 'verification', { email: 'a@example.com' });
    expect(decodeJwt(token)).toMatchObject({ type: 'verification', email: 'a@example.com', exp: Date.parse('2025-01-01T00:00:00Z') / 1000 + 60 });
    expect((await verifyRecordToken(app, app.storage, token, 'verification'))?.claims.email).toBe('a@example.com');
    expect(await verifyRecordToken(app, app.storage, token, 'passwordReset')).toBeNull();
    expect(await verifyAuthToken(app, app.storage, token)).toBeNull();
    const auth = await signAuthToken(app, users, alice);
    expect(await verifyRecordToken(app, app.storage, auth, 'verification')).toBeNull();
  });
});
