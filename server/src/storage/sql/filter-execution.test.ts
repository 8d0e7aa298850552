import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Condition, Hop, Operand, PathOperand } from '../../filter/condition.js';
import {
  type TableFields,
  and,
  cmp,
  createTable,
  insertRows,
  leaf,
  lit,
  matchingIds,
  or,
  path,
  ref,
  sortedIds,
} from './filter-test-db.js';

const USERS: TableFields = { name: 'text', age: 'number', verified: 'bool' };
const TAGS: TableFields = { name: 'text', owner: 'text' };
const POSTS: TableFields = {
  title: 'text', views: 'number', published: 'bool', author: 'text', tags: 'list', meta: 'json', location: 'geo', created: 'text',
};
const COMMENTS: TableFields = { post: 'text', message: 'text' };
const LISTS: TableFields = { items: 'list' };
const MEMBERS: TableFields = { user: 'text', team: 'text' };

let db: Knex;

beforeAll(async () => {
  const { openPglite } = await import('./filter-test-db.js');
  db = openPglite();
  for (const [name, fields] of Object.entries({ users: USERS, tags: TAGS, posts: POSTS, comments: COMMENTS, lists: LISTS, members: MEMBERS })) {
    await createTable(db, name, fields);
  }
  await insertRows(db, 'users', USERS, [
    { id: 'u1', name: 'Alice', age: 30, verified: true },
    { id: 'u2', name: 'Bob', age: 20, verified: false },
  ]);
  await insertRows(db, 'tags', TAGS, [
    { id: 't1', name: 'red', owner: 'u1' },
    { id: 't2', name: 'blue', owner: 'u2' },
    { id: 't3', name: 'red_x', owner: 'u1' },
  ]);
  await insertRows(db, 'posts', POSTS, [
    { id: 'p1', title: 'Hello world', views: 10, published: true, author: 'u1', tags: ['t1', 't2'], meta: { a: { b: 'x' }, n: 5, s: 'abc', flag: true }, location: { lon: 23.32, lat: 42.69 }, created: '2024-01-15 10:00:00.000Z' },
    { id: 'p2', title: '', views: 0, published: false, author: 'u2', tags: ['t1'], meta: null, created: '2023-12-31 23:59:59.999Z' },
    { id: 'p3', title: '100%_sure', views: 5, author: 'missing', tags: [], meta: { n: 'str', s: 10 }, created: '2024-02-29 12:30:00.000Z' },
    { id: 'p4', title: 'hello_kitty', views: 20, author: '', tags: ['t3', 't2'], meta: { a: { b: 'y' } }, created: '' },
  ]);
  await insertRows(db, 'comments', COMMENTS, [
    { id: 'c1', post: 'p1', message: 'hi there' },
    { id: 'c2', post: 'p1', message: 'bye' },
    { id: 'c3', post: 'p2', message: 'hi' },
  ]);
  await insertRows(db, 'lists', LISTS, [{ id: 'l1', items: ['p1', 'p2'] }, { id: 'l2', items: ['p1'] }]);
  await insertRows(db, 'members', MEMBERS, [{ id: 'm1', user: 'u1', team: 'A' }, { id: 'm2', user: 'u2', team: 'B' }]);
});

afterAll(async () => {
  await db?.destroy();
});

const posts = (cond: Condition): Promise<string[]> => matchingIds(db, 'posts', cond);

const title = path(leaf('title', 'text'));
const views = path(leaf('views', 'number'));
const published = path(leaf('published', 'bool'));
const created = path(leaf('created', 'text'));
const meta = (...jsonPath: (string | number)[]): Operand => path(leaf('meta', 'json'), { jsonPath });
const authorHop = (guard?: Condition): Hop => ({ kind: 'relation', field: 'author', multiple: false, target: ref('users'), guard });
const tagsHop = (guard?: Condition): Hop => ({ kind: 'relation', field: 'tags', multiple: true, target: ref('tags'), guard });
const authorName = path(leaf('name', 'text'), { hops: [authorHop()] });
const tagName = path(leaf('name', 'text'), { hops: [tagsHop()] });
const commentsVia: Hop = { kind: 'backRelation', source: ref('comments'), field: 'post', fieldMultiple: false, multiple: true };
const listsVia: Hop = { kind: 'backRelation', source: ref('lists'), field: 'items', fieldMultiple: true, multiple: true };
const members = (alias: string, field: string): Operand =>
  path(leaf(field, 'text'), { root: { kind: 'collection', collection: ref('members'), alias } });

describe('an OR of equalities on one column (compiled as = ANY)', () => {
  it('matches exactly the listed values, quotes, backslashes, braces and commas included', async () => {
    const id = path(leaf('id', 'text'));
    expect(await posts(or(cmp('eq', id, lit('p4')), cmp('eq', id, lit('p1')), cmp('eq', id, lit('p9'))))).toEqual(['p1', 'p4']);
    const odd = ['100%_sure', '', 'a"b', 'c\\d', '{x,y}', 'NULL'];
    expect(await posts(or(...odd.map((v) => cmp('eq', title, lit(v)))))).toEqual(['p2', 'p3']);
  });
});

describe('equality conflates NULL and empty text', () => {
  it('matches empty and missing values with = ""', async () => {
    expect(await posts(cmp('eq', title, lit('')))).toEqual(['p2']);
    expect(await posts(cmp('neq', title, lit('')))).toEqual(['p1', 'p3', 'p4']);
    expect(await posts(cmp('eq', authorName, lit('')))).toEqual(['p3', 'p4']);
    expect(await posts(cmp('eq', authorName, lit(null)))).toEqual(['p3', 'p4']);
  });
  it('is null-safe for != and for literal-only comparisons', async () => {
    expect(await posts(cmp('neq', authorName, lit('Alice')))).toEqual(['p2', 'p3', 'p4']);
    expect(await posts(cmp('neq', lit('x'), lit(null)))).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(await posts(cmp('eq', lit(''), lit(null)))).toEqual(['p1', 'p2', 'p3', 'p4']);
  });
  it('compares two columns through COALESCE', async () => {
    const teamOfAuthor = path(leaf('team', 'text'), { root: { kind: 'collection', collection: ref('members'), alias: 'members' } });
    expect(await posts(cmp('eq', title, teamOfAuthor, 'any'))).toEqual([]);
    expect(await posts(cmp('eq', authorName, path(leaf('author', 'text'))))).toEqual(['p4']);
    expect(await posts(cmp('neq', authorName, path(leaf('author', 'text'))))).toEqual(['p1', 'p2', 'p3']);
  });
});

describe('quantifiers', () => {
  it('ALL passes vacuously on an empty set; ANY needs a match', async () => {
    expect(await posts(cmp('eq', tagName, lit('red')))).toEqual(['p2', 'p3']);
    expect(await posts(cmp('eq', tagName, lit('red'), 'any'))).toEqual(['p1', 'p2']);
    expect(await posts(cmp('eq', tagName, lit('blue'), 'any'))).toEqual(['p1', 'p4']);
    expect(await posts(cmp('neq', tagName, lit('blue')))).toEqual(['p2', 'p3']);
  });
  it('correlates ?= on the same @collection alias and not across aliases', async () => {
    const author = path(leaf('author', 'text'));
    const sameRow = and(cmp('eq', members('m', 'user'), author, 'any'), cmp('eq', members('m', 'team'), lit('A'), 'any'));
    expect(await posts(sameRow)).toEqual(['p1']);
    const twoAliases = and(cmp('eq', members('a', 'user'), author, 'any'), cmp('eq', members('b', 'team'), lit('B'), 'any'));
    expect(await posts(twoAliases)).toEqual(['p1', 'p2']);
  });
  it('correlates ?= on the same relation path', async () => {
    const tagOwner = path(leaf('owner', 'text'), { hops: [tagsHop()] });
    expect(await posts(and(cmp('eq', tagName, lit('red'), 'any'), cmp('eq', tagOwner, lit('u2'), 'any')))).toEqual([]);
    expect(await posts(and(cmp('eq', tagName, lit('blue'), 'any'), cmp('eq', tagOwner, lit('u2'), 'any')))).toEqual(['p1', 'p4']);
    expect(await posts(or(cmp('eq', tagName, lit('red_x'), 'any'), cmp('eq', title, lit(''))))).toEqual(['p2', 'p4']);
  });
  it('ALL over @collection is independent per comparison', async () => {
    expect(await posts(cmp('eq', members('members', 'team'), lit('A')))).toEqual([]);
    expect(await posts(cmp('neq', members('members', 'team'), lit('C')))).toEqual(['p1', 'p2', 'p3', 'p4']);
  });
  it('expands literal lists (ALL → every item, ANY → one item)', async () => {
    const list: Operand = { kind: 'list', values: ['Hello world', 'x'] };
    expect(await posts(cmp('eq', title, list, 'any'))).toEqual(['p1']);
    expect(await posts(cmp('neq', title, list))).toEqual(['p2', 'p3', 'p4']);
    expect(await posts(cmp('eq', title, { kind: 'list', values: [] }))).toEqual(['p1', 'p2', 'p3', 'p4']);
  });
});

describe('relations, back relations, records roots and guards', () => {
  it('follows back relations (single and multiple fields)', async () => {
    const message = path(leaf('message', 'text'), { hops: [commentsVia] });
    expect(await posts(cmp('like', message, lit('hi'), 'any'))).toEqual(['p1', 'p2']);
    expect(await posts(cmp('like', message, lit('hi')))).toEqual(['p2', 'p3', 'p4']);
    const listId = path(leaf('id', 'text'), { hops: [listsVia] });
    expect(await posts(cmp('eq', listId, lit('l2'), 'any'))).toEqual(['p1']);
    expect(await posts(cmp('eq', listId, lit('l1'), 'any'))).toEqual(['p1', 'p2']);
  });
  it('reads records roots by bound ids', async () => {
    const authName = path(leaf('name', 'text'), { root: { kind: 'records', collection: ref('users'), ids: ['u1'] }, multi: false });
    expect(await posts(cmp('eq', authName, lit('Alice')))).toEqual(['p1', 'p2', 'p3', 'p4']);
    const both = path(leaf('name', 'text'), { root: { kind: 'records', collection: ref('users'), ids: ['u1', 'u2'] }, multi: true });
    expect(await posts(cmp('eq', both, lit('Bob'), 'any'))).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(await posts(cmp('eq', both, lit('Bob')))).toEqual([]);
    expect(await posts(cmp('eq', path(leaf('id', 'text')), path(leaf('author', 'text'), { root: { kind: 'records', collection: ref('posts'), ids: ['p2'] }, multi: false })))).toEqual([]);
  });
  it('treats rows failing a hop guard as absent', async () => {
    const verified = cmp('eq', path(leaf('verified', 'bool')), lit(true));
    const guardedName = path(leaf('name', 'text'), { hops: [authorHop(verified)] });
    expect(await posts(cmp('eq', guardedName, lit('')))).toEqual(['p2', 'p3', 'p4']);
    expect(await posts(cmp('eq', guardedName, lit('Alice')))).toEqual(['p1']);
    const ownedByU1 = cmp('eq', path(leaf('owner', 'text')), lit('u1'));
    const guardedTag = path(leaf('name', 'text'), { hops: [tagsHop(ownedByU1)] });
    expect(await posts(cmp('eq', guardedTag, lit('blue'), 'any'))).toEqual([]);
    expect(await posts(cmp('like', guardedTag, lit('red'), 'any'))).toEqual(['p1', 'p2', 'p4']);
  });
  it('chains hops (tag → owner user)', async () => {
    const ownerName = path(leaf('name', 'text'), { hops: [tagsHop(), { kind: 'relation', field: 'owner', multiple: false, target: ref('users') }] });
    expect(await posts(cmp('eq', ownerName, lit('Bob'), 'any'))).toEqual(['p1', 'p4']);
    expect(await posts(cmp('eq', ownerName, lit('Alice')))).toEqual(['p2', 'p3']);
  });
});

describe('modifiers', () => {
  it('lower, length and each', async () => {
    expect(await posts(cmp('eq', path(leaf('title', 'text'), { modifier: 'lower' }), lit('hello world')))).toEqual(['p1']);
    expect(await posts(cmp('eq', path(leaf('tags', 'list'), { modifier: 'length' }), lit(2)))).toEqual(['p1', 'p4']);
    expect(await posts(cmp('eq', path(leaf('title', 'text'), { modifier: 'length' }), lit(0)))).toEqual(['p2']);
    const each = path(leaf('tags', 'list'), { modifier: 'each' });
    expect(await posts(cmp('eq', each, lit('t1'), 'any'))).toEqual(['p1', 'p2']);
    expect(await posts(cmp('neq', each, lit('t2')))).toEqual(['p2', 'p3']);
    expect(await posts(cmp('eq', path(leaf('tags', 'list')), lit('["t1"]')))).toEqual(['p2']);
  });
});

describe('json paths', () => {
  it('compares json scalars and objects', async () => {
    expect(await posts(cmp('eq', meta('a', 'b'), lit('x')))).toEqual(['p1']);
    expect(await posts(cmp('eq', meta('s'), lit(10)))).toEqual(['p3']);
    expect(await posts(cmp('eq', meta('flag'), lit(true)))).toEqual(['p1']);
    expect(await posts(cmp('eq', meta('a'), lit('{"b": "x"}')))).toEqual(['p1']);
    expect(await posts(cmp('eq', meta('a'), lit(null)))).toEqual(['p2', 'p3']);
    expect(await posts(cmp('gt', meta('n'), lit(3)))).toEqual(['p1']);
    expect(await posts(cmp('like', meta('a', 'b'), lit('Y')))).toEqual(['p4']);
    expect(await posts(cmp('eq', path(leaf('location', 'geo'), { jsonPath: ['lat'] }), lit(42.69)))).toEqual(['p1']);
  });
});

describe('like', () => {
  it('treats _ literally, honours a user % pattern, and negates null-safely', async () => {
    expect(await posts(cmp('like', title, lit('_')))).toEqual(['p3', 'p4']);
    expect(await posts(cmp('like', title, lit('HELLO')))).toEqual(['p1', 'p4']);
    expect(await posts(cmp('like', title, lit('%world')))).toEqual(['p1']);
    expect(await posts(cmp('like', title, lit('h_llo%')))).toEqual(['p1', 'p4']);
    expect(await posts(cmp('like', title, lit('0\\%')))).toEqual(['p3']);
    expect(await posts(cmp('nlike', title, lit('hello')))).toEqual(['p2', 'p3']);
    expect(await posts(cmp('nlike', authorName, lit('ali')))).toEqual(['p2', 'p3', 'p4']);
    expect(await posts(cmp('like', lit('xx Alice xx'), authorName))).toEqual(['p1', 'p3', 'p4']);
  });
});

describe('SQLite-like typing never raises', () => {
  it('compares mismatched types', async () => {
    expect(await posts(cmp('gt', title, lit(5)))).toEqual(['p1', 'p4']);
    expect(await posts(cmp('eq', views, lit('abc')))).toEqual([]);
    expect(await posts(cmp('eq', views, lit('10')))).toEqual(['p1']);
    expect(await posts(cmp('gt', views, lit('abc')))).toEqual([]);
    expect(await posts(cmp('lt', views, lit('abc')))).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(await posts(cmp('gt', meta('s'), lit(3)))).toEqual(['p3']);
    expect(await posts(cmp('eq', views, title))).toEqual([]);
    expect(await posts(cmp('lt', title, views))).toEqual([]);
    expect(await posts(cmp('eq', published, lit(true)))).toEqual(['p1']);
    expect(await posts(cmp('eq', published, lit(0)))).toEqual(['p2', 'p3', 'p4']);
    expect(await posts(cmp('gte', created, lit('2024-01-01')))).toEqual(['p1', 'p3']);
    expect(await posts(cmp('eq', meta('n'), lit('str')))).toEqual(['p3']);
  });
});

describe('functions', () => {
  it('geoDistance in km', async () => {
    const geo = (f: string): Operand => path(leaf('location', 'geo'), { jsonPath: [f] });
    const distance: Operand = { kind: 'call', fn: 'geoDistance', args: [geo('lon'), geo('lat'), lit(23.32), lit(42.69)] };
    expect(await posts(cmp('lt', distance, lit(25)))).toEqual(['p1']);
    const sofiaToPlovdiv: Operand = { kind: 'call', fn: 'geoDistance', args: [lit(23.32), lit(42.69), lit(24.75), lit(42.15)] };
    expect(await posts(and(cmp('gt', sofiaToPlovdiv, lit(120)), cmp('lt', sofiaToPlovdiv, lit(135))))).toHaveLength(4);
  });
  it('strftime with formats, modifiers and invalid input', async () => {
    const strftime = (...args: Operand[]): Operand => ({ kind: 'call', fn: 'strftime', args });
    expect(await posts(cmp('eq', strftime(lit('%Y-%m'), created), lit('2024-01')))).toEqual(['p1']);
    expect(await posts(cmp('eq', strftime(lit('%Y-%m-%d'), created), lit('')))).toEqual(['p4']);
    expect(await posts(cmp('eq', strftime(lit('%d/%m %H:%M:%S %f %j %w %W %%'), created), lit('15/01 10:00:00 00.000 015 1 03 %')))).toEqual(['p1']);
    expect(await posts(cmp('eq', strftime(lit('%s'), created), lit('1705312800')))).toEqual(['p1']);
    expect(await posts(cmp('eq', strftime(lit('%Y-%m-%d'), created, lit('start of month'), lit('+1 month'), lit('-1 day')), lit('2024-02-29')))).toEqual(['p3']);
    expect(await posts(cmp('eq', strftime(lit('%Y'), created, lit('+1 year')), lit('2025')))).toEqual(['p1', 'p3']);
    expect(await posts(cmp('eq', strftime(lit('%Y'), created, lit('bogus')), lit('')))).toHaveLength(4);
    expect(await posts(cmp('eq', strftime(lit('%Y-%m-%d'), lit('2024-02-30')), lit('2024-03-01')))).toHaveLength(4);
    const tagCreated = path(leaf('name', 'text'), { hops: [tagsHop()] });
    expect(await posts(cmp('eq', strftime(lit('%Y'), tagCreated), lit(''), 'any'))).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(await posts(cmp('eq', strftime(lit('%Y'), tagCreated), lit('')))).toEqual(['p1', 'p2', 'p3', 'p4']);
  });
});

describe('sort', () => {
  it('sorts by relation paths, multi paths (MIN), json paths and rowid', async () => {
    expect(await sortedIds(db, 'posts', [{ kind: 'path', operand: authorName, direction: 'desc' }])).toEqual(['p2', 'p1', 'p3', 'p4']);
    expect(await sortedIds(db, 'posts', [{ kind: 'path', operand: tagName, direction: 'asc' }])).toEqual(['p3', 'p1', 'p4', 'p2']);
    expect(await sortedIds(db, 'posts', [{ kind: 'path', operand: path(leaf('title', 'text'), { modifier: 'lower' }), direction: 'asc' }])).toEqual(['p2', 'p3', 'p1', 'p4']);
    expect(await sortedIds(db, 'posts', [{ kind: 'path', operand: meta('a', 'b') as PathOperand, direction: 'desc' }])).toEqual(['p4', 'p1', 'p2', 'p3']);
    expect(await sortedIds(db, 'posts', [{ kind: 'rowid', direction: 'desc' }])).toEqual(['p4', 'p3', 'p2', 'p1']);
    expect((await sortedIds(db, 'posts', [{ kind: 'random' }])).sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
  });
});

describe('injection', () => {
  it('keeps hostile literals in bindings', async () => {
    const hostile = "'; drop table posts; --";
    expect(await posts(or(cmp('eq', title, lit(hostile)), cmp('like', title, lit(hostile)), cmp('eq', meta(hostile), lit(hostile))))).toEqual([]);
    expect(await posts(cmp('neq', title, lit('')))).toEqual(['p1', 'p3', 'p4']);
  });
});
