/**
 * The resolved filter: what the storage port receives. Produced by `resolve.ts` from the parsed expression,
 * the collection schema and the request context; compiled by each storage adapter (SQL, MongoDB).
 *
 * Everything request-dependent (`@request.*`, datetime macros, `true`/`false`/`null`) is already a literal
 * here. Only record data is left as paths. Literals are data: adapters must bind them, never splice them.
 */
import type { StorageKind } from './schema.js';

export type Scalar = string | number | boolean | null;

export type Condition =
  | { kind: 'and'; items: Condition[] }
  | { kind: 'or'; items: Condition[] }
  | { kind: 'constant'; value: boolean }
  | Comparison;

export type CompareOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'like' | 'nlike';

export interface Comparison {
  kind: 'compare';
  op: CompareOp;
  /**
   * How multi-valued operands are quantified. 'any' (the `?` operators): at least one pair of values satisfies
   * the comparison, and paths with the same `joinKey` are evaluated against the same joined row across the
   * whole condition. 'all' (plain operators): no pair of values may fail it (an empty set passes).
   * For single-valued operands both mean the same.
   */
  quantifier: 'any' | 'all';
  left: Operand;
  right: Operand;
}

export type Operand =
  | { kind: 'literal'; value: Scalar }
  /** A multi-valued literal, e.g. `@request.body.tags:each` or a multi field of `@request.auth`. */
  | { kind: 'list'; values: Scalar[] }
  | PathOperand
  | { kind: 'call'; fn: 'geoDistance'; args: Operand[] }
  /** SQLite strftime: args[0] is the format literal, args[1] the time value, the rest modifiers (literals). */
  | { kind: 'call'; fn: 'strftime'; args: Operand[] };

export interface PathOperand {
  kind: 'path';
  /** Where the path starts. */
  root: PathRoot;
  /** Relation traversals, in order. */
  hops: Hop[];
  /** The field read at the end of the path. */
  field: LeafField;
  /** Path inside a json/geoPoint field: `meta.a.0` → ['a', 0]. */
  jsonPath?: (string | number)[];
  /**
   * - lower: LOWER(value)
   * - length: number of items (single value: 1 if non-empty else 0)
   * - each: iterate the items of a list field (makes the operand multi-valued)
   */
  modifier?: 'lower' | 'length' | 'each';
  /** True when the operand yields a set of values (multi hops, back relations, @collection, :each on lists). */
  multi: boolean;
  /**
   * Canonical identity of the join chain (root + hops). Under the 'any' quantifier, operands that share a
   * joinKey prefix share the joined rows (PocketBase: same relation path / same @collection alias correlate).
   */
  joinKey: string;
}

export interface CollectionRef {
  id: string;
  name: string;
}

export type PathRoot =
  /** The record being filtered. */
  | { kind: 'base' }
  /** `@collection.<name>[:alias]`: every record of another collection, unconstrained. */
  | { kind: 'collection'; collection: CollectionRef; alias: string }
  /** Specific records by id: `@request.auth.<relation>...` or `@request.body.<relation>.<field>`. */
  | { kind: 'records'; collection: CollectionRef; ids: string[] };

export type Hop =
  /** Follow relation field `field` (stored on the current row) to `target`. */
  | { kind: 'relation'; field: string; multiple: boolean; target: CollectionRef; guard?: Condition }
  /**
   * Back-relation `<collection>_via_<field>`: rows of `source` whose relation `field` points at the current row.
   * `fieldMultiple` tells how that field is stored; `multiple` is false only when the field is single and unique.
   */
  | {
      kind: 'backRelation';
      source: CollectionRef;
      field: string;
      fieldMultiple: boolean;
      multiple: boolean;
      guard?: Condition;
    };
/**
 * `guard` (non-superuser client filters only): the target collection's list rule, resolved with the hop's target
 * row as its base. Rows failing it are treated as absent.
 */

export interface LeafField {
  name: string;
  type: string;
  storage: StorageKind;
  multiple: boolean;
}

/** Sort terms, already resolved against the schema. */
export type SortTerm =
  | { kind: 'path'; operand: PathOperand; direction: 'asc' | 'desc' }
  | { kind: 'random' }
  | { kind: 'rowid'; direction: 'asc' | 'desc' };

/**
 * Ties break by insertion order (`_rowid`), in the direction of the last ordered term (ascending with none).
 * Following the sort's own direction lets one index on (key, _rowid) deliver a page in either direction,
 * read forwards or backwards, instead of sorting every row up to the page; PocketBase promises no particular
 * order for ties (SQLite reading an index backwards gives the same as this).
 */
export function tieBreakDirection(terms: readonly SortTerm[] | undefined): 'asc' | 'desc' {
  for (let i = (terms?.length ?? 0) - 1; i >= 0; i--) {
    const term = terms![i];
    if (term.kind !== 'random') return term.direction;
  }
  return 'asc';
}
