import { describe, expect, it } from 'vitest';
import { fieldType } from '../field-registry.js';
import { ctx, field } from './field-test-helpers.js';

type Case = [string, Record<string, unknown>, unknown, string | null, Record<string, unknown>?];

const cases: Case[] = [
  ['text', { required: true }, '', 'validation_required'],
  ['text', {}, '', null],
  ['text', { min: 3 }, 'ab', 'validation_min_text_constraint', { min: 3 }],
  ['text', { max: 3 }, 'abcd', 'validation_max_text_constraint', { max: 3 }],
  ['text', {}, 'x'.repeat(5001), 'validation_max_text_constraint', { max: 5000 }],
  ['text', { max: 2 }, 'éé', null],
  ['text', { pattern: '^[a-z]+$' }, 'abc1', 'validation_invalid_format'],
  ['text', { pattern: '^[a-z]+$' }, 'abc', null],
  ['editor', { required: true }, '', 'validation_required'],
  ['editor', { maxSize: 3 }, 'abcd', 'validation_content_size_limit', { maxSize: 3 }],
  ['number', { required: true }, 0, 'validation_required'],
  ['number', {}, NaN, 'validation_not_a_number'],
  ['number', {}, Infinity, 'validation_not_a_number'],
  ['number', { onlyInt: true }, 1.5, 'validation_only_int_constraint'],
  ['number', { min: 2 }, 1, 'validation_min_number_constraint', { min: 2 }],
  ['number', { max: 2 }, 3, 'validation_max_number_constraint', { max: 2 }],
  ['number', { min: 2 }, 0, null],
  ['bool', { required: true }, false, 'validation_required'],
  ['bool', { required: true }, true, null],
  ['email', {}, 'nope', 'validation_is_email'],
  ['email', {}, 'a@b.co', null],
  ['email', { onlyDomains: ['x.io'] }, 'a@b.co', 'validation_email_domain_not_allowed'],
  ['email', { exceptDomains: ['b.co'] }, 'a@b.co', 'validation_email_domain_not_allowed'],
  ['url', {}, 'not a url', 'validation_invalid_url'],
  ['url', {}, 'https://example.com/a?b=1', null],
  ['url', { onlyDomains: ['x.io'] }, 'https://example.com', 'validation_url_domain_not_allowed'],
  ['url', { exceptDomains: ['example.com'] }, 'https://example.com/x', 'validation_url_domain_not_allowed'],
  ['date', { required: true }, '', 'validation_required'],
  ['date', { min: '2024-01-01 00:00:00.000Z' }, '2023-12-31 23:59:59.000Z', 'validation_min_greater_equal_than_required'],
  ['date', { max: '2024-01-01 00:00:00.000Z' }, '2024-01-02 00:00:00.000Z', 'validation_max_less_equal_than_required'],
  ['select', { values: ['a', 'b'], required: true }, '', 'validation_required'],
  ['select', { values: ['a', 'b'] }, 'z', 'validation_invalid_value', { value: 'z' }],
  ['select', { values: ['a', 'b', 'c'], maxSelect: 2 }, ['a', 'b', 'c'], 'validation_too_many_values', { maxSelect: 2 }],
  ['relation', { collectionId: 'x', minSelect: 2, maxSelect: 3 }, ['a'], 'validation_not_enough_values', { minSelect: 2 }],
  ['relation', { collectionId: 'x', maxSelect: 2 }, ['a', 'b', 'c'], 'validation_too_many_values', { maxSelect: 2 }],
  ['relation', { collectionId: 'x', required: true }, [], 'validation_required'],
  ['json', { required: true }, {}, 'validation_required'],
  ['json', { required: true }, [], 'validation_required'],
  ['json', { required: true }, '', 'validation_required'],
  ['json', { required: true }, 0, null],
  ['json', { maxSize: 5 }, { abc: 1 }, 'validation_json_size_limit', { maxSize: 5 }],
  ['password', { required: true }, '', 'validation_required'],
  ['password', { min: 8 }, 'short', 'validation_min_text_constraint'],
  ['password', {}, 'x'.repeat(72), 'validation_max_text_constraint'],
  ['password', { pattern: '\\d' }, 'abcdefgh', 'validation_invalid_format'],
  ['geoPoint', { required: true }, { lon: 0, lat: 0 }, 'validation_required'],
  ['geoPoint', {}, { lon: 0, lat: 91 }, 'validation_invalid_latitude'],
  ['geoPoint', {}, { lon: 181, lat: 0 }, 'validation_invalid_longitude'],
  ['geoPoint', {}, { lon: 10, lat: 10 }, null],
];

describe('validateValue', () => {
  it.each(cases)('%s %j %j -> %s', (type, options, value, code, params) => {
    const f = field(type, options);
    const err = fieldType(type)!.validateValue(f, value, ctx());
    expect(err?.code ?? null).toBe(code);
    if (params) expect(err?.params).toEqual(params);
    if (err) expect(err.message).toMatch(/^[A-Z].*[.!?]$/);
  });

  it('uses PocketBase messages', () => {
    const sel = field('select', { values: ['a', 'b', 'c'], maxSelect: 2 });
    expect(fieldType('select')!.validateValue(sel, ['a', 'b', 'c'], ctx())).toEqual({
      code: 'validation_too_many_values',
      message: 'Select no more than 2.',
      params: { maxSelect: 2 },
    });
    expect(fieldType('text')!.validateValue(field('text', { required: true }), '', ctx())?.message).toBe('Cannot be blank.');
  });

  it('forbids changing a primary key', () => {
    const id = field('text', { name: 'id', primaryKey: true, required: true, pattern: '^[a-z0-9]+$' });
    const err = fieldType('text')!.validateValue(id, 'other', ctx({ isNew: false, existing: { id: 'abc' } }));
    expect(err?.code).toBe('validation_pk_change');
  });
});

describe('validateOptions', () => {
  const collection = ctx().collection;
  const lookup = (id: string) => (id === 'pbc_view' ? { ...collection, id, type: 'view' as const } : id === 'pbc_x' ? { ...collection, id } : undefined);
  const table: [string, Record<string, unknown>, string, string | null][] = [
    ['select', { values: [] }, 'values', 'validation_required'],
    ['select', { values: ['a'], maxSelect: 3 }, 'maxSelect', 'validation_max_less_equal_than_required'],
    ['relation', { collectionId: '' }, 'collectionId', 'validation_required'],
    ['relation', { collectionId: 'missing' }, 'collectionId', 'validation_field_relation_missing_collection'],
    ['relation', { collectionId: 'pbc_view' }, 'collectionId', 'validation_relation_field_non_view_base_collection'],
    ['relation', { collectionId: 'pbc_x', minSelect: 2 }, 'maxSelect', 'validation_required'],
    ['autodate', {}, 'onCreate', 'validation_required'],
    ['password', { min: 80 }, 'min', 'validation_max_less_equal_than_required'],
    ['text', { pattern: '([' }, 'pattern', 'validation_invalid_regex'],
    ['text', { autogeneratePattern: '[a-z]{3}', max: 2 }, 'autogeneratePattern', 'validation_invalid_autogenerate_pattern_value'],
    ['text', { autogeneratePattern: '(a|b)' }, 'autogeneratePattern', 'validation_invalid_autogenerate_pattern'],
    ['number', { min: 5, max: 1 }, 'max', 'validation_min_number_constraint'],
    ['number', { onlyInt: true, min: 1.5 }, 'min', 'validation_only_int_constraint'],
    ['date', { min: '2024-02-01', max: '2024-01-01' }, 'max', 'validation_date_out_of_range'],
  ];
  it.each(table)('%s %j -> %s %s', (type, options, key, code) => {
    const raw = { ...field(type), ...options };
    const errs = fieldType(type)!.validateOptions(raw, collection, lookup);
    expect((errs?.[key] as { code?: string } | undefined)?.code ?? null).toBe(code);
  });

  it('accepts valid options', () => {
    expect(fieldType('relation')!.validateOptions(field('relation', { collectionId: 'pbc_x', maxSelect: 3 }), collection, lookup)).toBeNull();
    expect(fieldType('select')!.validateOptions(field('select', { values: ['a', 'b'], maxSelect: 2 }), collection, lookup)).toBeNull();
  });
});
