/**
 * Path operands: the root row, relation hops, the leaf field and its modifiers, compiled against a JoinTree.
 * Single-valued paths become a direct column or a scalar subquery (NULL when a link is missing);
 * multi-valued paths add their joins to the tree the caller quantifies over.
 */
import type { Hop, PathOperand, PathRoot } from '../../filter/condition.js';
import { type CompileContext, JoinTree } from './filter-joins.js';
import { type TypedValue, asText, safeJsonArray, textArrayLiteral } from './filter-values.js';
import { type SqlFragment, fragment, qualifiedColumn, quoteIdent, sqlOf } from './sql-text.js';

export function isMultiPath(op: PathOperand): boolean {
  return op.multi || isListEach(op);
}

function isListEach(op: PathOperand): boolean {
  return op.modifier === 'each' && op.field.storage === 'list';
}

function rootKey(root: PathRoot): string {
  switch (root.kind) {
    case 'base':
      return 'base';
    case 'collection':
      return `collection:${root.collection.id}:${root.alias}`;
    case 'records':
      return `records:${root.collection.id}:${JSON.stringify(root.ids)}`;
  }
}

function hopKey(hop: Hop): string {
  return hop.kind === 'relation' ? `>${hop.field}` : `<${hop.source.id}.${hop.field}`;
}

function joinRoot(root: PathRoot, tree: JoinTree, ctx: CompileContext): string {
  if (root.kind === 'base') return ctx.baseAlias;
  return tree.ensure(rootKey(root), () => {
    const alias = ctx.aliases.next('c');
    const table = `${quoteIdent(root.collection.name)} AS ${quoteIdent(alias)}`;
    const on =
      root.kind === 'collection'
        ? fragment('true')
        : fragment(`${qualifiedColumn(alias, 'id')} = ANY(?::text[])`, [textArrayLiteral(root.ids)]);
    return { alias, joins: [sqlOf`${tree.keyword(true)} ${table} ON ${on}`] };
  });
}

function withGuard(on: SqlFragment, hop: Hop, alias: string, ctx: CompileContext): SqlFragment {
  return hop.guard ? sqlOf`${on} AND (${ctx.compileGuard(hop.guard, alias)})` : on;
}

function joinHop(hop: Hop, prev: string, key: string, tree: JoinTree, ctx: CompileContext): string {
  return tree.ensure(key, () => {
    const alias = ctx.aliases.next('j');
    const self = quoteIdent(alias);
    if (hop.kind === 'relation') {
      const table = `${quoteIdent(hop.target.name)} AS ${self}`;
      if (!hop.multiple) {
        const on = withGuard(fragment(`${qualifiedColumn(alias, 'id')} = ${qualifiedColumn(prev, hop.field)}`), hop, alias, ctx);
        return { alias, joins: [sqlOf`LEFT JOIN ${table} ON ${on}`] };
      }
      const elem = ctx.aliases.next('e');
      const ids = safeJsonArray(qualifiedColumn(prev, hop.field));
      const elements = sqlOf`${tree.keyword(true)} LATERAL jsonb_array_elements_text(${ids}) AS ${quoteIdent(elem)}(v) ON true`;
      const on = withGuard(fragment(`${qualifiedColumn(alias, 'id')} = ${qualifiedColumn(elem, 'v')}`), hop, alias, ctx);
      return { alias, joins: [elements, sqlOf`${tree.keyword(true)} ${table} ON ${on}`] };
    }
    const table = `${quoteIdent(hop.source.name)} AS ${self}`;
    const link = hop.fieldMultiple
      ? `${qualifiedColumn(alias, hop.field)} @> jsonb_build_array(${qualifiedColumn(prev, 'id')})`
      : `${qualifiedColumn(alias, hop.field)} = ${qualifiedColumn(prev, 'id')}`;
    const on = withGuard(fragment(link), hop, alias, ctx);
    return { alias, joins: [sqlOf`${tree.keyword(hop.multiple)} ${table} ON ${on}`] };
  });
}

/** Joins root and hops into `tree`; returns the alias of the row holding the leaf field and the chain key. */
function joinChain(op: PathOperand, tree: JoinTree, ctx: CompileContext): { alias: string; key: string } {
  let key = rootKey(op.root);
  let alias = joinRoot(op.root, tree, ctx);
  for (const hop of op.hops) {
    key += hopKey(hop);
    alias = joinHop(hop, alias, key, tree, ctx);
  }
  return { alias, key };
}

/** The leaf value read from `alias`, with modifiers applied. */
function leafValue(op: PathOperand, alias: string, chainKey: string, tree: JoinTree, ctx: CompileContext, direct: boolean): TypedValue {
  const field = op.field;
  const columnName = qualifiedColumn(alias, field.name);
  const column = fragment(columnName);
  // Non-json columns are NOT NULL, so a column of the row itself is never NULL.
  const columnNullable = !direct || field.storage === 'json';
  let value: TypedValue;
  if (isListEach(op)) {
    const elemAlias = tree.ensure(`${chainKey}:each:${field.name}`, () => {
      const elem = ctx.aliases.next('e');
      const join = sqlOf`${tree.keyword(true)} LATERAL jsonb_array_elements_text(${safeJsonArray(columnName)}) AS ${quoteIdent(elem)}(v) ON true`;
      return { alias: elem, joins: [join] };
    });
    value = { sql: fragment(qualifiedColumn(elemAlias, 'v')), type: 'text', nullable: true };
  } else if (op.modifier === 'length' && field.storage === 'list') {
    value = { sql: fragment(`jsonb_array_length(${safeJsonArray(columnName)})`), type: 'number', nullable: false };
  } else if (op.modifier === 'length' && field.storage === 'text') {
    value = { sql: sqlOf`(COALESCE(${column}, '') <> '')::int`, type: 'number', nullable: false };
  } else if (field.storage === 'json' || field.storage === 'geo' || field.storage === 'list') {
    const path = op.jsonPath && op.jsonPath.length > 0 ? op.jsonPath : undefined;
    value = path
      ? { sql: sqlOf`(${column} #> ${fragment('?::text[]', [textArrayLiteral(path.map(String))])})`, type: 'jsonb', nullable: true }
      : { sql: column, type: 'jsonb', nullable: columnNullable };
  } else {
    value = { sql: column, type: field.storage, nullable: columnNullable };
  }
  if (op.modifier === 'lower') {
    return { sql: sqlOf`LOWER(${asText(value)})`, type: 'text', nullable: value.nullable };
  }
  return value;
}

/**
 * A path's value. Multi-valued paths join into `tree` (required); single-valued ones read the base row
 * directly or through a scalar subquery of LEFT JOINs.
 */
export function pathValue(op: PathOperand, tree: JoinTree | undefined, ctx: CompileContext): TypedValue {
  if (isMultiPath(op)) {
    if (!tree) throw new Error('multi-valued path compiled without a join tree');
    const chain = joinChain(op, tree, ctx);
    return leafValue(op, chain.alias, chain.key, tree, ctx, false);
  }
  if (op.root.kind === 'base' && op.hops.length === 0) {
    return leafValue(op, ctx.baseAlias, 'base', new JoinTree('any', ctx.aliases), ctx, true);
  }
  const own = new JoinTree('any', ctx.aliases);
  const chain = joinChain(op, own, ctx);
  const value = leafValue(op, chain.alias, chain.key, own, ctx, false);
  return { sql: sqlOf`(SELECT ${value.sql} FROM ${own.from()} LIMIT 1)`, type: value.type, nullable: true };
}
