/**
 * The MongoDB adapter's filter on a real server (FerretDB): cases beyond the shared conformance suite, mostly
 * the in-memory residual (functions, guards, modifiers, correlated joins) and its paging.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Condition, Operand, SortTerm } from '../../filter/condition.js';
import { silentLogger } from '../../core/logger.js';
import { type FerretDbServer, startFerretDb } from '../../../test/support/ferretdb.js';
import { and, cmp, createFixture, lit, or, path, posts, ref, relation, sortBy, tags, users } from '../conformance/conformance-filter-fixture.js';
import { column, tableSchema } from '../conformance/conformance-tables.js';
import type { StorageAdapter, TableSchema } from '../port.js';
import { createMongoStorage } from './mongo-storage.js';

let server: FerretDbServer;
let storage: StorageAdapter;

const places = tableSchema('places', [column('name', 'text'), column('at', 'geo'), column('created', 'text'), column('data', 'json')]);

beforeAll(async () => {
  server = await startFerretDb();
  storage = await createMongoStorage(server.url, silentLogger);
  await storage.migrate();
  await createFixture(storage);
  await storage.createCollection(places, {});
  for (const row of [
    { id: 'rome', name: 'Rome', at: { lon: 12.4964, lat: 41.9028 }, created: '2024-01-15 10:00:00.000Z', data: { 'a.b': 1, $x: { '%': 2 } } },
    { id: 'paris', name: 'Paris', at: { lon: 2.3522, lat: 48.8566 }, created: '2024-02-29 23:59:59.999Z', data: null },
    { id: 'nyc', name: 'New York', at: { lon: -74.006, lat: 40.7128 }, created: 'not a date', data: [1, 2] },
  ]) {
    await storage.insert(places, row);
  }
});

afterAll(async () => {
  await storage?.close();
  await server?.stop();
});

const ids = async (table: TableSchema, where?: Condition, sort?: SortTerm[], page: { limit?: number; offset?: number } = {}) =>
  (await storage.find({ table, where, sort, ...page })).map((r) => r.id);

const strftime = (format: string, time: Operand, ...modifiers: string[]): Operand => ({
  kind: 'call',
  fn: 'strftime',
  args: [lit(format), time, ...modifiers.map(lit)],
});

describe('residual conditions on FerretDB', () => {
  it('geoDistance in km between a geo field and literals', async () => {
    const at = (f: 'lon' | 'lat') => path(places, 'at', { jsonPath: [f] });
    const distance: Operand = { kind: 'call', fn: 'geoDistance', args: [at('lon'), at('lat'), lit(12.4964), lit(41.9028)] };
    expect(await ids(places, cmp('lt', distance, lit(1200)))).toEqual(['rome', 'paris']);
    expect(await ids(places, cmp('lt', distance, lit(1)))).toEqual(['rome']);
  });

  it('strftime with modifiers; an unparseable time gives empty text', async () => {
    const created = path(places, 'created');
    expect(await ids(places, cmp('eq', strftime('%Y-%m', created), lit('2024-02')))).toEqual(['paris']);
    expect(await ids(places, cmp('eq', strftime('%Y-%m-%d', created, '+1 day'), lit('2024-03-01')))).toEqual(['paris']);
    expect(await ids(places, cmp('eq', strftime('%d', created, 'start of month'), lit('01')))).toEqual(['rome', 'paris']);
    expect(await ids(places, cmp('eq', strftime('%Y', created), lit('')))).toEqual(['nyc']);
  });

  it('json keys with dots, dollars and percent signs round-trip and are readable by path', async () => {
    const [rome] = await storage.find({ table: places, where: cmp('eq', path(places, 'id'), lit('rome')) });
    expect(rome.data).toEqual({ 'a.b': 1, $x: { '%': 2 } });
    expect(await ids(places, cmp('eq', path(places, 'data', { jsonPath: ['$x', '%'] }), lit(2)))).toEqual(['rome']);
    expect(await ids(places, cmp('eq', path(places, 'data', { jsonPath: [1] }), lit(2)))).toEqual(['nyc']);
  });

  it('lower modifier and LIKE wildcards', async () => {
    expect(await ids(posts, cmp('eq', path(posts, 'title', { modifier: 'lower' }), lit('second')))).toEqual(['p2']);
    expect(await ids(posts, cmp('like', path(posts, 'title'), lit('hello%')))).toEqual(['p1', 'p4']);
    expect(await ids(posts, cmp('like', path(posts, 'title'), lit('%D')))).toEqual(['p1', 'p2']);
  });

  it(':each over a list under both quantifiers (all passes on an empty list)', async () => {
    const each = path(posts, 'tags', { modifier: 'each' });
    expect(await ids(posts, cmp('neq', each, lit('t3')))).toEqual(['p1', 'p2', 'p3']);
    expect(await ids(posts, cmp('eq', each, lit('t2'), 'any'))).toEqual(['p1']);
    // Two `?=` on the same list look at the same element.
    expect(await ids(posts, and(cmp('eq', each, lit('t1'), 'any'), cmp('eq', each, lit('t2'), 'any')))).toEqual([]);
  });

  it('list operands expand by quantifier', async () => {
    const list: Operand = { kind: 'list', values: ['u1', 'u2'] };
    expect(await ids(posts, cmp('eq', path(posts, 'author'), list, 'any'))).toEqual(['p1', 'p2', 'p4']);
    expect(await ids(posts, cmp('neq', path(posts, 'author'), list))).toEqual(['p3']);
  });

  it('a hop guard hides the rows failing it', async () => {
    const guard = cmp('neq', path(users, 'name'), lit('Alice'));
    const guarded = path(users, 'name', { hops: [{ ...relation('author', users, false), guard }] });
    expect(await ids(posts, cmp('eq', guarded, lit('Alice')))).toEqual([]);
    expect(await ids(posts, cmp('eq', guarded, lit('')))).toEqual(['p1', 'p3', 'p4']);
  });

  it('mixes native and residual parts, and pages the residual result', async () => {
    const authorName = path(users, 'name', { hops: [relation('author', users, false)] });
    const where = and(cmp('neq', authorName, lit('')), cmp('gt', path(posts, 'views'), lit(-100)));
    expect(await ids(posts, where, [sortBy(path(posts, 'views'))])).toEqual(['p4', 'p2', 'p1']);
    expect(await ids(posts, where, [sortBy(path(posts, 'views'))], { limit: 1, offset: 1 })).toEqual(['p2']);
    expect(await storage.count({ table: posts, where: or(where, cmp('eq', path(posts, 'id'), lit('p3'))) })).toBe(4);
  });

  it('sorts by a multi-valued relation path by its smallest value', async () => {
    const tagName = path(tags, 'name', { hops: [relation('tags', tags, true)] });
    // p3 has no tags (NULL first); p4: go; p1: js,ts → js; p2: js (ties by insertion order, in the sort's direction).
    expect(await ids(posts, undefined, [sortBy(tagName)])).toEqual(['p3', 'p4', 'p1', 'p2']);
    expect(await ids(posts, undefined, [sortBy(tagName, 'desc')], { limit: 2 })).toEqual(['p2', 'p1']);
  });

  it('records roots read the given rows', async () => {
    const alice = { kind: 'records' as const, collection: ref(users), ids: ['u1'] };
    expect(await ids(posts, cmp('eq', path(posts, 'author'), path(users, 'id', { root: alice })))).toEqual(['p1', 'p4']);
  });
});
