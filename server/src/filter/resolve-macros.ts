/** Datetime macros (`@now`, `@todayStart`, `@year`, …), all computed in UTC from the request's clock. */
import type { Scalar } from './condition.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** PocketBase's wire format: `YYYY-MM-DD HH:MM:SS.mmmZ`. */
export function formatDateTime(date: Date): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.` +
    `${pad(date.getUTCMilliseconds(), 3)}Z`
  );
}

const utc = (y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0) =>
  new Date(Date.UTC(y, m, d, h, min, s, ms));

const endOfDay = (y: number, m: number, d: number) => utc(y, m, d, 23, 59, 59, 999);

const macros: Record<string, (now: Date) => Scalar> = {
  '@now': (now) => formatDateTime(now),
  '@yesterday': (now) => formatDateTime(shiftDays(now, -1)),
  '@tomorrow': (now) => formatDateTime(shiftDays(now, 1)),
  '@todayStart': (now) => formatDateTime(utc(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())),
  '@todayEnd': (now) => formatDateTime(endOfDay(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())),
  '@monthStart': (now) => formatDateTime(utc(now.getUTCFullYear(), now.getUTCMonth(), 1)),
  // Day 0 of the next month is the last day of this one.
  '@monthEnd': (now) => formatDateTime(endOfDay(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)),
  '@yearStart': (now) => formatDateTime(utc(now.getUTCFullYear(), 0, 1)),
  '@yearEnd': (now) => formatDateTime(endOfDay(now.getUTCFullYear(), 11, 31)),
  '@second': (now) => now.getUTCSeconds(),
  '@minute': (now) => now.getUTCMinutes(),
  '@hour': (now) => now.getUTCHours(),
  '@day': (now) => now.getUTCDate(),
  '@month': (now) => now.getUTCMonth() + 1,
  '@weekday': (now) => now.getUTCDay(),
  '@year': (now) => now.getUTCFullYear(),
};

function shiftDays(date: Date, days: number): Date {
  const shifted = new Date(date.getTime());
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return shifted;
}

export function isDatetimeMacro(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(macros, name);
}

export function datetimeMacroValue(name: string, now: Date): Scalar {
  return macros[name](now);
}
