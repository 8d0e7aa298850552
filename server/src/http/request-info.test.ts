import { describe, expect, it } from 'vitest';
import { bearerToken } from './middleware/auth.js';
import { buildRequestInfo, firstQueryValues, snakeCaseHeaders } from './request-info.js';

describe('request info for rules', () => {
  it('keeps the first value of each query parameter', () => {
    expect(firstQueryValues({ a: ['1', '2'], b: 'x' })).toEqual({ a: '1', b: 'x' });
    expect(firstQueryValues(new URLSearchParams('a=1&a=2&b=&c=3'))).toEqual({ a: '1', b: '', c: '3' });
  });

  it('lower-cases and snake_cases header names', () => {
    expect(snakeCaseHeaders({ 'X-Custom-Token': 'v', 'content-type': 'application/json', 'set-cookie': ['a', 'b'] as never })).toEqual({
      x_custom_token: 'v',
      content_type: 'application/json',
      set_cookie: 'a',
    });
  });

  it('builds a guest RequestInfo in the default context', () => {
    expect(buildRequestInfo({ auth: null, method: 'get', query: { q: '1' }, headers: {} })).toEqual({
      auth: null,
      method: 'GET',
      query: { q: '1' },
      headers: {},
      body: {},
      context: 'default',
    });
  });

  it('accepts bare tokens and a case-insensitive Bearer prefix', () => {
    expect(bearerToken('abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('  bEaReR   abc ')).toBe('abc');
    expect(bearerToken('')).toBe('');
  });
});
