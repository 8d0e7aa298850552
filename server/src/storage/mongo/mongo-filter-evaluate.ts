/**
 * In-memory evaluation of the residual filter (what mongo-filter-pushdown.ts could not translate) on one
 * candidate document, with the SQL adapter's semantics: single-valued paths are independent lookups (a
 * scalar subquery there), 'any' comparisons on multi-valued paths share one join tree for the whole
 * condition (EXISTS over the joined rows), each 'all' comparison looks for a counter-example over its own
 * tree. Scalar comparison rules are the filter module's SQLite-like ones (filter/evaluate-values.ts).
 */
import type { Comparison, Condition, Operand, PathOperand, Scalar } from '../../filter/condition.js';
import { type EvalValue, compareScalars } from '../../filter/evaluate-values.js';
import { lookupPath, toScalar } from '../../filter/resolve-values.js';
import { type Assignment, type JoinEnv, JoinTree, hopRows, isListEach, isMultiPath, rootRows } from './mongo-filter-joins.js';
import type { Row, RowLoader } from './mongo-filter-loader.js';
import { strftime } from './mongo-filter-strftime.js';

interface Scope {
  base: Row;
  env: JoinEnv;
  /** Bound rows of the current tree combination, with the keys each multi path registered. */
  assignment?: Assignment;
  keys?: Map<PathOperand, string>;
}

const EARTH_RADIUS_KM = 6371;

function isMultiOperand(op: Operand): boolean {
  if (op.kind === 'path') return isMultiPath(op);
  if (op.kind === 'call') return op.args.some(isMultiOperand);
  return op.kind === 'list';
}

function registerOperand(op: Operand, tree: JoinTree, keys: Map<PathOperand, string>): void {
  if (op.kind === 'path' && isMultiPath(op)) keys.set(op, tree.register(op));
  if (op.kind === 'call') for (const arg of op.args) registerOperand(arg, tree, keys);
}

/** Lists expand to literals: 'all' needs every item to pass, 'any' one of them. */
function expandLists(cmp: Comparison): Comparison[] | undefined {
  for (const side of ['left', 'right'] as const) {
    const operand = cmp[side];
    if (operand.kind === 'list') return operand.values.map((value) => ({ ...cmp, [side]: { kind: 'literal', value } }));
  }
  return undefined;
}

/** Registers the chains of every 'any' comparison on multi operands (they share the root tree). */
function collectAny(cond: Condition, tree: JoinTree, keys: Map<PathOperand, string>): void {
  if (cond.kind === 'and' || cond.kind === 'or') for (const item of cond.items) collectAny(item, tree, keys);
  if (cond.kind !== 'compare' || cond.quantifier !== 'any') return;
  registerOperand(cond.left, tree, keys);
  registerOperand(cond.right, tree, keys);
}

function asText(value: Scalar): string {
  return value === null ? '' : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
}

/** The leaf value of a path on `row` (null row: the LEFT JOIN found nothing). */
function leafValue(op: PathOperand, row: Row | null, item: unknown): EvalValue {
  const field = op.field;
  const raw = row ? row[field.name] : null;
  let value: Scalar;
  let noFallback = false;
  if (isListEach(op)) {
    value = toScalar(item);
  } else if (op.modifier === 'length' && (field.storage === 'list' || field.storage === 'text')) {
    value = Array.isArray(raw) ? raw.length : raw === null || raw === undefined || raw === '' ? 0 : 1;
  } else if (field.storage === 'json' || field.storage === 'geo' || field.storage === 'list') {
    noFallback = true;
    value = toScalar(op.jsonPath?.length ? lookupPath(raw, op.jsonPath.map(String)).value : raw);
  } else {
    value = toScalar(raw);
  }
  if (op.modifier === 'lower' && value !== null) value = asText(value).toLowerCase();
  return { value, noFallback, isLiteral: false };
}

/** A single-valued path: walk root and hops taking the first row of each step. */
async function singlePathValue(op: PathOperand, scope: Scope): Promise<EvalValue> {
  let row: Row | null = scope.base;
  if (op.root.kind !== 'base') row = (await rootRows(op.root, scope.env))[0] ?? null;
  for (const hop of op.hops) {
    if (!row) break;
    row = (await hopRows(hop, row, scope.env))[0] ?? null;
  }
  return leafValue(op, row, undefined);
}

async function operandValue(op: Operand, scope: Scope): Promise<EvalValue> {
  switch (op.kind) {
    case 'literal':
      return { value: op.value, noFallback: false, isLiteral: true };
    case 'list':
      throw new Error('list operands are expanded before evaluation');
    case 'path': {
      const key = scope.keys?.get(op);
      if (key === undefined || !scope.assignment) return singlePathValue(op, scope);
      if (isListEach(op)) {
        const rowKey = key.slice(0, key.lastIndexOf(':each:'));
        return leafValue(op, (scope.assignment.get(rowKey) as Row | null) ?? null, scope.assignment.get(key));
      }
      return leafValue(op, (scope.assignment.get(key) as Row | null) ?? null, undefined);
    }
    case 'call': {
      const args = await Promise.all(op.args.map((arg) => operandValue(arg, scope)));
      const value = op.fn === 'geoDistance' ? geoDistance(args.map((a) => a.value)) : strftime(args.map((a) => a.value), op.args);
      return { value, noFallback: op.fn === 'geoDistance', isLiteral: false };
    }
  }
}

function geoDistance(args: Scalar[]): Scalar {
  if (args.length !== 4) return null;
  const numbers = args.map((a) => (typeof a === 'number' ? a : typeof a === 'boolean' ? Number(a) : a === null || a.trim() === '' ? NaN : Number(a)));
  if (numbers.some((n) => !Number.isFinite(n))) return null;
  const [lon1, lat1, lon2, lat2] = numbers.map((deg) => (deg * Math.PI) / 180);
  const cosine = Math.cos(lat1) * Math.cos(lat2) * Math.cos(lon2 - lon1) + Math.sin(lat1) * Math.sin(lat2);
  return EARTH_RADIUS_KM * Math.acos(Math.min(1, Math.max(-1, cosine)));
}

async function holds(cmp: Comparison, scope: Scope): Promise<boolean> {
  const [left, right] = await Promise.all([operandValue(cmp.left, scope), operandValue(cmp.right, scope)]);
  return compareScalars(cmp.op, left, right);
}

async function evaluateComparison(cmp: Comparison, scope: Scope): Promise<boolean> {
  const expanded = expandLists(cmp);
  if (expanded) {
    for (const item of expanded) {
      const passed = await evaluateComparison(item, scope);
      if (cmp.quantifier === 'all' ? !passed : passed) return passed;
    }
    return cmp.quantifier === 'all';
  }
  if (!isMultiOperand(cmp.left) && !isMultiOperand(cmp.right)) return holds(cmp, { ...scope, keys: undefined });
  if (cmp.quantifier === 'any') return holds(cmp, scope);
  const tree = new JoinTree('all');
  const keys = new Map<PathOperand, string>();
  registerOperand(cmp.left, tree, keys);
  registerOperand(cmp.right, tree, keys);
  const counterExample = await tree.some(scope.base, scope.env, async (assignment) => !(await holds(cmp, { ...scope, assignment, keys })));
  return !counterExample;
}

async function evaluateNode(cond: Condition, scope: Scope): Promise<boolean> {
  switch (cond.kind) {
    case 'constant':
      return cond.value;
    case 'and':
      for (const item of cond.items) if (!(await evaluateNode(item, scope))) return false;
      return true;
    case 'or':
      for (const item of cond.items) if (await evaluateNode(item, scope)) return true;
      return false;
    case 'compare':
      return evaluateComparison(cond, scope);
  }
}

export async function evaluateResidual(cond: Condition, base: Row, env: JoinEnv): Promise<boolean> {
  const tree = new JoinTree('any');
  const keys = new Map<PathOperand, string>();
  collectAny(cond, tree, keys);
  if (tree.isEmpty() && keys.size === 0) return evaluateNode(cond, { base, env });
  return tree.some(base, env, (assignment) => evaluateNode(cond, { base, env, assignment, keys }));
}

/** The environment for one query: a shared loader, guards evaluated by the same rules. */
export function joinEnv(loader: RowLoader): JoinEnv {
  const env: JoinEnv = { loader, passesGuard: (guard, row) => evaluateResidual(guard, row, env) };
  return env;
}


/** Every value a path yields for `base` (a multi path: one per joined row; none when the set is empty). */
export async function pathValues(op: PathOperand, base: Row, env: JoinEnv): Promise<Scalar[]> {
  if (!isMultiPath(op)) return [(await singlePathValue(op, { base, env })).value];
  const tree = new JoinTree('all');
  const keys = new Map<PathOperand, string>([[op, tree.register(op)]]);
  const values: Scalar[] = [];
  await tree.some(base, env, async (assignment) => {
    values.push((await operandValue(op, { base, env, assignment, keys })).value);
    return false;
  });
  return values;
}
