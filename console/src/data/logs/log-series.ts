/**
 * `/api/logs/stats` lists only the hours that have entries (`{date: "YYYY-MM-DD HH:00:00.000Z", total}`); a chart
 * needs every hour of its window, so the missing ones become zeros. The window ends at the current hour (or the
 * last hour with entries, if later), starts at the first hour with entries, and spans minHours to maxHours.
 */
export interface HourPoint {
  /** Start of the hour, epoch ms. */
  t: number;
  /** Local time label for the axis. */
  label: string;
  total: number;
}

const HOUR = 3_600_000;

/** "2024-05-10 13:00:00.000Z" (the stats format) or an ISO string → epoch ms of the hour's start; NaN if unreadable. */
export function hourOf(date: string): number {
  const ms = Date.parse(date.trim().replace(' ', 'T'));
  return Number.isNaN(ms) ? NaN : Math.floor(ms / HOUR) * HOUR;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');
const label = (t: number) => {
  const d = new Date(t);
  return `${d.getMonth() + 1}/${d.getDate()} ${twoDigits(d.getHours())}:00`;
};

export function hourlySeries(stats: readonly { date: string; total: number }[], now: number, { minHours = 24, maxHours = 72 } = {}): HourPoint[] {
  const totals = new Map<number, number>();
  for (const s of stats) {
    const t = hourOf(s.date);
    if (!Number.isNaN(t)) totals.set(t, (totals.get(t) ?? 0) + s.total);
  }
  const last = Math.max(Math.floor(now / HOUR) * HOUR, ...totals.keys());
  const first = Math.max(Math.min(last - (minHours - 1) * HOUR, ...totals.keys()), last - (maxHours - 1) * HOUR);
  const out: HourPoint[] = [];
  for (let t = first; t <= last; t += HOUR) out.push({ t, label: label(t), total: totals.get(t) ?? 0 });
  return out;
}
