import { describe, expect, it } from 'vitest';
import type { Condition, Operand } from './condition.js';
import { FilterError } from './errors.js';
import { parseFilter } from './parser.js';
import { resolveFilter, type ResolveOptions } from './resolve.js';
import { basePath, comments, leaf, options, posts, reviews, tags, teams, users } from './test-fixtures.js';

const resolve = (text: string, overrides: Partial<ResolveOptions> = {}) =>
  resolveFilter(parseFilter(text), options(overrides));
const lit = (value: string | number | boolean | null): Operand => ({ kind: 'literal', value });
const cmp = (op: string, left: Operand, right: Operand, quantifier: 'any' | 'all' = 'all'): Condition =>
  ({ kind: 'compare', op, quantifier, left, right }) as Condition;

function filterError(fn: () => unknown): FilterError {
  try {
    fn();
  } catch (err) {
    if (err instanceof FilterError) return err;
    throw err;
  }
  throw new Error('expected a FilterError');
}

describe('resolveFilter: operators and structure', () => {
  it.each([
    ['=', 'eq', 'all'],
    ['!=', 'neq', 'all'],
    ['>', 'gt', 'all'],
    ['>=', 'gte', 'all'],
    ['<', 'lt', 'all'],
    ['<=', 'lte', 'all'],
    ['~', 'like', 'all'],
    ['!~', 'nlike', 'all'],
    ['?=', 'eq', 'any'],
    ['?!=', 'neq', 'any'],
    ['?>', 'gt', 'any'],
    ['?>=', 'gte', 'any'],
    ['?<', 'lt', 'any'],
    ['?<=', 'lte', 'any'],
    ['?~', 'like', 'any'],
    ['?!~', 'nlike', 'any'],
  ])('%s → %s/%s', (sign, op, quantifier) => {
    expect(resolve(`title ${sign} "x"`)).toEqual(cmp(op, basePath(posts, 'title'), lit('x'), quantifier as 'any'));
  });

  it('keeps the ~ literal unchanged (wrapping is the compiler’s job)', () => {
    expect(resolve('title ~ "50%_off"')).toEqual(cmp('like', basePath(posts, 'title'), lit('50%_off')));
  });

  it('resolves and/or with && binding tighter and collapses single groups', () => {
    expect(resolve('(title = "a") || views > 1 && draft = false')).toEqual({
      kind: 'or',
      items: [
        cmp('eq', basePath(posts, 'title'), lit('a')),
        {
          kind: 'and',
          items: [cmp('gt', basePath(posts, 'views'), lit(1)), cmp('eq', basePath(posts, 'draft'), lit(false))],
        },
      ],
    });
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['False', false],
    ['null', null],
    ['NULL', null],
  ])('identifier %s is a literal', (word, value) => {
    expect(resolve(`draft = ${word}`)).toEqual(cmp('eq', basePath(posts, 'draft'), lit(value)));
  });

  it('numbers and texts are literals on either side', () => {
    expect(resolve('1 < "2"')).toEqual(cmp('lt', lit(1), lit('2')));
  });
});

describe('resolveFilter: record paths', () => {
  it('unknown field → 400 naming it', () => {
    const err = filterError(() => resolve('nope = 1'));
    expect(err.status).toBe(400);
    expect(err.message).toContain('"nope"');
    expect(filterError(() => resolve('author.nope = 1')).message).toContain('"nope"');
  });

  it('single relation traversal', () => {
    expect(resolve('author.name = "x"')).toEqual(
      cmp(
        'eq',
        {
          kind: 'path',
          root: { kind: 'base' },
          hops: [{ kind: 'relation', field: 'author', multiple: false, target: { id: 'pbc_users', name: 'users' } }],
          field: leaf(users, 'name'),
          multi: false,
          joinKey: 'author',
        },
        lit('x'),
      ),
    );
  });

  it('author.id reads the stored relation value without a hop', () => {
    expect(resolve('author.id = "u1"')).toEqual(cmp('eq', basePath(posts, 'author'), lit('u1')));
  });

  it('multiple relation traversal is multi-valued and ?= is any', () => {
    expect(resolve('tags.name ?= "go"')).toEqual(
      cmp(
        'eq',
        {
          kind: 'path',
          root: { kind: 'base' },
          hops: [{ kind: 'relation', field: 'tags', multiple: true, target: { id: 'pbc_tags', name: 'tags' } }],
          field: leaf(tags, 'name'),
          multi: true,
          joinKey: 'tags',
        },
        lit('go'),
        'any',
      ),
    );
  });

  it('nested hops share join keys by prefix', () => {
    const cond = resolve('author.team.name = "a" && author.name = "b"') as Extract<Condition, { kind: 'and' }>;
    const [first, second] = cond.items as Extract<Condition, { kind: 'compare' }>[];
    expect(first.left).toMatchObject({ joinKey: 'author.team', field: leaf(teams, 'name'), multi: false });
    expect((first.left as { hops: unknown[] }).hops).toHaveLength(2);
    expect(second.left).toMatchObject({ joinKey: 'author' });
  });

  it('back-relation: multiple unless the field is single and unique', () => {
    expect(resolve('comments_via_post.message ?~ "hi"')).toEqual(
      cmp(
        'like',
        {
          kind: 'path',
          root: { kind: 'base' },
          hops: [
            {
              kind: 'backRelation',
              source: { id: 'pbc_comments', name: 'comments' },
              field: 'post',
              fieldMultiple: false,
              multiple: true,
            },
          ],
          field: leaf(comments, 'message'),
          multi: true,
          joinKey: 'comments_via_post',
        },
        lit('hi'),
        'any',
      ),
    );
    const unique = resolve('reviews_via_post.id != ""') as Extract<Condition, { kind: 'compare' }>;
    expect(unique.left).toMatchObject({
      hops: [{ kind: 'backRelation', source: { id: 'pbc_reviews', name: 'reviews' }, multiple: false }],
      field: leaf(reviews, 'id'),
      multi: false,
    });
  });

  it('invalid back-relations → 400', () => {
    expect(filterError(() => resolve('nope_via_post.id = 1')).status).toBe(400);
    expect(filterError(() => resolve('comments_via_message.id = 1')).status).toBe(400);
    expect(filterError(() => resolve('tags_via_post.id = 1')).status).toBe(400);
  });

  it('traversing a non-relation field → 400', () => {
    expect(filterError(() => resolve('title.x = 1')).message).toContain('not a relation');
  });

  it('json and geoPoint sub-paths', () => {
    expect(resolve('meta.a.0.b = 1')).toEqual(cmp('eq', basePath(posts, 'meta', { jsonPath: ['a', 0, 'b'] }), lit(1)));
    expect(resolve('location.lat > 40')).toEqual(cmp('gt', basePath(posts, 'location', { jsonPath: ['lat'] }), lit(40)));
    expect(resolve('author.team.owner.id != "" && meta = null')).toMatchObject({ kind: 'and' });
  });

  it('at most 6 relation hops', () => {
    const path = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? 'owner' : 'team')).join('.');
    // author → team → owner → team → owner → team (6 hops) then a field
    expect(() => resolve(`author.${path(5)}.name = 1`)).not.toThrow();
    expect(filterError(() => resolve(`author.${path(6)}.name = 1`)).message).toContain('max 6');
  });

  it('modifiers on record fields', () => {
    expect(resolve('title:lower = "x"')).toEqual(cmp('eq', basePath(posts, 'title', { modifier: 'lower' }), lit('x')));
    expect(resolve('tags:length > 1')).toEqual(cmp('gt', basePath(posts, 'tags', { modifier: 'length' }), lit(1)));
    expect(resolve('tags:each ?= "t1"')).toEqual(
      cmp('eq', basePath(posts, 'tags', { modifier: 'each', multi: true }), lit('t1'), 'any'),
    );
    expect(resolve('status:length = 1')).toEqual(cmp('eq', basePath(posts, 'status', { modifier: 'length' }), lit(1)));
    // :each on a single value and :length/:each on non-list types are ignored
    expect(resolve('status:each = "a"')).toEqual(cmp('eq', basePath(posts, 'status'), lit('a')));
    expect(resolve('title:length = 1')).toEqual(cmp('eq', basePath(posts, 'title'), lit(1)));
    expect(resolve('title:each = 1')).toEqual(cmp('eq', basePath(posts, 'title'), lit(1)));
  });

  it('unknown or misplaced modifiers → 400', () => {
    expect(filterError(() => resolve('title:upper = 1')).status).toBe(400);
    expect(filterError(() => resolve('title:lower:each = 1')).status).toBe(400);
    expect(filterError(() => resolve('author:lower.name = 1')).status).toBe(400);
    expect(filterError(() => resolve('title:isset = true')).status).toBe(400);
  });

  it('unknown @ / # identifiers → 400', () => {
    expect(filterError(() => resolve('@unknown = 1')).status).toBe(400);
    expect(filterError(() => resolve('#x = 1')).status).toBe(400);
  });
});

describe('resolveFilter: @collection', () => {
  it('same collection without alias shares one joinKey; aliases differ', () => {
    const cond = resolve(
      '@collection.members.user ?= @request.auth.id && @collection.members.team ?= id && @collection.members:m2.user = "x"',
      { collection: teams },
    ) as Extract<Condition, { kind: 'and' }>;
    const [a, b, c] = cond.items as Extract<Condition, { kind: 'compare' }>[];
    expect(a).toEqual(
      cmp(
        'eq',
        {
          kind: 'path',
          root: { kind: 'collection', collection: { id: 'pbc_members', name: 'members' }, alias: '' },
          hops: [],
          field: { name: 'user', type: 'relation', storage: 'text', multiple: false },
          multi: true,
          joinKey: '@collection.members',
        },
        lit('alice'),
        'any',
      ),
    );
    expect(b.left).toMatchObject({ joinKey: '@collection.members' });
    expect(b.right).toEqual(basePath(teams, 'id'));
    expect(c.left).toMatchObject({
      root: { kind: 'collection', collection: { id: 'pbc_members', name: 'members' }, alias: 'm2' },
      joinKey: '@collection.members:m2',
    });
  });

  it('accepts an id, allows hidden fields, rejects unknown collections and bad paths', () => {
    expect(resolve('@collection.pbc_users.secret = "x"')).toMatchObject({ left: { field: leaf(users, 'secret') } });
    expect(filterError(() => resolve('@collection.nope.id = 1')).status).toBe(400);
    expect(filterError(() => resolve('@collection.users = 1')).status).toBe(400);
  });
});

describe('resolveFilter: functions', () => {
  it('geoDistance with identifiers and numbers', () => {
    expect(resolve('geoDistance(location.lon, location.lat, 23.32, 42.69) < 25')).toEqual(
      cmp(
        'lt',
        {
          kind: 'call',
          fn: 'geoDistance',
          args: [basePath(posts, 'location', { jsonPath: ['lon'] }), basePath(posts, 'location', { jsonPath: ['lat'] }), lit(23.32), lit(42.69)],
        },
        lit(25),
      ),
    );
  });

  it('strftime with format, time value and modifiers', () => {
    expect(resolve("strftime('%Y-%m', created, 'start of month') = '2026-01'")).toEqual(
      cmp('eq', { kind: 'call', fn: 'strftime', args: [lit('%Y-%m'), basePath(posts, 'created'), lit('start of month')] }, lit('2026-01')),
    );
    expect(resolve("strftime('%Y', @now) = '2024'")).toMatchObject({
      left: { args: [lit('%Y'), lit('2024-03-15 13:45:30.250Z')] },
    });
  });

  it.each([
    ['geoDistance(1, 2, 3) < 1', 'expected 4'],
    ['geoDistance(1, 2, 3, "4") < 1', 'argument 3'],
    ['strftime() = 1', 'at least 1'],
    ['strftime(created) = 1', 'format string'],
    ["strftime('%Y', created, 5) = 1", 'modifier argument 2'],
    ["strftime('%Y', strftime('%Y')) = 1", 'time-value'],
    ["strftime('a','b','c','d','e','f','g','h','i','j','k') = 1", 'too many'],
    ['unknownFn(1) = 1', 'Unknown filter function'],
  ])('%s → 400', (text, message) => {
    const err = filterError(() => resolve(text));
    expect(err.status).toBe(400);
    expect(err.message).toContain(message);
  });
});
