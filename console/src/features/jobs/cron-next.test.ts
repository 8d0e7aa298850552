import { describe, expect, it } from 'vitest';
import { nextRun, parseCron } from './cron-next.js';

const at = (iso: string) => new Date(iso);
const next = (expr: string, from: string) => nextRun(expr, at(from))?.toISOString() ?? null;

describe('next cron run (UTC)', () => {
  it('handles the schedules Plinth registers', () => {
    expect(next('0 * * * *', '2024-05-10T12:34:56Z')).toBe('2024-05-10T13:00:00.000Z');
    expect(next('30 * * * *', '2024-05-10T12:34:56Z')).toBe('2024-05-10T13:30:00.000Z');
    expect(next('*/5 * * * *', '2024-05-10T12:34:56Z')).toBe('2024-05-10T12:35:00.000Z');
  });
  it('is strictly after the given time', () => {
    expect(next('0 * * * *', '2024-05-10T13:00:00Z')).toBe('2024-05-10T14:00:00.000Z');
  });
  it('rolls over days, months and years', () => {
    expect(next('15 3 * * *', '2024-12-31T04:00:00Z')).toBe('2025-01-01T03:15:00.000Z');
    expect(next('0 0 29 2 *', '2024-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(next('@monthly', '2024-01-31T10:00:00Z')).toBe('2024-02-01T00:00:00.000Z');
  });
  it('reads ranges, lists, steps and names', () => {
    expect(next('0 9-17/4 * * MON-FRI', '2024-05-10T18:00:00Z')).toBe('2024-05-13T09:00:00.000Z'); // Friday evening → Monday
    expect(next('0 0 1 jan,jul *', '2024-02-01T00:00:00Z')).toBe('2024-07-01T00:00:00.000Z');
    expect(next('0 0 * * 7', '2024-05-10T00:00:00Z')).toBe('2024-05-12T00:00:00.000Z'); // 7 is Sunday
  });
  it('takes a leading seconds field', () => {
    expect(next('*/20 * * * * *', '2024-05-10T12:00:05Z')).toBe('2024-05-10T12:00:20.000Z');
  });
  it('matches either day field when both are restricted', () => {
    // The 15th or any Monday: Monday 13 May comes first.
    expect(next('0 0 15 * 1', '2024-05-10T00:00:00Z')).toBe('2024-05-13T00:00:00.000Z');
  });
  it('answers null for what it cannot read or what never happens', () => {
    expect(parseCron('0 0 L * *')).toBeNull();
    expect(parseCron('61 * * * *')).toBeNull();
    expect(parseCron('* * *')).toBeNull();
    expect(next('0 0 30 2 *', '2024-01-01T00:00:00Z')).toBeNull();
  });
});
