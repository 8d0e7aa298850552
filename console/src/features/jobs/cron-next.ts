/**
 * The next run of a cron expression, for display. The server fires schedules in UTC (cron-parser there): this
 * follows the same grammar for what Plinth accepts — 5 fields, or 6 with seconds first; `*`, `?`, lists, ranges,
 * steps, month and weekday names, the `@hourly`-style macros, and Vixie's rule that a restricted day-of-month
 * and day-of-week match either. Anything else (`L`, `W`, `#`) answers null: the console shows no next run
 * rather than a wrong one.
 */
const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  min: number;
  max: number;
  names?: string[];
  /** Offset of names[0] (months are 1-based). */
  nameBase?: number;
}
const SECOND: FieldSpec = { min: 0, max: 59 };
const MINUTE: FieldSpec = { min: 0, max: 59 };
const HOUR: FieldSpec = { min: 0, max: 23 };
const DOM: FieldSpec = { min: 1, max: 31 };
const MONTH: FieldSpec = { min: 1, max: 12, names: MONTHS, nameBase: 1 };
const DOW: FieldSpec = { min: 0, max: 7, names: DAYS, nameBase: 0 };

interface Field {
  values: Set<number>;
  /** `*` or `?`: no restriction (matters for the day-of-month / day-of-week rule). */
  any: boolean;
}

function value(token: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  const n = named >= 0 ? named + (spec.nameBase ?? 0) : /^\d+$/.test(token) ? Number(token) : NaN;
  if (!(n >= spec.min && n <= spec.max)) throw new Error(`bad value ${token}`);
  return n;
}

function parseField(text: string, spec: FieldSpec): Field {
  const values = new Set<number>();
  const any = text === '*' || text === '?';
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad step ${part}`);
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') [lo, hi] = [spec.min, spec.max];
    else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      [lo, hi] = [value(a, spec), value(b, spec)];
    } else {
      lo = value(range, spec);
      hi = stepText === undefined ? lo : spec.max;
    }
    if (lo > hi) throw new Error(`bad range ${part}`);
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return { values, any };
}

export interface CronSchedule {
  seconds: Field;
  minutes: Field;
  hours: Field;
  dom: Field;
  months: Field;
  dow: Field;
}

export function parseCron(expression: string): CronSchedule | null {
  const text = MACROS[expression.trim().toLowerCase()] ?? expression.trim();
  const parts = text.split(/\s+/);
  if (parts.length === 5) parts.unshift('0');
  if (parts.length !== 6) return null;
  try {
    const [s, m, h, d, mo, w] = parts as [string, string, string, string, string, string];
    const dow = parseField(w, DOW);
    if (dow.values.delete(7)) dow.values.add(0); // 7 is Sunday too
    return { seconds: parseField(s, SECOND), minutes: parseField(m, MINUTE), hours: parseField(h, HOUR), dom: parseField(d, DOM), months: parseField(mo, MONTH), dow };
  } catch {
    return null;
  }
}

function dayMatches(c: CronSchedule, t: Date): boolean {
  const dom = c.dom.values.has(t.getUTCDate());
  const dow = c.dow.values.has(t.getUTCDay());
  if (c.dom.any) return dow;
  if (c.dow.any) return dom;
  return dom || dow;
}

/** The first time strictly after `after` (UTC, whole seconds) at which the schedule fires, or null. */
export function nextRun(expression: string, after: Date): Date | null {
  const c = parseCron(expression);
  if (!c) return null;
  const t = new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000);
  // Each step skips at least one second and usually a whole unit; five years of misses means "never" (Feb 30).
  const limit = after.getTime() + 5 * 366 * 86_400_000;
  while (t.getTime() <= limit) {
    if (!c.months.values.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0);
    } else if (!dayMatches(c, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0);
    } else if (!c.hours.values.has(t.getUTCHours())) t.setUTCHours(t.getUTCHours() + 1, 0, 0);
    else if (!c.minutes.values.has(t.getUTCMinutes())) t.setUTCMinutes(t.getUTCMinutes() + 1, 0);
    else if (!c.seconds.values.has(t.getUTCSeconds())) t.setUTCSeconds(t.getUTCSeconds() + 1);
    else return t;
  }
  return null;
}
