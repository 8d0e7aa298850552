/**
 * Small builders for the conditions core writes itself (by id, by relation membership), so use cases never
 * hand-assemble filter trees. Paths are rooted at the row being queried.
 */
import type { Comparison, Condition, LeafField, PathOperand, Scalar } from '../../filter/condition.js';

const idLeaf: LeafField = { name: 'id', type: 'text', storage: 'text', multiple: false };

export function basePath(field: LeafField, modifier?: PathOperand['modifier']): PathOperand {
  return {
    kind: 'path',
    root: { kind: 'base' },
    hops: [],
    field,
    ...(modifier ? { modifier } : {}),
    multi: modifier === 'each',
    joinKey: '',
  };
}

const equals = (left: PathOperand, value: Scalar, quantifier: Comparison['quantifier'] = 'all'): Comparison => ({
  kind: 'compare',
  op: 'eq',
  quantifier,
  left,
  right: { kind: 'literal', value },
});

export function and(...items: (Condition | undefined)[]): Condition | undefined {
  const present = items.filter((c): c is Condition => c !== undefined);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : { kind: 'and', items: present };
}

function anyOf(items: Condition[]): Condition {
  if (items.length === 0) return { kind: 'constant', value: false };
  return items.length === 1 ? items[0] : { kind: 'or', items };
}

export const idEquals = (id: string): Condition => equals(basePath(idLeaf), id);

export const idNotEquals = (id: string): Condition => ({ ...equals(basePath(idLeaf), id), op: 'neq' });

/** Case-insensitive equality of a text field (LOWER on the stored value, the literal lowered here). */
export const equalsIgnoreCase = (field: LeafField, value: string): Condition =>
  equals(basePath(field, 'lower'), value.toLowerCase());

export const idIn = (ids: readonly string[]): Condition => anyOf([...new Set(ids)].map(idEquals));

/**
 * Rows whose relation field `field` references any of `ids`. A multiple field is a list: any item matches.
 */
export function referencesAny(field: LeafField, ids: readonly string[]): Condition {
  const path = field.multiple ? basePath(field, 'each') : basePath(field);
  return anyOf([...new Set(ids)].map((id) => equals(path, id, 'any')));
}
