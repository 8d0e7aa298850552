import { describe, expect, it } from 'vitest';
import { tokenize } from '../../server/src/filter/lexer.js';
import { filter, filterBuilder, literal, quote } from './filter.js';

const tricky = [
  '',
  'plain',
  'with "double" and \'single\' quotes',
  'back\\slash',
  'backslash before quote \\" here',
  '\\\\"\\',
  'new\nline\r\ttab',
  'control \u0000\u0001\u001f\u007f chars',
  'unicode ✓ 𝄞 \u2028',
  '{:notAParam} %like_ wildcards',
  '"',
  '\\"',
  '// not a comment',
];

describe('filter literals', () => {
  it('round-trip exactly through the server lexer', () => {
    for (const value of tricky.filter((v) => !v.endsWith('\\'))) {
      const tokens = tokenize(`title = ${quote(value)}`);
      expect(tokens.map((t) => t.type)).toEqual(['identifier', 'sign', 'text', 'eof']);
      expect(tokens[2].text).toBe(value);
    }
  });

  it('refuses a value ending in a backslash (the language cannot express it)', () => {
    expect(() => quote('ends with \\')).toThrow(RangeError);
  });

  it('formats numbers, booleans, null, dates and JSON as the lexer reads them', () => {
    expect(literal(42)).toBe('42');
    expect(literal(-1.5)).toBe('-1.5');
    expect(literal(1e21)).toBe('1000000000000000000000');
    expect(literal(1.5e-7)).toBe('0.00000015');
    expect(literal(-1.25e22)).toBe('-12500000000000000000000');
    for (const n of [1e21, 1.5e-7, -3e-10, 123.456]) {
      const [tok] = tokenize(literal(n));
      expect(tok.type).toBe('number');
      expect(Number(tok.text)).toBe(n);
    }
    expect(() => literal(NaN)).toThrow(RangeError);
    expect(literal(true)).toBe('true');
    expect(literal(null)).toBe('null');
    expect(literal(undefined)).toBe('null');
    expect(literal(new Date('2026-01-02T03:04:05.678Z'))).toBe('"2026-01-02 03:04:05.678Z"');
    expect(tokenize(literal(['a', 'b"c']))[0].text).toBe('["a","b\\"c"]');
    expect(tokenize(literal({ k: 'v"' }))[0].text).toBe('{"k":"v\\""}');
  });

  it('builds expressions', () => {
    const f = filterBuilder<{ title: string; views: number; tags: string[] }>();
    expect(String(f.and(f.eq('title', 'a'), f.or(f.gt('views', 1), f.anyLike('tags', 'x')), null, false))).toBe(
      '(title = "a") && ((views > 1) || (tags ?~ "x"))',
    );
    expect(String(f.and(f.eq('title', 'only')))).toBe('title = "only"');
    expect(String(f.and())).toBe('');
    expect(String(f.oneOf('views', [1, 2]))).toBe('(views = 1) || (views = 2)');
    expect(String(f.oneOf('views', []))).toBe('1 = 2');
    expect(String(f.has('tags', 'a'))).toBe('tags:each ?= "a"');
    expect(String(f.notLike('title', 'x'))).toBe('title !~ "x"');
    expect(String(f.anyNeq('tags', 'x'))).toBe('tags ?!= "x"');
    expect(() => f.eq('title) || (1' as 'title', 'x')).toThrow(RangeError);
  });

  it('binds {:name} placeholders once, leaving unknown ones alone', () => {
    expect(String(filter('a = {:a} && b = {:b} && c = {:c}', { a: '{:b}', b: 2 }))).toBe('a = "{:b}" && b = 2 && c = {:c}');
  });
});
