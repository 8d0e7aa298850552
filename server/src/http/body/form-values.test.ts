import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { FormValues, decodeUrlEncoded, inferScalar, parseJsonObject } from './form-values.js';

describe('scalar inference of form values', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['12', 12],
    ['-3.5', -3.5],
    ['0', 0],
    ['0001', '0001'],
    ['1e3', '1e3'],
    ['0.0', '0.0'],
    ['+1', '+1'],
    ['', ''],
    ['True', 'True'],
    ['Infinity', 'Infinity'],
    ['0x10', '0x10'],
    ['abc', 'abc'],
  ])('%j → %j', (raw, expected) => {
    expect(inferScalar(raw)).toBe(expected);
  });
});

describe('FormValues', () => {
  it('turns repeated keys into arrays and merges @jsonPayload parts on top (later wins)', () => {
    const form = new FormValues();
    form.add('tags', 'a');
    form.add('tags', '2');
    form.add('title', 'plain');
    form.add('@jsonPayload', '{"title":"from json","meta":{"x":1}}');
    form.add('@jsonPayload', '{"meta":[1,2]}');
    expect(form.toObject()).toEqual({ tags: ['a', 2], title: 'from json', meta: [1, 2] });
  });

  it('rejects a @jsonPayload that is not a JSON object', () => {
    const form = new FormValues();
    form.add('@jsonPayload', '[1]');
    expect(() => form.toObject()).toThrow(AppError);
    const broken = new FormValues();
    broken.add('@jsonPayload', '{nope');
    expect(() => broken.toObject()).toThrow(AppError);
  });

  it('decodes urlencoded bodies the same way', () => {
    expect(decodeUrlEncoded('a=1&a=x&b=true&c=&d=007')).toEqual({ a: [1, 'x'], b: true, c: '', d: '007' });
  });

  it('parses JSON objects; empty and null are {}', () => {
    expect(parseJsonObject('')).toEqual({});
    expect(parseJsonObject('null')).toEqual({});
    expect(parseJsonObject('{"n":1.5}')).toEqual({ n: 1.5 });
    expect(() => parseJsonObject('"str"')).toThrow(AppError);
  });
});
