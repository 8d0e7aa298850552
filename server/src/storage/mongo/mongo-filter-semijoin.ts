/**
 * Native semi-joins for relation conditions, so a list filtered through a relation does not scan its whole
 * collection: for `rel1.rel2.field op literal` the last collection is queried natively for matching ids, each
 * hop back turns them into `relField $in ids`, and the base collection is queried with that. FerretDB v1 has
 * no `$lookup`; this is also cheaper than one on MongoDB when the related condition is selective.
 *
 * Used only where it is exact or a safe superset:
 * - the leaf comparison must translate exactly (mongo-filter-pushdown.ts) and must not hold for a missing
 *   related row (a LEFT JOIN's NULL), since `$in` can never select a base row without a related one;
 * - hop guards (the related collection's list rule) must translate exactly too;
 * - chains of single relations are exact, so the comparison leaves the residual; a chain through multiple
 *   relations ('any' only: 'all' passes vacuously on empty sets) is a superset and stays residual as well,
 *   because '?' comparisons on one chain must see the same related row.
 * Ids come from the database and are only ever values of `$in`.
 */
import type { Document } from 'mongodb';
import type { CompareOp, Comparison, Condition, Hop, Operand, PathOperand } from '../../filter/condition.js';
import { evaluateCondition } from '../../filter/evaluate.js';
import { type MongoScope, sessionOptions } from './mongo-connection.js';
import { type Pushdown, nativeCondition, pushdown } from './mongo-filter-pushdown.js';
import { assertFieldName } from './mongo-values.js';

/** Beyond this many related ids a `$in` stops paying off; the residual scan takes over. */
const MAX_IDS = 20_000;

const FLIPPED: Partial<Record<CompareOp, CompareOp>> = { eq: 'eq', neq: 'neq', gt: 'lt', gte: 'lte', lt: 'gt', lte: 'gte' };

type RelationHop = Extract<Hop, { kind: 'relation' }>;

interface Chain {
  hops: RelationHop[];
  /** The comparison re-rooted at the last related collection. */
  leaf: Comparison;
}

/** `rel….field op literal` (either side), as a chain of relation hops and the leaf comparison. */
export function relationChain(cond: Condition): Chain | undefined {
  if (cond.kind !== 'compare') return undefined;
  let { left, right, op }: { left: Operand; right: Operand; op: CompareOp } = cond;
  if (left.kind === 'literal' && right.kind === 'path') {
    const flipped = FLIPPED[op];
    if (!flipped) return undefined;
    [left, right, op] = [right, left, flipped];
  }
  if (left.kind !== 'path' || right.kind !== 'literal') return undefined;
  const path: PathOperand = left;
  if (path.root.kind !== 'base' || path.hops.length === 0 || path.modifier === 'each') return undefined;
  if (!path.hops.every((hop): hop is RelationHop => hop.kind === 'relation')) return undefined;
  const hops = path.hops as RelationHop[];
  if (cond.quantifier === 'all' && hops.some((hop) => hop.multiple)) return undefined;
  const leafPath: PathOperand = { ...path, hops: [], multi: false, joinKey: 'base' };
  return { hops, leaf: { kind: 'compare', op, quantifier: cond.quantifier, left: leafPath, right } };
}

export function isExactChain(chain: Chain): boolean {
  return chain.hops.every((hop) => !hop.multiple);
}

/** The native query selecting base rows, or undefined when the semi-join is not applicable. */
export async function semiJoinQuery(scope: MongoScope, chain: Chain): Promise<Document | undefined> {
  const leafNative = nativeCondition(chain.leaf);
  if (!leafNative) return undefined;
  // A missing related row reads as NULL: if the comparison held for it, `$in` would lose those base rows.
  if (evaluateCondition(chain.leaf, {})) return undefined;
  const guards = chain.hops.map((hop) => (hop.guard ? nativeCondition(hop.guard) : {}));
  if (guards.some((guard) => guard === undefined)) return undefined;

  const guarded = (query: Document, guard: Document | undefined): Document => (guard && Object.keys(guard).length ? { $and: [query, guard] } : query);
  let query = guarded(leafNative, guards[guards.length - 1]);
  for (let i = chain.hops.length - 1; i >= 0; i--) {
    const hop = chain.hops[i];
    const docs = await scope.db
      .collection(hop.target.name)
      .find(query, { ...sessionOptions(scope), projection: { _id: 1 } })
      .limit(MAX_IDS + 1)
      .toArray();
    if (docs.length > MAX_IDS) return undefined;
    const inIds: Document = { [assertFieldName(hop.field)]: { $in: docs.map((doc) => doc._id as unknown) } };
    query = i === 0 ? inIds : guarded(inIds, guards[i - 1]);
  }
  return query;
}

/**
 * pushdown(), then residual top-level AND items on relation chains become semi-joins: exact ones leave the
 * residual, superset ones narrow the native query and stay residual.
 */
export async function planQuery(scope: MongoScope, cond: Condition | undefined): Promise<Pushdown> {
  const base = pushdown(cond);
  if (!base.residual) return base;
  const items = base.residual.kind === 'and' ? base.residual.items : [base.residual];
  const native: Document[] = Object.keys(base.query).length ? [base.query] : [];
  const residual: Condition[] = [];
  for (const item of items) {
    const chain = relationChain(item);
    const query = chain ? await semiJoinQuery(scope, chain) : undefined;
    if (query) native.push(query);
    if (!query || !isExactChain(chain as Chain)) residual.push(item);
  }
  const query = native.length === 0 ? {} : native.length === 1 ? native[0] : { $and: native };
  if (residual.length === 0) return { query };
  return { query, residual: residual.length === 1 ? residual[0] : { kind: 'and', items: residual } };
}
