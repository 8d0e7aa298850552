/**
 * Generates random strings from the small regex subset PocketBase uses for `autogeneratePattern`
 * (`[a-z0-9]{15}`, `[a-zA-Z0-9]{50}`, `post_[0-9]{4}` ...): literals, escapes, character classes with ranges,
 * `\d \w`, `.`, and the quantifiers `{n}`, `{n,m}`, `?`, `*`, `+` (unbounded ones are capped). Alternation and
 * groups are not supported: they raise PatternError, which schema validation reports as an invalid pattern.
 */
import { randomInt } from 'node:crypto';

export class PatternError extends Error {}

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const WORD = UPPER + LOWER + DIGITS + '_';
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const UNBOUNDED_CAP = 10;

interface Atom {
  chars: string;
  min: number;
  max: number;
}

function escapeClass(c: string): string | null {
  if (c === 'd') return DIGITS;
  if (c === 'w') return WORD;
  return null;
}

function parseClass(pattern: string, start: number): { chars: string; end: number } {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '^') {
    negate = true;
    i++;
  }
  let set = '';
  let first = true;
  while (i < pattern.length && (pattern[i] !== ']' || first)) {
    first = false;
    let c = pattern[i];
    if (c === '\\') {
      const cls = escapeClass(pattern[i + 1]);
      if (cls) {
        set += cls;
        i += 2;
        continue;
      }
      c = pattern[i + 1];
      i++;
    }
    if (pattern[i + 1] === '-' && pattern[i + 2] !== undefined && pattern[i + 2] !== ']') {
      const to = pattern[i + 2] === '\\' ? pattern[i + 3] : pattern[i + 2];
      if (to === undefined || to.charCodeAt(0) < c.charCodeAt(0)) throw new PatternError('invalid character class range');
      for (let code = c.charCodeAt(0); code <= to.charCodeAt(0); code++) set += String.fromCharCode(code);
      i += pattern[i + 2] === '\\' ? 4 : 3;
      continue;
    }
    set += c;
    i++;
  }
  if (pattern[i] !== ']') throw new PatternError('missing closing ]');
  const unique = [...new Set(set)].join('');
  const chars = negate ? [...PRINTABLE].filter((ch) => !unique.includes(ch)).join('') : unique;
  if (!chars) throw new PatternError('empty character class');
  return { chars, end: i + 1 };
}

function parseQuantifier(pattern: string, i: number): { min: number; max: number; end: number } {
  const c = pattern[i];
  if (c === '?') return { min: 0, max: 1, end: i + 1 };
  if (c === '*') return { min: 0, max: UNBOUNDED_CAP, end: i + 1 };
  if (c === '+') return { min: 1, max: UNBOUNDED_CAP, end: i + 1 };
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (!m) throw new PatternError('invalid quantifier');
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? min + UNBOUNDED_CAP : Number(m[3]);
    if (max < min || max > 10_000) throw new PatternError('invalid quantifier range');
    return { min, max, end: i + m[0].length };
  }
  return { min: 1, max: 1, end: i };
}

function parsePattern(pattern: string): Atom[] {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    let chars: string;
    if (c === '^' && i === 0) {
      i++;
      continue;
    }
    if (c === '$' && i === pattern.length - 1) break;
    if (c === '[') {
      const cls = parseClass(pattern, i);
      chars = cls.chars;
      i = cls.end;
    } else if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new PatternError('trailing backslash');
      chars = escapeClass(next) ?? next;
      i += 2;
    } else if (c === '.') {
      chars = PRINTABLE;
      i++;
    } else if ('()|'.includes(c)) {
      throw new PatternError('groups and alternation are not supported');
    } else if ('?*+{'.includes(c)) {
      throw new PatternError('quantifier without a preceding element');
    } else {
      chars = c;
      i++;
    }
    const q = parseQuantifier(pattern, i);
    i = q.end;
    atoms.push({ chars, min: q.min, max: q.max });
  }
  return atoms;
}

/** Patterns come from field options, so few: each is parsed once (bounded, in case of churn). */
const parsed = new Map<string, Atom[]>();
const MAX_PARSED = 256;

function atomsOf(pattern: string): Atom[] {
  let atoms = parsed.get(pattern);
  if (atoms === undefined) {
    atoms = parsePattern(pattern);
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(pattern, atoms);
  }
  return atoms;
}

/** A random string matching `pattern`; throws PatternError for unsupported or invalid patterns. */
export function randomStringFromPattern(pattern: string): string {
  let out = '';
  for (const atom of atomsOf(pattern)) {
    const count = atom.min === atom.max ? atom.min : atom.min + randomInt(atom.max - atom.min + 1);
    for (let n = 0; n < count; n++) out += atom.chars[randomInt(atom.chars.length)];
  }
  return out;
}
