import { describe, expect, it } from 'vitest';
import type { StorageSession, StoredCollection } from '../../storage/port.js';
import { AppError } from '../errors.js';
import { superusersCollection, usersCollection } from './collection-builtins.js';
import { createCollectionRegistry } from './registry.js';

const sessionWith = (docs: unknown[]): StorageSession =>
  ({ listCollections: async (): Promise<StoredCollection[]> => docs.map((d) => ({ id: (d as { id: string }).id, document: d })) }) as StorageSession;

describe('collection registry', () => {
  it('finds by exact id or case-insensitive name and caches derived schemas per load', async () => {
    const registry = createCollectionRegistry();
    expect(registry.version).toBe(0);
    await registry.load(sessionWith([superusersCollection(), usersCollection()]));
    expect(registry.version).toBe(1);
    expect(registry.get('_pb_users_auth_')?.name).toBe('users');
    expect(registry.get('UsErS')?.id).toBe('_pb_users_auth_');
    expect(registry.get('_PB_USERS_AUTH_')).toBeUndefined();
    expect(registry.all()).toHaveLength(2);

    const users = registry.get('users')!;
    const table = registry.table(users);
    expect(registry.table(users)).toBe(table);
    expect(table.columns.map((c) => c.name)).toContain('tokenKey');
    expect(table.indexes.map((i) => [i.name, i.unique])).toEqual([
      ['idx_tokenKey__pb_users_auth_', true],
      ['idx_email__pb_users_auth_', true],
    ]);
    expect(table.indexes[1].where).toMatchObject({ kind: 'compare', op: 'neq', right: { kind: 'literal', value: '' } });

    const schema = registry.schema.collection('USERS')!;
    expect(schema.uniqueFields.sort()).toEqual(['email', 'tokenKey']);
    expect(schema.fields.find((f) => f.name === 'password')).toMatchObject({ hidden: true, storage: 'text' });
    expect(registry.schema.collection('users')).toBe(schema);

    await registry.load(sessionWith([superusersCollection()]));
    expect(registry.version).toBe(2);
    expect(registry.get('users')).toBeUndefined();
    expect(registry.schema.collection('users')).toBeUndefined();
  });

  it('require throws a 404 AppError', () => {
    const registry = createCollectionRegistry();
    expect(() => registry.require('nope')).toThrow(AppError);
    try {
      registry.require('nope');
    } catch (err) {
      expect((err as AppError).status).toBe(404);
      expect((err as AppError).message).toBe('Missing collection context.');
    }
  });
});
