/**
 * One comparison between two single values, with PocketBase's operator semantics on SQLite typing:
 * `=`/`!=` conflate NULL and '' (null-safe), ordering follows SQLite affinity rules, `~` is a case-insensitive
 * contains. Type mismatches resolve to a value, never to a cast error.
 */
import type { CompareOp } from '../../filter/condition.js';
import { type TypedValue, asJsonb, asNumber, asText, isNumericText } from './filter-values.js';
import { type SqlFragment, fragment, sqlOf } from './sql-text.js';

type Domain = 'text' | 'number' | 'jsonb' | 'numberVsText';

const ORDERING_SQL: Record<'gt' | 'gte' | 'lt' | 'lte', string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

function isNumeric(v: TypedValue): boolean {
  return v.type === 'number' || v.type === 'bool';
}

/**
 * SQLite: a column with numeric affinity converts a numeric-looking text literal; a text column converts a
 * number literal to text; two values without affinity (literals) never convert, and numbers sort before text.
 */
function domainOf(left: TypedValue, right: TypedValue): Domain {
  if (left.type === 'jsonb' || right.type === 'jsonb') return 'jsonb';
  if (left.type === 'null' && right.type === 'null') return 'text';
  if (left.type === 'null') return isNumeric(right) ? 'number' : 'text';
  if (right.type === 'null') return isNumeric(left) ? 'number' : 'text';
  if (isNumeric(left) && isNumeric(right)) return 'number';
  if (!isNumeric(left) && !isNumeric(right)) return 'text';
  const [num, text] = isNumeric(left) ? [left, right] : [right, left];
  if (text.literal) {
    return !num.literal && isNumericText(String(text.literal.value)) ? 'number' : 'numberVsText';
  }
  return num.literal ? 'text' : 'number';
}

function coalescedText(v: TypedValue): SqlFragment {
  const text = asText(v);
  return v.nullable ? sqlOf`COALESCE(${text}, '')` : text;
}

function equality(op: 'eq' | 'neq', left: TypedValue, right: TypedValue, domain: Domain): SqlFragment {
  const negate = op === 'neq';
  switch (domain) {
    case 'text':
      return sqlOf`${coalescedText(left)} ${negate ? '<>' : '='} ${coalescedText(right)}`;
    case 'number': {
      const bothSet = !left.nullable && !right.nullable;
      const operator = bothSet ? (negate ? '<>' : '=') : negate ? 'IS DISTINCT FROM' : 'IS NOT DISTINCT FROM';
      return sqlOf`${asNumber(left)} ${operator} ${asNumber(right)}`;
    }
    case 'jsonb':
      return sqlOf`${asJsonb(left)} ${negate ? 'IS DISTINCT FROM' : 'IS NOT DISTINCT FROM'} ${asJsonb(right)}`;
    case 'numberVsText': {
      // A number never equals text; only a missing number (NULL ≡ '') can equal an empty text.
      const [num, text] = isNumeric(left) ? [left, right] : [right, left];
      const equal = sqlOf`(${asNumber(num)} IS NULL AND ${coalescedText(text)} = '')`;
      return negate ? sqlOf`NOT ${equal}` : equal;
    }
  }
}

function ordering(op: 'gt' | 'gte' | 'lt' | 'lte', left: TypedValue, right: TypedValue, domain: Domain): SqlFragment {
  const operator = ORDERING_SQL[op];
  switch (domain) {
    case 'text':
      return sqlOf`(${asText(left)}) COLLATE "C" ${operator} (${asText(right)})`;
    case 'number':
      return sqlOf`${asNumber(left)} ${operator} ${asNumber(right)}`;
    case 'jsonb': {
      if (left.type === 'jsonb' && right.type === 'jsonb') return sqlOf`${asJsonb(left)} ${operator} ${asJsonb(right)}`;
      const other = left.type === 'jsonb' ? right : left;
      if (isNumeric(other) || (other.literal && typeof other.literal.value !== 'string')) {
        return sqlOf`${asNumber(left)} ${operator} ${asNumber(right)}`;
      }
      return sqlOf`(${asText(left)}) COLLATE "C" ${operator} (${asText(right)})`;
    }
    case 'numberVsText': {
      // SQLite orders every number before every text value.
      const numberOnLeft = isNumeric(left);
      const numberIsLess = numberOnLeft ? op === 'lt' || op === 'lte' : op === 'gt' || op === 'gte';
      if (!numberIsLess) return fragment('false');
      return sqlOf`(${asNumber(numberOnLeft ? left : right)} IS NOT NULL AND ${asText(numberOnLeft ? right : left)} IS NOT NULL)`;
    }
  }
}

const LIKE_SPECIALS = new Set(['\\', '%', '_']);

/** Escapes `\`, `%` and `_` unless the character before already escapes them (PocketBase keeps user escapes). */
function escapeLikeSpecials(text: string): string {
  let out = '';
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i];
    if (LIKE_SPECIALS.has(ch) && i > 0 && text[i - 1] === '\\') {
      out = `\\${ch}${out}`;
      i--;
    } else {
      out = (LIKE_SPECIALS.has(ch) ? `\\${ch}` : ch) + out;
    }
  }
  return out;
}

/** LIKE wildcards are the user's only when the literal has an unescaped `%`; otherwise it is a plain substring. */
export function likePattern(text: string): string {
  if (/(^|[^\\])%/.test(text)) return text;
  return `%${escapeLikeSpecials(text)}%`;
}

function like(op: 'like' | 'nlike', left: TypedValue, right: TypedValue): SqlFragment {
  let pattern: SqlFragment;
  if (right.literal) {
    const value = right.literal.value;
    const text = value === null ? '' : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    pattern = fragment('?::text', [likePattern(text)]);
  } else {
    pattern = sqlOf`('%' || ${coalescedText(right)} || '%')`;
  }
  return sqlOf`${coalescedText(left)} ${op === 'like' ? 'ILIKE' : 'NOT ILIKE'} ${pattern} ESCAPE '\\'`;
}

export function compareValues(op: CompareOp, left: TypedValue, right: TypedValue): SqlFragment {
  if (op === 'like' || op === 'nlike') return like(op, left, right);
  const domain = domainOf(left, right);
  if (op === 'eq' || op === 'neq') return equality(op, left, right, domain);
  return ordering(op, left, right, domain);
}
