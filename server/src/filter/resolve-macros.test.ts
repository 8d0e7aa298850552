import { describe, expect, it } from 'vitest';
import type { Condition } from './condition.js';
import { parseFilter } from './parser.js';
import { resolveFilter } from './resolve.js';
import { formatDateTime } from './resolve-macros.js';
import { options } from './test-fixtures.js';

const macroValue = (macro: string, now?: Date) =>
  ((resolveFilter(parseFilter(`created >= ${macro}`), options(now ? { now } : {})) as Extract<Condition, { kind: 'compare' }>)
    .right as { value: unknown }).value;

describe('datetime macros (now = 2024-03-15 13:45:30.250Z, a Friday)', () => {
  it.each([
    ['@now', '2024-03-15 13:45:30.250Z'],
    ['@yesterday', '2024-03-14 13:45:30.250Z'],
    ['@tomorrow', '2024-03-16 13:45:30.250Z'],
    ['@todayStart', '2024-03-15 00:00:00.000Z'],
    ['@todayEnd', '2024-03-15 23:59:59.999Z'],
    ['@monthStart', '2024-03-01 00:00:00.000Z'],
    ['@monthEnd', '2024-03-31 23:59:59.999Z'],
    ['@yearStart', '2024-01-01 00:00:00.000Z'],
    ['@yearEnd', '2024-12-31 23:59:59.999Z'],
    ['@second', 30],
    ['@minute', 45],
    ['@hour', 13],
    ['@day', 15],
    ['@month', 3],
    ['@weekday', 5],
    ['@year', 2024],
  ])('%s', (macro, expected) => {
    expect(macroValue(macro)).toBe(expected);
  });

  it('month end in a leap February and year boundaries for yesterday/tomorrow', () => {
    expect(macroValue('@monthEnd', new Date(Date.UTC(2024, 1, 10)))).toBe('2024-02-29 23:59:59.999Z');
    expect(macroValue('@yesterday', new Date(Date.UTC(2024, 0, 1, 5)))).toBe('2023-12-31 05:00:00.000Z');
    expect(macroValue('@tomorrow', new Date(Date.UTC(2023, 11, 31, 5)))).toBe('2024-01-01 05:00:00.000Z');
  });

  it('formats with zero padding', () => {
    expect(formatDateTime(new Date(Date.UTC(999, 0, 2, 3, 4, 5, 6)))).toBe('0999-01-02 03:04:05.006Z');
  });
});
