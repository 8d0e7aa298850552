/**
 * The parsed, unresolved filter expression. Produced by `parseFilter` and shared through an LRU cache, so every
 * node must be treated as immutable (the types are readonly to make that checkable).
 */

/** Comparison operators as written; the `?` forms are the "any" quantifier variants. */
export type FilterOperator =
  | '='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | '~'
  | '!~'
  | '?='
  | '?!='
  | '?>'
  | '?>='
  | '?<'
  | '?<='
  | '?~'
  | '?!~';

export const filterOperators: readonly FilterOperator[] = [
  '=', '!=', '>', '>=', '<', '<=', '~', '!~',
  '?=', '?!=', '?>', '?>=', '?<', '?<=', '?~', '?!~',
];

export type FilterOperand =
  /** Raw identifier text, e.g. `author.name`, `@request.body.tags:each`, `@collection.users:u.email`. */
  | { readonly kind: 'identifier'; readonly name: string }
  | { readonly kind: 'number'; readonly value: number; readonly raw: string }
  /** Text literal with the enclosing-quote escapes already removed. */
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly FilterOperand[] };

export interface FilterComparison {
  readonly kind: 'compare';
  readonly op: FilterOperator;
  readonly left: FilterOperand;
  readonly right: FilterOperand;
}

export type FilterExpr =
  | { readonly kind: 'and'; readonly items: readonly FilterExpr[] }
  | { readonly kind: 'or'; readonly items: readonly FilterExpr[] }
  | FilterComparison;
