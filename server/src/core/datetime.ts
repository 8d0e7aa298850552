/**
 * PocketBase's datetime wire form: UTC `YYYY-MM-DD HH:MM:SS.mmmZ` (space separator, always milliseconds).
 * Stored as text in that exact form so comparisons between datetime strings stay lexicographic.
 */

/** Formats a Date as `YYYY-MM-DD HH:MM:SS.mmmZ`. */
export function formatDateTime(d: Date): string {
  return d.toISOString().replace('T', ' ');
}

// ISO-8601-ish: date, optional time (T or space), optional fraction, optional zone (Z, ±hh, ±hh:mm, ±hhmm, UTC).
const isoLike =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Lenient parse (the subset of Go's cast.ToTime that clients use): Date objects, unix seconds (number or
 * numeric string), ISO dates with `T` or space, optional fraction and offset, date-only. A value without an
 * offset is UTC. Returns null for empty or unparseable input.
 */
export function parseDateTime(input: unknown): Date | null {
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? null : input;
  if (typeof input === 'number') return Number.isFinite(input) ? new Date(input * 1000) : null;
  if (typeof input !== 'string') return null;
  const text = input.trim();
  if (!text) return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return new Date(Number(text) * 1000);

  const m = isoLike.exec(text);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
    const ms = Number((frac + '000').slice(0, 3));
    let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
    if (zone && /^[+-]/.test(zone)) {
      const digits = zone.slice(1).replace(':', '');
      const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
      time -= (zone[0] === '-' ? -1 : 1) * offsetMinutes * 60_000;
    }
    const date = new Date(time);
    // Reject overflowing parts (2024-02-31) instead of silently rolling over.
    if (Number.isNaN(date.getTime()) || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
    if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
    return date;
  }
  // Other textual forms (RFC 1123 and the like) carry their own zone; Date.parse handles them.
  if (!/[a-z]{3}/i.test(text)) return null;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

/** Parses and formats; '' for empty or invalid input. */
export function normalizeDateTime(input: unknown): string {
  const d = parseDateTime(input);
  return d ? formatDateTime(d) : '';
}
