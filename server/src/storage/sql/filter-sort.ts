/**
 * Sort terms. SQLite orders text by bytes and puts NULLs first when ascending; PostgreSQL's defaults differ
 * (locale collation, NULLs last), so both are spelled out. A multi-valued path sorts by its smallest value.
 */
import type { SortTerm } from '../../filter/condition.js';
import { type CompileContext, JoinTree } from './filter-joins.js';
import { isMultiPath, pathValue } from './filter-paths.js';
import { type TypedValue, asText } from './filter-values.js';
import { type SqlFragment, fragment, qualifiedColumn, sqlOf } from './sql-text.js';

function direction(dir: 'asc' | 'desc', nullable = true): string {
  // A key that cannot be NULL gets no NULLS clause: same order, and only then can a btree index (which puts
  // NULLs last ascending, first descending) deliver it, so `ORDER BY … LIMIT` reads a page instead of sorting.
  if (!nullable) return dir === 'asc' ? 'ASC' : 'DESC';
  return dir === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST';
}

/** A sortable key: text in byte order, booleans as 0/1, jsonb as its own ordering (or its text for MIN). */
function sortKey(value: TypedValue, aggregated: boolean): SqlFragment {
  switch (value.type) {
    case 'text':
      return sqlOf`(${value.sql}) COLLATE "C"`;
    case 'bool':
      return sqlOf`(${value.sql})::int`;
    case 'jsonb':
      return aggregated ? sqlOf`(${asText(value)}) COLLATE "C"` : value.sql;
    default:
      return value.sql;
  }
}

export function sortExpression(term: SortTerm, ctx: CompileContext): SqlFragment {
  if (term.kind === 'random') return fragment('random()');
  if (term.kind === 'rowid') return fragment(`${qualifiedColumn(ctx.baseAlias, '_rowid')} ${direction(term.direction, false)}`);
  const operand = term.operand;
  if (!isMultiPath(operand)) {
    const value = pathValue(operand, undefined, ctx);
    return sqlOf`${sortKey(value, false)} ${direction(term.direction, value.nullable)}`;
  }
  const tree = new JoinTree('all', ctx.aliases);
  const key = sortKey(pathValue(operand, tree, ctx), true);
  return sqlOf`(SELECT MIN(${key}) FROM ${tree.from()}) ${direction(term.direction)}`;
}
