/**
 * Parsed filter + schema + request → the resolved `Condition` the storage adapters compile. Everything known
 * at request time becomes a literal here; only record data stays as paths (see condition.ts).
 */
import type { FilterComparison, FilterExpr, FilterOperand, FilterOperator } from './ast.js';
import { assertNoSuperuserOnlyFields } from './client-access.js';
import type { CompareOp, Comparison, Condition, Operand } from './condition.js';
import { FilterError } from './errors.js';
import { parseFilter } from './parser.js';
import type { ChangedOperand, ResolveContext, ResolveOptions, ResolvedOperand } from './resolve-context.js';
import { resolveOperand } from './resolve-identifier.js';
import type { SchemaCollection } from './schema.js';

export type { ResolveOptions } from './resolve-context.js';

const compareOps: Record<string, CompareOp> = {
  '=': 'eq',
  '!=': 'neq',
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
  '~': 'like',
  '!~': 'nlike',
};

export function resolveFilter(expr: FilterExpr, options: ResolveOptions): Condition {
  if (options.client) assertNoSuperuserOnlyFields(operandTexts(expr));
  return resolveExpr(expr, createContext(options));
}

/** A context whose hop guards are the target collections' list rules, resolved once per call. */
export function createContext(options: ResolveOptions): ResolveContext {
  const guards = new Map<string, Condition | undefined>();
  return {
    options,
    guardFor(collection: SchemaCollection) {
      if (!guards.has(collection.id)) {
        const rule = collection.listRule;
        guards.set(
          collection.id,
          rule ? resolveFilter(parseFilter(rule), { ...options, collection, client: false }) : undefined,
        );
      }
      return guards.get(collection.id);
    },
  };
}

function resolveExpr(expr: FilterExpr, ctx: ResolveContext): Condition {
  if (expr.kind === 'compare') return resolveComparison(expr, ctx);
  const items = expr.items.map((item) => resolveExpr(item, ctx));
  return items.length === 1 ? items[0] : { kind: expr.kind, items };
}

function resolveComparison(expr: FilterComparison, ctx: ResolveContext): Condition {
  const left = resolveOperand(expr.left, ctx);
  const right = resolveOperand(expr.right, ctx);
  const quantifier = expr.op.startsWith('?') ? 'any' : 'all';
  const op = compareOps[expr.op.replace(/^\?/, '')];

  if (left.kind === 'changed' || right.kind === 'changed') return changedCondition(left, right, expr.op);

  const comparison: Comparison = { kind: 'compare', op, quantifier, left: plain(left), right: plain(right) };
  const constraints: Condition[] = [];
  for (const side of [left, right]) {
    if ('emailVisibility' in side && side.emailVisibility) {
      constraints.push({
        kind: 'compare',
        op: 'eq',
        quantifier,
        left: side.emailVisibility,
        right: { kind: 'literal', value: true },
      });
    }
  }
  return constraints.length ? { kind: 'and', items: [comparison, ...constraints] } : comparison;
}

function plain(operand: ResolvedOperand): Operand {
  if (operand.kind === 'changed') throw new FilterError('Invalid use of the :changed modifier.');
  if (!('emailVisibility' in operand)) return operand;
  const { emailVisibility: _constraint, ...rest } = operand;
  return rest as Operand;
}

/**
 * `@request.body.x:changed = true` ≡ `@request.body.x:isset = true && @request.body.x != x`. Whether the key
 * was submitted is known now, so only the value comparison is left for the database.
 */
function changedCondition(left: ResolvedOperand, right: ResolvedOperand, op: FilterOperator): Condition {
  const [changed, other] = (left.kind === 'changed' ? [left, right] : [right, left]) as [ChangedOperand, ResolvedOperand];
  if (other.kind === 'changed' || other.kind !== 'literal') {
    throw new FilterError('The :changed modifier can only be compared with true or false.');
  }
  const truth = booleanish(other.value);
  if (truth === undefined || (op !== '=' && op !== '!=' && op !== '?=' && op !== '?!=')) {
    throw new FilterError('The :changed modifier can only be compared with true or false.');
  }
  const wantChanged = op === '=' || op === '?=' ? truth : !truth;
  if (!changed.isset) return { kind: 'constant', value: !wantChanged };
  return {
    kind: 'compare',
    op: wantChanged ? 'neq' : 'eq',
    quantifier: 'all',
    left: changed.body,
    right: changed.field,
  };
}

function booleanish(value: unknown): boolean | undefined {
  if (value === true || value === 1 || value === 'true' || value === '1') return true;
  if (value === false || value === 0 || value === 'false' || value === '0' || value === null || value === '') return false;
  return undefined;
}

/** Identifier and text contents of every operand (the client substring check looks at both). */
function* operandTexts(expr: FilterExpr): Generator<string> {
  if (expr.kind !== 'compare') {
    for (const item of expr.items) yield* operandTexts(item);
    return;
  }
  yield* textsOf(expr.left);
  yield* textsOf(expr.right);
}

function* textsOf(operand: FilterOperand): Generator<string> {
  if (operand.kind === 'identifier') yield operand.name;
  else if (operand.kind === 'text') yield operand.value;
  else if (operand.kind === 'call') for (const arg of operand.args) yield* textsOf(arg);
}
