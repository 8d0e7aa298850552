/**
 * Hand-built resolved conditions over the fixture, with the ids PocketBase would return (in insertion order).
 * NULL semantics follow PocketBase: a missing value equals '' and null; 'all' over an empty set passes.
 */
import type { Condition, SortTerm } from '../../filter/condition.js';
import {
  and,
  backRelation,
  cmp,
  comments,
  type FixtureTable,
  lit,
  or,
  path,
  posts,
  ref,
  relation,
  sortBy,
  tags,
  users,
} from './conformance-filter-fixture.js';

export interface FilterCase {
  name: string;
  table: FixtureTable;
  where: Condition;
  expected: string[];
}

const title = path(posts, 'title');
const postId = path(posts, 'id');
const authorName = path(users, 'name', { hops: [relation('author', users, false)] });
const tagName = path(tags, 'name', { hops: [relation('tags', tags, true)] });
const commentBody = path(comments, 'body', { hops: [backRelation(comments, 'post')] });
const commentId = path(comments, 'id', { hops: [backRelation(comments, 'post')] });
const commentsRoot = (alias: string) => ({ kind: 'collection' as const, collection: ref(comments), alias });
const usersById = (ids: string[]) => ({ kind: 'records' as const, collection: ref(users), ids });
const meta = (...jsonPath: (string | number)[]) => path(posts, 'meta', { jsonPath });
const taggedPosts = { kind: 'backRelation' as const, source: ref(posts), field: 'tags', fieldMultiple: true, multiple: true };

export const filterCases: FilterCase[] = [
  { name: 'eq text', table: 'posts', where: cmp('eq', title, lit('Second')), expected: ['p2'] },
  { name: "eq ''", table: 'posts', where: cmp('eq', title, lit('')), expected: ['p3'] },
  { name: 'eq null matches empty text', table: 'posts', where: cmp('eq', title, lit(null)), expected: ['p3'] },
  { name: "neq ''", table: 'posts', where: cmp('neq', title, lit('')), expected: ['p1', 'p2', 'p4'] },
  { name: 'neq null', table: 'posts', where: cmp('neq', title, lit(null)), expected: ['p1', 'p2', 'p4'] },
  { name: 'json column eq null', table: 'posts', where: cmp('eq', path(posts, 'meta'), lit(null)), expected: ['p3'] },
  { name: 'like is a case-insensitive contains', table: 'posts', where: cmp('like', title, lit('hello')), expected: ['p1', 'p4'] },
  { name: 'not like', table: 'posts', where: cmp('nlike', title, lit('hello')), expected: ['p2', 'p3'] },
  { name: 'lower modifier', table: 'posts', where: cmp('eq', path(posts, 'title', { modifier: 'lower' }), lit('hello world')), expected: ['p1'] },
  { name: 'number gt', table: 'posts', where: cmp('gt', path(posts, 'views'), lit(5)), expected: ['p1', 'p2'] },
  { name: 'number lt negative', table: 'posts', where: cmp('lt', path(posts, 'views'), lit(0)), expected: ['p4'] },
  { name: 'number gte decimal', table: 'posts', where: cmp('gte', path(posts, 'views'), lit(5.5)), expected: ['p1', 'p2'] },
  { name: 'bool eq', table: 'posts', where: cmp('eq', path(posts, 'published'), lit(true)), expected: ['p1', 'p4'] },
  { name: 'single relation id', table: 'posts', where: cmp('eq', path(posts, 'author'), lit('u1')), expected: ['p1', 'p4'] },
  { name: 'single relation hop', table: 'posts', where: cmp('eq', authorName, lit('Alice')), expected: ['p1', 'p4'] },
  { name: "missing relation equals ''", table: 'posts', where: cmp('eq', authorName, lit('')), expected: ['p3'] },
  { name: "missing relation is not != ''", table: 'posts', where: cmp('neq', authorName, lit('')), expected: ['p1', 'p2', 'p4'] },
  { name: 'ANY over multiple relation', table: 'posts', where: cmp('eq', tagName, lit('js'), 'any'), expected: ['p1', 'p2'] },
  { name: 'ALL over multiple relation, empty set passes', table: 'posts', where: cmp('eq', tagName, lit('js')), expected: ['p2', 'p3'] },
  {
    name: 'ANY combined with or',
    table: 'posts',
    where: or(cmp('eq', tagName, lit('go'), 'any'), cmp('eq', title, lit('Second'))),
    expected: ['p2', 'p4'],
  },
  { name: 'list length 0', table: 'posts', where: cmp('eq', path(posts, 'tags', { modifier: 'length' }), lit(0)), expected: ['p3'] },
  { name: 'list length >= 2', table: 'posts', where: cmp('gte', path(posts, 'tags', { modifier: 'length' }), lit(2)), expected: ['p1'] },
  { name: 'list each ANY', table: 'posts', where: cmp('eq', path(posts, 'tags', { modifier: 'each' }), lit('t3'), 'any'), expected: ['p4'] },
  { name: 'back-relation ANY', table: 'posts', where: cmp('eq', commentBody, lit('nice'), 'any'), expected: ['p1', 'p2'] },
  { name: 'back-relation ALL, empty sets pass', table: 'posts', where: cmp('eq', commentBody, lit('nice')), expected: ['p2', 'p3', 'p4'] },
  {
    name: 'ANY on one join chain sees the same joined row',
    table: 'posts',
    where: and(cmp('eq', commentBody, lit('meh'), 'any'), cmp('eq', commentId, lit('c1'), 'any')),
    expected: [],
  },
  {
    name: 'back-relation over a multiple relation field',
    table: 'tags',
    where: cmp('eq', path(posts, 'published', { hops: [taggedPosts] }), lit(true)),
    expected: ['t2', 't3'],
  },
  {
    name: '@collection root correlated by alias',
    table: 'posts',
    where: and(
      cmp('eq', path(comments, 'post', { root: commentsRoot('c') }), postId, 'any'),
      cmp('eq', path(comments, 'body', { root: commentsRoot('c') }), lit('meh'), 'any'),
    ),
    expected: ['p1'],
  },
  {
    name: '@collection roots with different aliases are independent',
    table: 'posts',
    where: and(
      cmp('eq', path(comments, 'post', { root: commentsRoot('a') }), postId, 'any'),
      cmp('eq', path(comments, 'body', { root: commentsRoot('b') }), lit('meh'), 'any'),
    ),
    expected: ['p1', 'p2'],
  },
  { name: 'records root, one id', table: 'posts', where: cmp('eq', authorName, path(users, 'name', { root: usersById(['u1']) })), expected: ['p1', 'p4'] },
  {
    name: 'records root, several ids (ANY)',
    table: 'posts',
    where: cmp('eq', path(posts, 'author'), path(users, 'id', { root: usersById(['u1', 'u2']) }), 'any'),
    expected: ['p1', 'p2', 'p4'],
  },
  { name: 'json path number', table: 'posts', where: cmp('gt', meta('a', 'b'), lit(1)), expected: ['p2'] },
  { name: 'json path text', table: 'posts', where: cmp('eq', meta('label'), lit('x')), expected: ['p1'] },
  { name: 'missing json path equals null', table: 'posts', where: cmp('eq', meta('a', 'b'), lit(null)), expected: ['p3', 'p4'] },
  { name: 'constant true', table: 'users', where: { kind: 'constant', value: true }, expected: ['u1', 'u2', 'u3'] },
  { name: 'empty and / or', table: 'users', where: or(and(), cmp('eq', path(users, 'name'), lit('Bob'))), expected: ['u1', 'u2', 'u3'] },
  { name: 'empty or is false', table: 'users', where: or(), expected: [] },
];

export interface SortCase {
  name: string;
  sort: SortTerm[];
  expected: string[];
}

/** Sorts over posts. */
export const sortCases: SortCase[] = [
  { name: 'no sort: insertion order', sort: [], expected: ['p1', 'p2', 'p3', 'p4'] },
  { name: '@rowid desc', sort: [{ kind: 'rowid', direction: 'desc' }], expected: ['p4', 'p3', 'p2', 'p1'] },
  { name: 'number desc', sort: [sortBy(path(posts, 'views'), 'desc')], expected: ['p1', 'p2', 'p3', 'p4'] },
  { name: 'text asc is binary (as SQLite)', sort: [sortBy(title)], expected: ['p3', 'p1', 'p2', 'p4'] },
  { name: 'relation path asc, missing first, ties by rowid', sort: [sortBy(authorName)], expected: ['p3', 'p1', 'p4', 'p2'] },
  { name: 'relation path desc, ties by rowid desc', sort: [sortBy(authorName, 'desc')], expected: ['p2', 'p4', 'p1', 'p3'] },
  { name: 'two terms', sort: [sortBy(path(posts, 'published'), 'desc'), sortBy(path(posts, 'views'))], expected: ['p4', 'p1', 'p3', 'p2'] },
];
