/**
 * SQLite `strftime(format, time, modifiers...)` over PocketBase's text datetimes, evaluated in memory (the
 * aggregation operators it would need are missing on FerretDB v1). Format and modifiers must be literals; an
 * unparseable time, format code or modifier yields '' as PocketBase's NULL normalisation does.
 */
import type { Operand, Scalar } from '../../filter/condition.js';

const DATETIME = /^\s*(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])([ T]([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d(\.\d+)?))?)?\s*(Z|[-+]00:00)?\s*$/;
const SHIFT = /^([-+]?\d+(\.\d+)?|[-+]?\.\d+)\s*(day|hour|minute|second|month|year)s?$/;
const MS = { day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 } as const;

function parseTime(text: string): Date | undefined {
  const m = DATETIME.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, 1, Number(m[5] ?? 0), Number(m[6] ?? 0)) + (Number(m[3]) - 1) * MS.day;
  return new Date(ms + Math.round(Number(m[8] ?? 0) * 1000));
}

function applyModifier(modifier: string, t: Date): Date | undefined {
  const m = modifier.trim().toLowerCase().replace(/\s+/g, ' ');
  const start = /^start of (month|year|day)$/.exec(m);
  if (start) {
    const month = start[1] === 'year' ? 0 : t.getUTCMonth();
    const day = start[1] === 'day' ? t.getUTCDate() : 1;
    return new Date(Date.UTC(t.getUTCFullYear(), month, day));
  }
  const shift = SHIFT.exec(m);
  if (shift) {
    const amount = Number(shift[1]);
    const unit = shift[3] as 'day' | 'hour' | 'minute' | 'second' | 'month' | 'year';
    if (unit === 'month' || unit === 'year') {
      const shifted = new Date(t);
      shifted.setUTCMonth(t.getUTCMonth() + Math.trunc(amount) * (unit === 'year' ? 12 : 1));
      return shifted;
    }
    return new Date(t.getTime() + amount * MS[unit]);
  }
  const weekday = /^weekday ([0-6])$/.exec(m);
  if (weekday) return new Date(t.getTime() + ((Number(weekday[1]) - t.getUTCDay() + 7) % 7) * MS.day);
  return ['utc', 'localtime', 'subsec', 'auto'].includes(m) ? t : undefined;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function dayOfYear(t: Date): number {
  return Math.floor((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / MS.day) + 1;
}

function formatCode(code: string, t: Date): string | undefined {
  switch (code) {
    case 'Y':
      return pad(t.getUTCFullYear(), 4);
    case 'm':
      return pad(t.getUTCMonth() + 1);
    case 'd':
      return pad(t.getUTCDate());
    case 'H':
      return pad(t.getUTCHours());
    case 'M':
      return pad(t.getUTCMinutes());
    case 'S':
      return pad(t.getUTCSeconds());
    case 'f':
      return `${pad(t.getUTCSeconds())}.${pad(t.getUTCMilliseconds(), 3)}`;
    case 'j':
      return pad(dayOfYear(t), 3);
    case 'w':
      return String(t.getUTCDay());
    case 'W':
      // Weeks start on Monday; days before the year's first Monday are week 00.
      return pad(Math.floor((dayOfYear(t) + 6 - ((t.getUTCDay() + 6) % 7)) / 7));
    case 's':
      return String(Math.floor(t.getTime() / 1000));
    case '%':
      return '%';
    default:
      return undefined;
  }
}

function literalText(operand: Operand | undefined): string | undefined {
  return operand?.kind === 'literal' && typeof operand.value === 'string' ? operand.value : undefined;
}

/** `values` are the evaluated arguments, `args` the operands (format and modifiers must be literals). */
export function strftime(values: Scalar[], args: Operand[]): string {
  const format = literalText(args[0]);
  if (format === undefined) return '';
  const isNow = args[1] === undefined || literalText(args[1])?.trim().toLowerCase() === 'now';
  let time: Date | undefined = isNow ? new Date() : typeof values[1] === 'string' ? parseTime(values[1]) : undefined;
  for (const modifier of args.slice(2)) {
    const text = literalText(modifier);
    time = time && text !== undefined ? applyModifier(text, time) : undefined;
  }
  if (!time || Number.isNaN(time.getTime())) return '';
  let out = '';
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') {
      out += format[i];
      continue;
    }
    const piece = formatCode(format[++i] ?? '', time);
    if (piece === undefined) return '';
    out += piece;
  }
  return out;
}
