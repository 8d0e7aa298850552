import { describe, expect, it } from 'vitest';
import { defaultFieldId } from '../../ids.js';
import { fieldType } from '../field-registry.js';
import { ctx, field } from './field-test-helpers.js';

const cases: [string, Record<string, unknown>, unknown, unknown][] = [
  ['text', {}, 'abc', 'abc'],
  ['text', {}, 12.5, '12.5'],
  ['text', {}, true, 'true'],
  ['text', {}, null, ''],
  ['text', {}, { a: 1 }, ''],
  ['editor', {}, '<p>x</p>', '<p>x</p>'],
  ['number', {}, '12.5', 12.5],
  ['number', {}, '', 0],
  ['number', {}, 'abc', 0],
  ['number', {}, true, 1],
  ['number', {}, 7, 7],
  ['bool', {}, 'true', true],
  ['bool', {}, '1', true],
  ['bool', {}, 'false', false],
  ['bool', {}, '0', false],
  ['bool', {}, 1, true],
  ['bool', {}, null, false],
  ['email', {}, 'a@b.co', 'a@b.co'],
  ['url', {}, 'https://x.io', 'https://x.io'],
  ['date', {}, '2024-01-02T03:04:05Z', '2024-01-02 03:04:05.000Z'],
  ['date', {}, '2024-01-02 03:04:05.5+02:00', '2024-01-02 01:04:05.500Z'],
  ['date', {}, '2024-01-02', '2024-01-02 00:00:00.000Z'],
  ['date', {}, 0, '1970-01-01 00:00:00.000Z'],
  ['date', {}, '1700000000', '2023-11-14 22:13:20.000Z'],
  ['date', {}, '', ''],
  ['date', {}, 'not a date', ''],
  ['autodate', {}, '2024-01-02T03:04:05Z', '2024-01-02 03:04:05.000Z'],
  ['select', { values: ['a', 'b', 'c'] }, ['a', 'b'], 'b'],
  ['select', { values: ['a', 'b', 'c'] }, 'a', 'a'],
  ['select', { values: ['a', 'b', 'c'] }, [], ''],
  ['select', { values: ['a', 'b', 'c'], maxSelect: 3 }, ['a', 'b', 'a', ''], ['a', 'b']],
  ['select', { values: ['a', 'b', 'c'], maxSelect: 3 }, 'c', ['c']],
  ['select', { values: ['a', 'b', 'c'], maxSelect: 3 }, '["a","c"]', ['a', 'c']],
  ['select', { values: ['a', 'b', 'c'], maxSelect: 3 }, '', []],
  ['select', { values: ['a', 'b', 'c'], maxSelect: 3 }, null, []],
  ['relation', { collectionId: 'x', maxSelect: 5 }, ['r1', 'r2', 'r1'], ['r1', 'r2']],
  ['relation', { collectionId: 'x' }, '["r1","r2"]', 'r2'],
  ['json', {}, { a: [1] }, { a: [1] }],
  ['json', {}, '[1,2]', '[1,2]'],
  ['json', {}, undefined, null],
  ['json', {}, 0, 0],
  ['password', {}, 'secret123', 'secret123'],
  ['geoPoint', {}, { lon: '1.5', lat: 2 }, { lon: 1.5, lat: 2 }],
  ['geoPoint', {}, '{"lon":3,"lat":4}', { lon: 3, lat: 4 }],
  ['geoPoint', {}, 'junk', { lon: 0, lat: 0 }],
];

describe('prepareValue', () => {
  it.each(cases)('%s %j: %j -> %j', (type, options, raw, expected) => {
    const f = field(type, options);
    expect(fieldType(type)!.prepareValue(f, raw, ctx())).toEqual(expected);
  });
});

describe('defaults and storage', () => {
  const table: [string, Record<string, unknown>, unknown, string][] = [
    ['text', {}, '', 'text'],
    ['number', {}, 0, 'number'],
    ['bool', {}, false, 'bool'],
    ['json', {}, null, 'json'],
    ['select', { values: ['a'], maxSelect: 2 }, [], 'list'],
    ['select', { values: ['a'] }, '', 'text'],
    ['relation', { maxSelect: 2 }, [], 'list'],
    ['geoPoint', {}, { lon: 0, lat: 0 }, 'geo'],
    ['date', {}, '', 'text'],
  ];
  it.each(table)('%s %j', (type, options, def, storage) => {
    const f = field(type, options);
    expect(fieldType(type)!.defaultValue(f)).toEqual(def);
    expect(fieldType(type)!.storage(f)).toBe(storage);
  });
});

describe('toJSON', () => {
  it('never serialises passwords', () => {
    expect(fieldType('password')!.toJSON!(field('password'), 'hash')).toBeUndefined();
  });
  it('keeps json null and geo points', () => {
    expect(fieldType('json')!.toJSON!(field('json'), undefined)).toBeNull();
    expect(fieldType('geoPoint')!.toJSON!(field('geoPoint'), { lon: 1, lat: 2 })).toEqual({ lon: 1, lat: 2 });
  });
});

describe('normalizeOptions', () => {
  it('completes option sets and omits required on autodate', () => {
    const auto = field('autodate', { onCreate: true });
    expect(auto).not.toHaveProperty('required');
    expect(auto).toMatchObject({ onCreate: true, onUpdate: false, help: '', hidden: false, system: false });
    expect(field('number')).toMatchObject({ min: null, max: null, onlyInt: false, required: false });
    expect(field('text').id).toBe(defaultFieldId('text', 'f'));
  });
});
