/**
 * In-memory evaluation of resolved conditions over one plain record, for data that is not in a queried table
 * (the collections list, realtime). Only base-rooted paths without relation hops can be evaluated here.
 */
import type { Comparison, Condition, Operand, Scalar } from './condition.js';
import { FilterError } from './errors.js';
import { compareScalars, type EvalValue } from './evaluate-values.js';
import { lookupPath, toItems, toScalar } from './resolve-values.js';

export function evaluateCondition(cond: Condition, record: Record<string, unknown>): boolean {
  switch (cond.kind) {
    case 'and':
      return cond.items.every((item) => evaluateCondition(item, record));
    case 'or':
      return cond.items.some((item) => evaluateCondition(item, record));
    case 'constant':
      return cond.value;
    case 'compare':
      return evaluateComparison(cond, record);
  }
}

function evaluateComparison(cond: Comparison, record: Record<string, unknown>): boolean {
  const left = operandValues(cond.left, record);
  const right = operandValues(cond.right, record);
  const holds = (a: EvalValue, b: EvalValue) => compareScalars(cond.op, a, b);
  if (cond.quantifier === 'any') return left.some((a) => right.some((b) => holds(a, b)));
  return left.every((a) => right.every((b) => holds(a, b)));
}

function operandValues(operand: Operand, record: Record<string, unknown>): EvalValue[] {
  switch (operand.kind) {
    case 'literal':
      return [{ value: operand.value, noFallback: false, isLiteral: true }];
    case 'list':
      return operand.values.map((value) => ({ value, noFallback: false, isLiteral: true }));
    case 'call':
      return [{ value: evaluateCall(operand, record), noFallback: true, isLiteral: false }];
    case 'path':
      return pathValues(operand, record);
  }
}

function pathValues(operand: Extract<Operand, { kind: 'path' }>, record: Record<string, unknown>): EvalValue[] {
  if (operand.root.kind !== 'base' || operand.hops.length > 0) {
    throw new FilterError('This filter can only use fields of the record itself.');
  }
  const raw = record[operand.field.name];
  const noFallback = operand.field.storage === 'json' || operand.field.storage === 'geo';
  const wrap = (value: Scalar): EvalValue => ({ value, noFallback, isLiteral: false });

  if (operand.jsonPath) {
    const found = lookupPath(raw, operand.jsonPath.map(String));
    const value = toScalar(found.found ? found.value : null);
    return [wrap(operand.modifier === 'lower' && typeof value === 'string' ? value.toLowerCase() : value)];
  }
  switch (operand.modifier) {
    case 'each':
      return toItems(raw).map((item) => wrap(toScalar(item)));
    case 'length': {
      const count = Array.isArray(raw) ? raw.length : raw === null || raw === undefined || raw === '' ? 0 : 1;
      return [wrap(count)];
    }
    case 'lower': {
      const value = toScalar(raw);
      return [wrap(value === null ? null : String(value).toLowerCase())];
    }
    default:
      return [wrap(toScalar(raw))];
  }
}

const earthRadiusKm = 6371;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

function evaluateCall(call: Extract<Operand, { kind: 'call' }>, record: Record<string, unknown>): Scalar {
  if (call.fn !== 'geoDistance') throw new FilterError(`${call.fn}() is not supported here.`);
  const numbers = call.args.map((arg) => {
    const [first] = operandValues(arg, record);
    const value = first?.value;
    return typeof value === 'number' ? value : value === null || value === undefined ? NaN : Number(value);
  });
  if (numbers.some((n) => !Number.isFinite(n))) return null;
  const [lonA, latA, lonB, latB] = numbers.map(radians);
  const cosine =
    Math.cos(latA) * Math.cos(latB) * Math.cos(lonB - lonA) + Math.sin(latA) * Math.sin(latB);
  return earthRadiusKm * Math.acos(Math.min(1, Math.max(-1, cosine)));
}
