/** `plinth superuser upsert` / PLINTH_SUPERUSER_*: the same password keeps sessions, a new one revokes them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAuthToken, verifyAuthToken } from '../../src/core/auth/auth-token.js';
import { upsertSuperuser } from '../../src/core/auth/superuser-upsert.js';
import { SUPERUSERS } from '../../src/core/collections/collection-builtins.js';
import type { AuthOptions, Collection } from '../../src/core/collections/model.js';
import { idEquals } from '../../src/core/rules/condition-build.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('superuser upsert', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
  });
  afterAll(() => t?.close());

  async function tokenFor(id: string): Promise<string> {
    const collection = t.app.collections.require(SUPERUSERS) as Collection & AuthOptions;
    const [record] = await t.app.storage.find({ table: t.app.collections.table(collection), where: idEquals(id) });
    return signAuthToken(t.app, collection, record);
  }

  it('creates, keeps tokens on the same password, revokes them on a new one', async () => {
    const first = await upsertSuperuser(t.app, 'root@example.com', 'root-pass-123');
    expect(first.created).toBe(true);
    const token = await tokenFor(first.id);
    expect(await verifyAuthToken(t.app, t.app.storage, token)).not.toBeNull();

    const again = await upsertSuperuser(t.app, 'root@example.com', 'root-pass-123');
    expect(again).toEqual({ id: first.id, created: false });
    expect(await verifyAuthToken(t.app, t.app.storage, token)).not.toBeNull();

    await upsertSuperuser(t.app, 'root@example.com', 'a-new-pass-456');
    expect(await verifyAuthToken(t.app, t.app.storage, token)).toBeNull();
  });
});
