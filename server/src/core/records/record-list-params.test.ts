import { describe, expect, it } from 'vitest';
import { parseGoBool, parseListPaging } from './record-list-params.js';

describe('parseListPaging', () => {
  it('defaults to page 1 of 30 with totals', () => {
    expect(parseListPaging({})).toEqual({ page: 1, perPage: 30, skipTotal: false });
  });

  it('falls back to the defaults for values ≤ 0 and clamps perPage to 1000', () => {
    expect(parseListPaging({ page: '0', perPage: '0' })).toEqual({ page: 1, perPage: 30, skipTotal: false });
    expect(parseListPaging({ page: '-3', perPage: '-1' })).toMatchObject({ page: 1, perPage: 30 });
    expect(parseListPaging({ page: '+2', perPage: '5000' })).toMatchObject({ page: 2, perPage: 1000 });
  });

  it('rejects non-integers with a 400', () => {
    for (const bad of [{ page: 'abc' }, { page: '1.5' }, { perPage: ' 3' }, { perPage: '1e2' }, { page: '99999999999999999999' }]) {
      expect(() => parseListPaging(bad)).toThrow(expect.objectContaining({ status: 400 }));
    }
  });
});

describe('parseGoBool', () => {
  it('accepts exactly the spellings of Go strconv.ParseBool', () => {
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True']) expect(parseGoBool(t)).toBe(true);
    for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False']) expect(parseGoBool(f)).toBe(false);
    for (const bad of ['yes', 'tRUE', '2', 'on']) expect(() => parseGoBool(bad)).toThrow(expect.objectContaining({ status: 400 }));
  });
});
