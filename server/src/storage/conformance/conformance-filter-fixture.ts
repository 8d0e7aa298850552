/**
 * The filter fixture: users, tags, posts (single `author`, multiple `tags`, json `meta`) and comments (single
 * `post`), plus terse builders for hand-written resolved conditions (filter/condition.ts).
 */
import type {
  CollectionRef,
  CompareOp,
  Condition,
  Hop,
  LeafField,
  Operand,
  PathOperand,
  PathRoot,
  Scalar,
  SortTerm,
} from '../../filter/condition.js';
import type { StorageKind, StorageSession, TableSchema } from '../port.js';
import { column, tableSchema } from './conformance-tables.js';

export const users = tableSchema('users', [column('name', 'text'), column('email', 'text')]);
export const tags = tableSchema('tags', [column('name', 'text')]);
export const posts = tableSchema('posts', [
  column('title', 'text'),
  column('author', 'text'),
  column('tags', 'list'),
  column('meta', 'json'),
  column('views', 'number'),
  column('published', 'bool'),
]);
export const comments = tableSchema('comments', [column('post', 'text'), column('body', 'text')]);

export const fixtureTables = { users, tags, posts, comments };
export type FixtureTable = keyof typeof fixtureTables;

const rows: Record<FixtureTable, Record<string, unknown>[]> = {
  users: [
    { id: 'u1', name: 'Alice', email: 'alice@x.io' },
    { id: 'u2', name: 'Bob', email: 'bob@x.io' },
    { id: 'u3', name: '', email: '' },
  ],
  tags: [
    { id: 't1', name: 'js' },
    { id: 't2', name: 'ts' },
    { id: 't3', name: 'go' },
  ],
  posts: [
    { id: 'p1', title: 'Hello World', author: 'u1', tags: ['t1', 't2'], meta: { a: { b: 1 }, label: 'x' }, views: 10, published: true },
    { id: 'p2', title: 'Second', author: 'u2', tags: ['t1'], meta: { a: { b: 2 } }, views: 5.5, published: false },
    { id: 'p3', title: '', author: '', tags: [], meta: null, views: 0, published: false },
    { id: 'p4', title: 'hello again', author: 'u1', tags: ['t3'], meta: { label: 'y' }, views: -20, published: true },
  ],
  comments: [
    { id: 'c1', post: 'p1', body: 'nice' },
    { id: 'c2', post: 'p1', body: 'meh' },
    { id: 'c3', post: 'p2', body: 'nice' },
  ],
};

export async function createFixture(storage: StorageSession): Promise<void> {
  await storage.transaction(async (tx) => {
    for (const [name, table] of Object.entries(fixtureTables) as [FixtureTable, TableSchema][]) {
      await tx.createCollection(table, { name });
      for (const row of rows[name]) await tx.insert(table, row);
    }
  });
}

// ---- builders for resolved conditions ----

export const ref = (table: TableSchema): CollectionRef => ({ id: table.id, name: table.name });

export function leaf(table: TableSchema, name: string): LeafField {
  const storage: StorageKind = table.columns.find((c) => c.name === name)?.storage ?? 'text';
  return { name, type: storage, storage, multiple: storage === 'list' };
}

export const lit = (value: Scalar): Operand => ({ kind: 'literal', value });

export const relation = (field: string, target: TableSchema, multiple: boolean): Hop => ({ kind: 'relation', field, multiple, target: ref(target) });

export const backRelation = (source: TableSchema, field: string): Hop => ({
  kind: 'backRelation',
  source: ref(source),
  field,
  fieldMultiple: false,
  multiple: true,
});

export interface PathSpec {
  root?: PathRoot;
  hops?: Hop[];
  jsonPath?: (string | number)[];
  modifier?: PathOperand['modifier'];
}

/** A path ending at `field` of `leafTable`; multi and joinKey derived as the resolver would. */
export function path(leafTable: TableSchema, field: string, spec: PathSpec = {}): PathOperand {
  const root = spec.root ?? { kind: 'base' };
  const hops = spec.hops ?? [];
  const leafField = leaf(leafTable, field);
  const multi =
    root.kind === 'collection' ||
    (root.kind === 'records' && root.ids.length > 1) ||
    hops.some((h) => h.multiple) ||
    (spec.modifier === 'each' && leafField.multiple);
  const rootKey = root.kind === 'base' ? 'base' : root.kind === 'collection' ? `@collection.${root.collection.name}:${root.alias}` : `records:${root.ids.join(',')}`;
  const hopKeys = hops.map((h) => (h.kind === 'relation' ? h.field : `${h.source.name}_via_${h.field}`));
  return { kind: 'path', root, hops, field: leafField, jsonPath: spec.jsonPath, modifier: spec.modifier, multi, joinKey: [rootKey, ...hopKeys].join('.') };
}

export const cmp = (op: CompareOp, left: Operand, right: Operand, quantifier: 'any' | 'all' = 'all'): Condition => ({
  kind: 'compare',
  op,
  quantifier,
  left,
  right,
});

export const and = (...items: Condition[]): Condition => ({ kind: 'and', items });
export const or = (...items: Condition[]): Condition => ({ kind: 'or', items });

export const sortBy = (operand: PathOperand, direction: 'asc' | 'desc' = 'asc'): SortTerm => ({ kind: 'path', operand, direction });
