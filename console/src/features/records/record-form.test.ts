import { describe, expect, it } from 'vitest';
import type { CollectionModel } from '@plinth/sdk';
import { createDefaultFieldRegistry } from '../../fields/default-registry.js';
import { formFields, initialValues, toPayload, validateValues } from './record-form.js';

const users: CollectionModel = {
  id: 'c1', name: 'users', type: 'auth', system: false, indexes: [],
  listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null,
  fields: [
    { name: 'id', type: 'text', system: true },
    { name: 'password', type: 'password', hidden: true, system: true },
    { name: 'tokenKey', type: 'text', hidden: true, system: true },
    { name: 'email', type: 'email' },
    { name: 'age', type: 'number' },
    { name: 'prefs', type: 'json' },
    { name: 'created', type: 'autodate', onCreate: true },
  ],
};
const registry = createDefaultFieldRegistry();

describe('record form', () => {
  it('renders every field but id, tokenKey and the password (which has its own inputs)', () => {
    expect(formFields(users).map((f) => f.name)).toEqual(['email', 'age', 'prefs', 'created']);
  });

  it('starts from the stored record, JSON as editable text', () => {
    const values = initialValues(users, registry, { id: 'u1', email: 'a@b.co', age: 3, prefs: { dark: true }, created: 'x' });
    expect(values).toEqual({ email: 'a@b.co', age: 3, prefs: '{\n  "dark": true\n}', created: 'x' });
  });

  it('builds the request body: read-only fields out, JSON parsed, password only when set', () => {
    const values = { email: 'a@b.co', age: '', prefs: '{"dark": false}', created: 'x' };
    expect(toPayload(users, registry, values, { password: '', passwordConfirm: '' })).toEqual({ email: 'a@b.co', age: 0, prefs: { dark: false } });
    expect(toPayload(users, registry, values, { password: 'pw-12345678', passwordConfirm: 'pw-12345678' })).toMatchObject({ password: 'pw-12345678', passwordConfirm: 'pw-12345678' });
  });

  it('reports invalid JSON before anything is sent', () => {
    expect(validateValues(users, registry, { prefs: '{nope' })).toHaveProperty('prefs');
    expect(validateValues(users, registry, { prefs: '[1]' })).toEqual({});
  });
});
