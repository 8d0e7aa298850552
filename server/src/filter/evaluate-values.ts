/**
 * Scalar comparison with the semantics of PocketBase's SQLite queries: NULL and "" equal for `=`/`!=`, numbers
 * vs numeric text compared numerically, booleans as 1/0, text lexicographically, `~` as ASCII case-insensitive
 * LIKE (contains, or a raw pattern when the literal has an unescaped `%`).
 */
import type { CompareOp, Scalar } from './condition.js';

export interface EvalValue {
  value: Scalar;
  /** json values and function results compare null-safely without the NULL = "" fallback. */
  noFallback: boolean;
  /** A literal right operand of `~` may carry its own LIKE pattern; a column is always wrapped. */
  isLiteral: boolean;
}

/** SQLite's storage-class order: NULL < numbers < text. */
function rank(value: Scalar): number {
  if (value === null) return 0;
  return typeof value === 'string' ? 2 : 1;
}

function numeric(value: Scalar): Scalar {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

const numericText = (value: string) => value.trim() !== '' && Number.isFinite(Number(value));

/** Three-way comparison of two non-null values. */
function order(a: Scalar, b: Scalar): number {
  let x = numeric(a);
  let y = numeric(b);
  if (typeof x === 'number' && typeof y === 'string' && numericText(y)) y = Number(y);
  if (typeof y === 'number' && typeof x === 'string' && numericText(x)) x = Number(x);
  const byRank = rank(x) - rank(y);
  if (byRank !== 0) return Math.sign(byRank);
  if (x === y) return 0;
  return (x as number | string) < (y as number | string) ? -1 : 1;
}

function equal(a: EvalValue, b: EvalValue): boolean {
  if (a.noFallback || b.noFallback) {
    if (a.value === null || b.value === null) return a.value === b.value;
    return order(a.value, b.value) === 0;
  }
  return order(a.value ?? '', b.value ?? '') === 0;
}

export function compareScalars(op: CompareOp, left: EvalValue, right: EvalValue): boolean {
  switch (op) {
    case 'eq':
      return equal(left, right);
    case 'neq':
      return !equal(left, right);
    case 'like':
      return like(left, right);
    case 'nlike':
      return !like(left, right);
  }
  if (left.value === null || right.value === null) return false;
  const result = order(left.value, right.value);
  switch (op) {
    case 'gt':
      return result > 0;
    case 'gte':
      return result >= 0;
    case 'lt':
      return result < 0;
    case 'lte':
      return result <= 0;
  }
}

const hasUnescapedPercent = (text: string) => /(^|[^\\])%/.test(text);
const asText = (value: Scalar) => (value === null ? '' : typeof value === 'boolean' ? (value ? '1' : '0') : String(value));

function like(left: EvalValue, right: EvalValue): boolean {
  const subject = asText(left.value).toLowerCase();
  const needle = asText(right.value);
  if (!right.isLiteral || !hasUnescapedPercent(needle)) return subject.includes(needle.toLowerCase());
  return likePattern(needle).test(subject);
}

/** LIKE pattern → anchored regex: `%` any run, `_` one character, `\` escapes the next character. */
function likePattern(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern[++i]);
    else if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += escapeRegex(ch);
  }
  return new RegExp(`^${source}$`, 'is');
}

const escapeRegex = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
