/** Field type -> JSON Schema mapping (pure): one case per field type, plus a guard that every type is mapped. */
import { describe, expect, it } from 'vitest';
import { completeField } from '../../src/core/collections/collection-scaffold.js';
import { fieldTypeNames } from '../../src/core/collections/field-registry.js';
import type { Field } from '../../src/core/collections/model.js';
import { fieldSchemas, mappedFieldTypes } from '../../src/openapi/openapi-field-schemas.js';

const field = (type: string, options: Record<string, unknown> = {}): Field => completeField({ name: 'f', type, ...options });

describe('openapi field schemas', () => {
  it('maps every registered field type', () => {
    expect([...mappedFieldTypes].sort()).toEqual([...fieldTypeNames].sort());
  });

  it('select: one value is an enum (blank allowed unless required), several an array of the enum', () => {
    const single = fieldSchemas(field('select', { values: ['draft', 'live'], maxSelect: 1 }));
    expect(single.response).toEqual({ anyOf: [{ type: 'string', enum: ['draft', 'live'] }, { type: 'string', const: '' }] });
    expect(fieldSchemas(field('select', { values: ['a'], maxSelect: 1, required: true })).input).toEqual({ type: 'string', enum: ['a'] });

    const multi = fieldSchemas(field('select', { values: ['a', 'b', 'c'], maxSelect: 2 }));
    expect(multi.response).toEqual({ type: 'array', items: { type: 'string', enum: ['a', 'b', 'c'] }, uniqueItems: true });
    expect(multi.input).toMatchObject({ type: 'array', maxItems: 2 });
    expect(Object.keys(multi.modifiers ?? {})).toEqual(['f+', '+f', 'f-']);
  });

  it('relation: a single relation is an id string, a multiple one an array of ids with min/max', () => {
    const single = fieldSchemas(field('relation', { collectionId: 'pbc_9', maxSelect: 1, required: true }));
    expect(single.response).toMatchObject({ type: 'string' });
    expect(String(single.response?.description)).toBe('Id of a related record.');
    expect(fieldSchemas(field('relation', { collectionId: 'pbc_9', maxSelect: 1, required: true }), (id) => (id === 'pbc_9' ? 'tags' : undefined)).response).toMatchObject({ description: 'Id of a tags record.' });
    const multi = fieldSchemas(field('relation', { collectionId: 'pbc_9', maxSelect: 5, minSelect: 2 }));
    expect(multi.response).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(multi.input).toMatchObject({ type: 'array', minItems: 2, maxItems: 5 });
  });

  it('number: integer with onlyInt, bounds on input (0 stays allowed when optional), +/- modifiers', () => {
    const n = fieldSchemas(field('number', { onlyInt: true, min: 1, max: 10 }));
    expect(n.response).toEqual({ type: 'integer' });
    expect(n.input).toEqual({ anyOf: [{ type: 'integer', minimum: 1, maximum: 10 }, { type: 'integer', const: 0 }] });
    expect(n.modifiers).toMatchObject({ 'f+': { type: 'integer' }, 'f-': { type: 'integer' } });
    expect(fieldSchemas(field('number')).response).toEqual({ type: 'number' });
  });

  it('bool, date, json, geoPoint', () => {
    expect(fieldSchemas(field('bool')).response).toEqual({ type: 'boolean' });
    const date = fieldSchemas(field('date'));
    expect(date.response).toMatchObject({ type: 'string' });
    const pattern = new RegExp(String(date.response?.pattern));
    expect(pattern.test('2024-05-06 07:08:09.123Z')).toBe(true);
    expect(pattern.test('')).toBe(true);
    expect(pattern.test('yesterday')).toBe(false);
    expect(fieldSchemas(field('json')).response).not.toHaveProperty('type');
    expect(fieldSchemas(field('geoPoint')).response).toMatchObject({ type: 'object', required: ['lon', 'lat'], properties: { lat: { maximum: 90 } } });
  });

  it('email and url: strings (email with its format), blank allowed unless required; editor is HTML', () => {
    expect(fieldSchemas(field('email', { required: true })).response).toEqual({ type: 'string', format: 'email' });
    expect(fieldSchemas(field('email')).response).toEqual({ anyOf: [{ type: 'string', format: 'email' }, { type: 'string', const: '' }] });
    expect(fieldSchemas(field('url')).response).toMatchObject({ type: 'string' });
    expect(fieldSchemas(field('editor')).response).toEqual({ type: 'string', contentMediaType: 'text/html' });
  });

  it('autodate is response-only; password is input-only and write-only', () => {
    const autodate = fieldSchemas(field('autodate', { onCreate: true }));
    expect(autodate.response).toMatchObject({ type: 'string' });
    expect(autodate.input).toBeUndefined();
    const password = fieldSchemas(field('password', { min: 8, required: true }));
    expect(password.response).toBeUndefined();
    expect(password.input).toEqual({ type: 'string', writeOnly: true, minLength: 8 });
    expect(password.requiredOnCreate).toBe(true);
  });

  it('file: file names in responses and JSON, binary parts in multipart, uploads appended only through multipart', () => {
    const single = fieldSchemas(field('file', { maxSelect: 1 }));
    expect(single.response).toMatchObject({ anyOf: [{ type: 'string' }, { const: '' }] });
    expect(single.form).toMatchObject({ type: 'string', format: 'binary' });
    const multi = fieldSchemas(field('file', { maxSelect: 3, mimeTypes: ['image/png'] }));
    expect(multi.response).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(multi.form).toMatchObject({ type: 'array', items: { format: 'binary' }, maxItems: 3 });
    expect(String(multi.form?.description)).toContain('image/png');
    expect(Object.keys(multi.modifiers ?? {})).toEqual(['f-']);
    expect(Object.keys(multi.formModifiers ?? {})).toEqual(['f+', '+f']);
  });

  it('text: the primary key is create-only and optional when autogenerated; :autogenerate is an update modifier', () => {
    const id = fieldSchemas(field('text', { name: 'id', primaryKey: true, required: true, pattern: '^[a-z0-9]+$', autogeneratePattern: '[a-z0-9]{15}' }));
    expect(id.createOnly).toBe(true);
    expect(id.requiredOnCreate).toBe(false);
    expect(id.input).toMatchObject({ type: 'string', pattern: '^[a-z0-9]+$' });
    const code = fieldSchemas(field('text', { autogeneratePattern: '[A-Z]{4}' }));
    expect(Object.keys(code.modifiers ?? {})).toEqual(['f:autogenerate']);
    expect(fieldSchemas(field('text', { max: 10, required: true })).input).toEqual({ type: 'string', maxLength: 10 });
  });
});

describe('openapi field examples', () => {
  it('stay inside the field options, and a text with a custom pattern gets none', async () => {
    const { fieldExample } = await import('../../src/openapi/openapi-field-examples.js');
    expect(fieldExample(field('number', { min: 100, max: 200 }))).toBe(100);
    expect(fieldExample(field('number', { max: 10, onlyInt: true }))).toBe(10);
    const long = fieldExample(field('text', { min: 30, max: 40 })) as string;
    expect(long.length).toBeGreaterThanOrEqual(30);
    expect(long.length).toBeLessThanOrEqual(40);
    expect(fieldExample(field('text', { max: 3 }))).toHaveLength(3);
    expect(fieldExample(field('text', { pattern: '^[A-Z]{3}$' }))).toBeUndefined();
    expect(fieldExample(field('select', { values: ['x', 'y'], maxSelect: 2 }))).toEqual(['x']);
    expect((fieldExample(field('password', { min: 30 })) as string).length).toBeGreaterThanOrEqual(30);
    for (const type of mappedFieldTypes) expect(fieldExample(field(type, type === 'select' ? { values: ['v'] } : {})), type).toBeDefined();
  });
});
