/**
 * Sorts. Terms over the collection's own text/number/bool fields (and @rowid) become a native sort spec;
 * anything else (related fields, json, random) is sorted in memory with SQLite's order: NULL first, numbers
 * before text, text by bytes, booleans as 0/1, a multi-valued path by its smallest value. `_rowid` always
 * breaks ties (see tieBreakDirection), so pages are stable.
 */
import type { Document } from 'mongodb';
import { type Scalar, type SortTerm, tieBreakDirection } from '../../filter/condition.js';
import type { JoinEnv } from './mongo-filter-joins.js';
import { isMultiPath } from './mongo-filter-joins.js';
import { pathValues } from './mongo-filter-evaluate.js';
import type { Row } from './mongo-filter-loader.js';
import { ROWID_FIELD, assertFieldName, fieldOf } from './mongo-values.js';

const NATIVE_STORAGE = new Set(['text', 'number', 'bool']);

/** A native sort document, or undefined when some term needs the in-memory sort. */
export function nativeSort(terms: SortTerm[] | undefined): Document | undefined {
  const spec: Document = {};
  for (const term of terms ?? []) {
    if (term.kind === 'random') return undefined;
    const direction = term.direction === 'asc' ? 1 : -1;
    if (term.kind === 'rowid') {
      spec[ROWID_FIELD] ??= direction;
      continue;
    }
    const op = term.operand;
    const simple = op.root.kind === 'base' && op.hops.length === 0 && !op.jsonPath?.length && !op.modifier && !isMultiPath(op);
    if (!simple || !NATIVE_STORAGE.has(op.field.storage)) return undefined;
    spec[assertFieldName(fieldOf(op.field.name))] ??= direction;
  }
  spec[ROWID_FIELD] ??= tieBreakDirection(terms) === 'asc' ? 1 : -1;
  return spec;
}

function rank(value: Scalar): number {
  if (value === null) return 0;
  return typeof value === 'string' ? 2 : 1;
}

export function compareSortValues(a: Scalar, b: Scalar): number {
  const x = typeof a === 'boolean' ? Number(a) : a;
  const y = typeof b === 'boolean' ? Number(b) : b;
  const byRank = rank(x) - rank(y);
  if (byRank !== 0 || x === null || y === null) return Math.sign(byRank);
  if (typeof x === 'string' && typeof y === 'string') return Buffer.compare(Buffer.from(x), Buffer.from(y));
  return x < y ? -1 : x > y ? 1 : 0;
}

/** One key per term for a row; `rowid` is the document's insertion sequence. */
export async function sortKeys(terms: SortTerm[], row: Row, rowid: number, env: JoinEnv): Promise<Scalar[]> {
  return Promise.all(
    terms.map(async (term) => {
      if (term.kind === 'random') return Math.random();
      if (term.kind === 'rowid') return rowid;
      const values = await pathValues(term.operand, row, env);
      return values.reduce<Scalar>((min, v, i) => (i === 0 || compareSortValues(v, min) < 0 ? v : min), null);
    }),
  );
}

export function compareKeys(terms: SortTerm[], a: Scalar[], b: Scalar[]): number {
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i];
    const order = compareSortValues(a[i], b[i]);
    if (order !== 0) return term.kind !== 'random' && term.direction === 'desc' ? -order : order;
  }
  return 0;
}
