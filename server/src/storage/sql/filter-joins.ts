/**
 * Join trees for multi-valued operands. A tree is the FROM list of one subquery; join chains are keyed by
 * their structural identity so operands that walk the same relation path (or the same `@collection` alias)
 * share joined rows, which is what correlates PocketBase's `?=` conditions.
 */
import type { Condition } from '../../filter/condition.js';
import { type SqlFragment, joinFragments, quoteIdent, sqlOf } from './sql-text.js';

/** Generates aliases unique across one compiled condition, nested subqueries included. */
export class AliasSource {
  private counter = 0;

  next(prefix: string): string {
    this.counter += 1;
    return `_${prefix}${this.counter}`;
  }
}

/**
 * - 'any': every join is a LEFT JOIN from a one-row seed, so the subquery always has a row (missing values are
 *   NULL, as with PocketBase's LEFT JOINs).
 * - 'all': joins that produce the elements of a set are inner joins, so an empty set yields no rows and the
 *   NOT EXISTS counter-example test passes vacuously. Single-row hops stay LEFT JOINs (missing → NULL).
 */
export type JoinMode = 'any' | 'all';

export class JoinTree {
  private readonly joins: SqlFragment[] = [];
  private readonly aliasByKey = new Map<string, string>();
  private seedAlias?: string;

  constructor(
    readonly mode: JoinMode,
    readonly aliases: AliasSource,
  ) {}

  isEmpty(): boolean {
    return this.joins.length === 0;
  }

  /** The join keyword for a step; `producesSet` marks steps that can yield zero or many rows. */
  keyword(producesSet: boolean): string {
    return this.mode === 'all' && producesSet ? 'JOIN' : 'LEFT JOIN';
  }

  /** Returns the alias of the chain `key`, creating its joins (after its parent's) on first use. */
  ensure(key: string, create: () => { alias: string; joins: SqlFragment[] }): string {
    const known = this.aliasByKey.get(key);
    if (known !== undefined) return known;
    const made = create();
    this.joins.push(...made.joins);
    this.aliasByKey.set(key, made.alias);
    return made.alias;
  }

  /** The FROM list: a one-row seed followed by the joins. */
  from(): SqlFragment {
    this.seedAlias ??= this.aliases.next('d');
    const seed = sqlOf`(SELECT 1) AS ${quoteIdent(this.seedAlias)}`;
    return this.joins.length === 0 ? seed : joinFragments([seed, ...this.joins], ' ');
  }
}

export interface CompileContext {
  /** Alias of the row paths with a `base` root start from. */
  baseAlias: string;
  aliases: AliasSource;
  /** The tree of the enclosing condition's EXISTS wrapper, used by 'any' comparisons on multi operands. */
  anyTree?: JoinTree;
  /** Compiles a hop guard with the hop target's alias as its base (the compiler supplies it, avoiding a cycle). */
  compileGuard(guard: Condition, baseAlias: string): SqlFragment;
}
