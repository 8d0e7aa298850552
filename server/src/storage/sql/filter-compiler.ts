/**
 * Compiles the resolved filter (filter/condition.ts) to a PostgreSQL boolean expression and ORDER BY list for
 * knex.raw. Literals are always bindings; identifiers come from the schema and are quoted.
 *
 * Quantifiers: an 'all' comparison on multi-valued operands is `NOT EXISTS` of a counter-example over its own
 * joins (an empty set passes). 'any' comparisons share one join tree per condition, and the whole condition is
 * wrapped in `EXISTS (SELECT 1 FROM <seed> LEFT JOIN ... WHERE <condition>)`, so operands on the same join
 * chain see the same joined row, as in PocketBase.
 */
import type { Comparison, Condition, Operand, SortTerm } from '../../filter/condition.js';
import { geoDistanceValue } from './filter-functions.js';
import { AliasSource, type CompileContext, JoinTree } from './filter-joins.js';
import { compareValues } from './filter-operators.js';
import { isMultiPath, pathValue } from './filter-paths.js';
import { sortExpression } from './filter-sort.js';
import { strftimeValue } from './filter-strftime.js';
import { type TypedValue, literalValue, textArrayLiteral } from './filter-values.js';
import { type SqlFragment, fragment, joinFragments, sqlOf } from './sql-text.js';

export interface SqlScope {
  /** Alias of the base table in the outer query, e.g. "t". */
  alias: string;
}

export function isMultiOperand(op: Operand): boolean {
  if (op.kind === 'path') return isMultiPath(op);
  if (op.kind === 'call') return op.args.some(isMultiOperand);
  return op.kind === 'list';
}

export function operandValue(op: Operand, tree: JoinTree | undefined, ctx: CompileContext): TypedValue {
  const resolve = (arg: Operand): TypedValue => operandValue(arg, tree, ctx);
  switch (op.kind) {
    case 'literal':
      return literalValue(op.value);
    case 'list':
      throw new Error('list operands are expanded before compiling values');
    case 'path':
      return pathValue(op, tree, ctx);
    case 'call':
      return op.fn === 'geoDistance' ? geoDistanceValue(op.args, resolve, ctx) : strftimeValue(op.args, resolve, ctx);
  }
}

function combine(items: SqlFragment[], joiner: 'AND' | 'OR'): SqlFragment {
  if (items.length === 0) return fragment(joiner === 'AND' ? 'true' : 'false');
  if (items.length === 1) return items[0];
  return sqlOf`(${joinFragments(items, ` ${joiner} `)})`;
}

/** A literal list is a set of literals: 'all' needs every item to pass, 'any' one of them. */
function expandLists(cmp: Comparison): Comparison[] | undefined {
  for (const side of ['left', 'right'] as const) {
    const operand = cmp[side];
    if (operand.kind === 'list') {
      return operand.values.map((value) => ({ ...cmp, [side]: { kind: 'literal', value } }));
    }
  }
  return undefined;
}

function compileComparison(cmp: Comparison, ctx: CompileContext): SqlFragment {
  const expanded = expandLists(cmp);
  if (expanded) {
    return combine(expanded.map((c) => compileComparison(c, ctx)), cmp.quantifier === 'all' ? 'AND' : 'OR');
  }
  if (!isMultiOperand(cmp.left) && !isMultiOperand(cmp.right)) {
    return compareValues(cmp.op, operandValue(cmp.left, undefined, ctx), operandValue(cmp.right, undefined, ctx));
  }
  if (cmp.quantifier === 'any') {
    const tree = ctx.anyTree ?? new JoinTree('any', ctx.aliases);
    ctx.anyTree = tree;
    return compareValues(cmp.op, operandValue(cmp.left, tree, ctx), operandValue(cmp.right, tree, ctx));
  }
  const tree = new JoinTree('all', ctx.aliases);
  const test = compareValues(cmp.op, operandValue(cmp.left, tree, ctx), operandValue(cmp.right, tree, ctx));
  return sqlOf`NOT EXISTS (SELECT 1 FROM ${tree.from()} WHERE (${test}) IS NOT TRUE)`;
}

/** A column of the row itself (no relation hop, no json path), so reading it joins and allocates nothing. */
const isOwnColumn = (op: Operand): boolean =>
  op.kind === 'path' && op.root.kind === 'base' && op.hops.length === 0 && !op.jsonPath && !op.multi;

/**
 * `x = 'a' OR x = 'b' OR …` on one single-valued, never-NULL text operand (expand and relation checks build
 * these from id sets) as `x = ANY(?::text[])`: one index scan over the values instead of an OR of scans.
 * Anything else (other operators, lists, nullable or non-text operands) keeps the general form.
 */
function equalitySet(items: Condition[], ctx: CompileContext): SqlFragment | undefined {
  if (items.length < 2) return undefined;
  const values: string[] = [];
  let operand: string | undefined;
  for (const item of items) {
    if (item.kind !== 'compare' || item.op !== 'eq' || !isOwnColumn(item.left)) return undefined;
    if (item.right.kind !== 'literal' || typeof item.right.value !== 'string') return undefined;
    const key = JSON.stringify(item.left);
    if (operand !== undefined && key !== operand) return undefined;
    operand = key;
    values.push(item.right.value);
  }
  const left = operandValue((items[0] as Comparison).left, undefined, ctx);
  if (left.type !== 'text' || left.nullable) return undefined;
  return sqlOf`${left.sql} = ANY(${fragment('?::text[]', [textArrayLiteral(values)])})`;
}

function compileNode(cond: Condition, ctx: CompileContext): SqlFragment {
  switch (cond.kind) {
    case 'constant':
      return fragment(cond.value ? 'true' : 'false');
    case 'and':
      return combine(cond.items.map((c) => compileNode(c, ctx)), 'AND');
    case 'or':
      return equalitySet(cond.items, ctx) ?? combine(cond.items.map((c) => compileNode(c, ctx)), 'OR');
    case 'compare':
      return compileComparison(cond, ctx);
  }
}

function newContext(baseAlias: string, aliases: AliasSource): CompileContext {
  return {
    baseAlias,
    aliases,
    compileGuard: (guard, guardBase) => compileRoot(guard, guardBase, aliases),
  };
}

function compileRoot(cond: Condition, baseAlias: string, aliases: AliasSource): SqlFragment {
  const ctx = newContext(baseAlias, aliases);
  const body = compileNode(cond, ctx);
  if (!ctx.anyTree || ctx.anyTree.isEmpty()) return body;
  return sqlOf`EXISTS (SELECT 1 FROM ${ctx.anyTree.from()} WHERE ${body})`;
}

/** A boolean SQL expression for `cond`, evaluated against the row aliased `scope.alias`. */
export function compileCondition(cond: Condition, scope: SqlScope): SqlFragment {
  return compileRoot(cond, scope.alias, new AliasSource());
}

/** An ORDER BY list (without the keywords); the adapter appends its own `_rowid` tie-breaker. */
export function compileSort(terms: SortTerm[], scope: SqlScope): SqlFragment {
  const ctx = newContext(scope.alias, new AliasSource());
  return joinFragments(terms.map((term) => sortExpression(term, ctx)), ', ');
}
