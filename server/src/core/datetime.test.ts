import { describe, expect, it } from 'vitest';
import { formatDateTime, normalizeDateTime, parseDateTime } from './datetime.js';

describe('datetime', () => {
  it('formats in the PocketBase wire form', () => {
    expect(formatDateTime(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toBe('2024-01-02 03:04:05.006Z');
  });

  it.each([
    ['2024-01-02 03:04:05.123Z', '2024-01-02 03:04:05.123Z'],
    ['2024-01-02T03:04:05Z', '2024-01-02 03:04:05.000Z'],
    ['2024-01-02T03:04:05.1234567+01:30', '2024-01-02 01:34:05.123Z'],
    ['2024-01-02 03:04:05-0500', '2024-01-02 08:04:05.000Z'],
    ['2024-01-02 03:04', '2024-01-02 03:04:00.000Z'],
    ['2024-01-02', '2024-01-02 00:00:00.000Z'],
    ['1700000000', '2023-11-14 22:13:20.000Z'],
    [1700000000, '2023-11-14 22:13:20.000Z'],
    ['Tue, 14 Nov 2023 22:13:20 GMT', '2023-11-14 22:13:20.000Z'],
    ['', ''],
    ['2024-13-01', ''],
    ['2024-01-02 25:00:00', ''],
    ['yesterday', ''],
    [null, ''],
    [{}, ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeDateTime(input)).toBe(expected);
  });

  it('accepts Date objects', () => {
    expect(parseDateTime(new Date(0))?.getTime()).toBe(0);
    expect(parseDateTime(new Date(NaN))).toBeNull();
  });
});
