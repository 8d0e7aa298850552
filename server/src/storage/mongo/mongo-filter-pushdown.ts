/**
 * The part of a resolved filter MongoDB can evaluate natively with exactly the adapter's semantics: base
 * fields (always present and typed, see mongo-values.ts) compared with literals of their own type. Anything
 * else (relations, json paths, functions, cross-type comparisons) stays a residual condition that
 * mongo-filter-evaluate.ts checks in memory on the documents the native part selects.
 *
 * Literals only ever appear as values of `$eq`/`$ne`/`$gt`…/`$in`/`$size` or as escaped regex source; field
 * names come from the schema.
 */
import type { Document } from 'mongodb';
import type { CompareOp, Comparison, Condition, Operand, PathOperand, Scalar } from '../../filter/condition.js';
import { assertFieldName, fieldOf } from './mongo-values.js';

export interface Pushdown {
  /** Native query document selecting a superset (exact when there is no residual). */
  query: Document;
  /** What still has to be checked in memory. */
  residual?: Condition;
}

export const MATCH_NOTHING: Document = { _id: { $in: [] } };

const FLIPPED: Record<CompareOp, CompareOp | undefined> = {
  eq: 'eq',
  neq: 'neq',
  gt: 'lt',
  gte: 'lte',
  lt: 'gt',
  lte: 'gte',
  like: undefined,
  nlike: undefined,
};

const RANGE: Partial<Record<CompareOp, string>> = { gt: '$gt', gte: '$gte', lt: '$lt', lte: '$lte' };

function isBaseField(op: Operand): op is PathOperand {
  return op.kind === 'path' && op.root.kind === 'base' && op.hops.length === 0 && !op.jsonPath?.length;
}

/** Escapes every regex metacharacter: the literal is matched as text. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * `~` as a regex: a case-insensitive contains, or (when the literal has an unescaped `%`) an anchored LIKE
 * pattern where `%` is any run, `_` one character and `\` escapes the next one.
 */
export function likeRegex(pattern: string): string {
  // A plain contains keeps the user's escapes of LIKE specials (`\%` is a literal %), as the SQL adapter does.
  if (!/(^|[^\\])%/.test(pattern)) return escapeRegex(pattern.replace(/\\([\\%_])/g, '$1'));
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern[++i]);
    else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += escapeRegex(ch);
  }
  return `^${source}$`;
}

function textComparison(field: string, op: CompareOp, value: Scalar): Document | undefined {
  if (value === null) {
    // Text columns are never null: NULL ≡ '' for =/!=, and ordering against NULL is never true.
    if (op === 'eq') return { [field]: { $eq: '' } };
    if (op === 'neq') return { [field]: { $ne: '' } };
    if (RANGE[op]) return MATCH_NOTHING;
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  if (op === 'eq') return { [field]: { $eq: value } };
  if (op === 'neq') return { [field]: { $ne: value } };
  if (op === 'like') return { [field]: { $regex: likeRegex(value), $options: 'i' } };
  if (op === 'nlike') return { [field]: { $not: { $regex: likeRegex(value), $options: 'i' } } };
  const range = RANGE[op];
  return range ? { [field]: { [range]: value } } : undefined;
}

function numberComparison(field: string, op: CompareOp, value: Scalar): Document | undefined {
  if (value === null) {
    if (op === 'eq' || RANGE[op]) return MATCH_NOTHING;
    if (op === 'neq') return {};
    return undefined;
  }
  if (typeof value !== 'number') return undefined;
  if (op === 'eq') return { [field]: { $eq: value } };
  if (op === 'neq') return { [field]: { $ne: value } };
  const range = RANGE[op];
  return range ? { [field]: { [range]: value } } : undefined;
}

function boolComparison(field: string, op: CompareOp, value: Scalar): Document | undefined {
  if (typeof value !== 'boolean') return undefined;
  if (op === 'eq') return { [field]: { $eq: value } };
  if (op === 'neq') return { [field]: { $ne: value } };
  return undefined;
}

function fieldComparison(path: PathOperand, op: CompareOp, value: Scalar): Document | undefined {
  const field = assertFieldName(fieldOf(path.field.name));
  const storage = path.field.storage;
  if (path.modifier === 'length') {
    const exact = storage === 'list' && typeof value === 'number' && Number.isInteger(value) && value >= 0;
    if (!exact) return undefined;
    if (op === 'eq') return { [field]: { $size: value } };
    if (op === 'neq') return { [field]: { $not: { $size: value } } };
    return undefined;
  }
  // lower, and each (its elements correlate with other `?` comparisons on the same list), stay in memory.
  if (path.modifier) return undefined;
  if (storage === 'text') return textComparison(field, op, value);
  if (storage === 'number') return numberComparison(field, op, value);
  if (storage === 'bool') return boolComparison(field, op, value);
  return undefined;
}

function comparison(cmp: Comparison): Document | undefined {
  let { left, right, op } = cmp;
  if (left.kind === 'literal' && isBaseField(right)) {
    const flipped = FLIPPED[op];
    if (!flipped) return undefined;
    [left, right, op] = [right, left, flipped];
  }
  if (!isBaseField(left) || right.kind !== 'literal') return undefined;
  return fieldComparison(left, op, right.value);
}

/** An exact native translation of the whole condition, or undefined. */
export function nativeCondition(cond: Condition): Document | undefined {
  switch (cond.kind) {
    case 'constant':
      return cond.value ? {} : MATCH_NOTHING;
    case 'compare':
      return comparison(cond);
    case 'and':
    case 'or': {
      if (cond.items.length === 0) return cond.kind === 'and' ? {} : MATCH_NOTHING;
      const parts = cond.items.map(nativeCondition);
      if (parts.some((p) => p === undefined)) return undefined;
      return parts.length === 1 ? parts[0] : { [cond.kind === 'and' ? '$and' : '$or']: parts };
    }
  }
}

/**
 * Splits a condition: top-level AND items that translate exactly go native, the rest stays residual. The
 * 'any' correlation of multi-valued operands only spans residual items (native items are all single-valued).
 */
export function pushdown(cond: Condition | undefined): Pushdown {
  if (!cond) return { query: {} };
  const items = cond.kind === 'and' ? cond.items : [cond];
  const native: Document[] = [];
  const residual: Condition[] = [];
  for (const item of items) {
    const translated = nativeCondition(item);
    if (translated) native.push(translated);
    else residual.push(item);
  }
  const query = native.length === 0 ? {} : native.length === 1 ? native[0] : { $and: native };
  if (residual.length === 0) return { query };
  return { query, residual: residual.length === 1 ? residual[0] : { kind: 'and', items: residual } };
}
