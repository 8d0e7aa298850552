import { describe, expect, it } from 'vitest';
import { hourlySeries, hourOf } from './log-series.js';

const NOW = Date.parse('2024-05-10T13:25:00Z');

describe('hourly request series', () => {
  it('reads the stats date format', () => {
    expect(hourOf('2024-05-10 13:00:00.000Z')).toBe(Date.parse('2024-05-10T13:00:00Z'));
    expect(hourOf('2024-05-10T13:42:10.5Z')).toBe(Date.parse('2024-05-10T13:00:00Z'));
    expect(hourOf('nope')).toBeNaN();
  });

  it('fills the hours without entries with zeros, up to the current hour', () => {
    const series = hourlySeries(
      [
        { date: '2024-05-10 09:00:00.000Z', total: 4 },
        { date: '2024-05-10 11:00:00.000Z', total: 2 },
      ],
      NOW,
      { minHours: 1 },
    );
    expect(series.map((p) => new Date(p.t).toISOString().slice(11, 13))).toEqual(['09', '10', '11', '12', '13']);
    expect(series.map((p) => p.total)).toEqual([4, 0, 2, 0, 0]);
    expect(series[0]!.label).toMatch(/\d+\/\d+ \d\d:00/);
  });

  it('keeps only the last maxHours hours', () => {
    const series = hourlySeries([{ date: '2024-05-01 00:00:00.000Z', total: 1 }, { date: '2024-05-10 12:00:00.000Z', total: 3 }], NOW, { maxHours: 3 });
    expect(series.map((p) => p.total)).toEqual([0, 3, 0]);
  });

  it('spans at least minHours (24 by default), zeros when nothing matches the filter', () => {
    const series = hourlySeries([], NOW);
    expect(series).toHaveLength(24);
    expect(series.every((p) => p.total === 0)).toBe(true);
    expect(series.at(-1)!.t).toBe(Date.parse('2024-05-10T13:00:00Z'));
  });

  it('extends the window to an hour with entries after now (clock skew)', () => {
    const series = hourlySeries([{ date: '2024-05-10 15:00:00.000Z', total: 1 }], NOW, { minHours: 1 });
    expect(series.map((p) => p.total)).toEqual([1]);
    expect(hourlySeries([{ date: '2024-05-10 15:00:00.000Z', total: 1 }], NOW).at(-1)!.total).toBe(1);
  });
});
