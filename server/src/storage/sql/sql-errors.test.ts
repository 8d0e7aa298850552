import { describe, expect, it } from 'vitest';
import { StorageError } from '../port.js';
import { physicalIndexName } from './sql-index-ddl.js';
import { columnsFromDetail, translateError } from './sql-errors.js';

const table = {
  id: 'pbc_123',
  name: 'users',
  columns: [],
  indexes: [{ name: 'idx_email', unique: true, columns: [{ name: 'email', nocase: true, desc: false }] }],
};

describe('translateError', () => {
  it('parses column names from unique violation details', () => {
    expect(columnsFromDetail('Key (email)=(a@b.c) already exists.')).toEqual(['email']);
    expect(columnsFromDetail('Key (lower("Email"), "b c")=(x, y) already exists.')).toEqual(['Email', 'b c']);
    expect(columnsFromDetail(undefined)).toEqual([]);
  });

  it('maps our own index names back to the indexed columns', () => {
    const err = translateError({ code: '23505', constraint: physicalIndexName(table, table.indexes[0]), detail: 'Key (lower(x))=(1)' }, table);
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ kind: 'unique', fields: ['email'] });
    expect(translateError({ code: '23505', constraint: 'users_pkey' }, table)).toMatchObject({ kind: 'unique', fields: ['id'] });
  });

  it('keeps long index names within the identifier limit and still maps them', () => {
    const long = { ...table, indexes: [{ ...table.indexes[0], name: 'x'.repeat(80) }] };
    const name = physicalIndexName(long, long.indexes[0]);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
    expect(translateError({ code: '23505', constraint: name }, long)).toMatchObject({ fields: ['email'] });
  });

  it('classifies other driver errors', () => {
    expect(translateError({ code: '23502', column: 'title' })).toMatchObject({ kind: 'not_null', fields: ['title'] });
    expect(translateError({ code: '23503', detail: 'Key (post)=(p1) is not present' })).toMatchObject({ kind: 'foreign_key', fields: ['post'] });
    expect(translateError({ code: '22P02', message: 'invalid input syntax' })).toMatchObject({ kind: 'invalid_value' });
    expect(translateError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({ kind: 'unavailable' });
    expect(translateError({ code: '08006', message: 'connection failure' })).toMatchObject({ kind: 'unavailable' });
  });

  it('leaves unrelated errors untouched', () => {
    const own = Object.assign(new Error('nope'), { code: 'bad_request' });
    expect(translateError(own)).toBe(own);
    const numeric = Object.assign(new Error('x'), { code: 400 });
    expect(translateError(numeric)).toBe(numeric);
  });
});
