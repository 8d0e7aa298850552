import { describe, expect, it } from 'vitest';
import type { Condition } from '../../filter/condition.js';
import { and, backRelation, cmp, lit, or, path, posts, relation, sortBy, users, comments } from '../conformance/conformance-filter-fixture.js';
import { MATCH_NOTHING, likeRegex, pushdown } from './mongo-filter-pushdown.js';
import { nativeSort } from './mongo-filter-sort.js';

const title = path(posts, 'title');
const views = path(posts, 'views');
const authorName = path(users, 'name', { hops: [relation('author', users, false)] });

describe('pushdown: conditions MongoDB evaluates natively', () => {
  it.each<[string, Condition, object]>([
    ['text eq', cmp('eq', title, lit('Second')), { title: { $eq: 'Second' } }],
    ["text eq null is ''", cmp('eq', title, lit(null)), { title: { $eq: '' } }],
    ["text neq null is not ''", cmp('neq', title, lit(null)), { title: { $ne: '' } }],
    ['text range', cmp('gte', title, lit('b')), { title: { $gte: 'b' } }],
    ['text vs null range never holds', cmp('lt', title, lit(null)), MATCH_NOTHING],
    ['literal on the left flips the operator', cmp('lt', lit(5), views), { views: { $gt: 5 } }],
    ['number eq null never holds', cmp('eq', views, lit(null)), MATCH_NOTHING],
    ['number neq null always holds', cmp('neq', views, lit(null)), {}],
    ['bool', cmp('neq', path(posts, 'published'), lit(true)), { published: { $ne: true } }],
    ['id is _id', cmp('eq', path(posts, 'id'), lit('p1')), { _id: { $eq: 'p1' } }],
    ['like is an escaped case-insensitive regex', cmp('like', title, lit('a.b(c')), { title: { $regex: 'a\\.b\\(c', $options: 'i' } }],
    ['not like', cmp('nlike', title, lit('x')), { title: { $not: { $regex: 'x', $options: 'i' } } }],
    ['list length', cmp('eq', path(posts, 'tags', { modifier: 'length' }), lit(0)), { tags: { $size: 0 } }],
    ['or of native parts', or(cmp('eq', title, lit('a')), cmp('gt', views, lit(1))), { $or: [{ title: { $eq: 'a' } }, { views: { $gt: 1 } }] }],
    ['empty or matches nothing', or(), MATCH_NOTHING],
    ['constant true', { kind: 'constant', value: true }, {}],
  ])('%s', (_name, where, query) => {
    expect(pushdown(where)).toEqual({ query });
  });

  it('never turns a literal into an operator or a path', () => {
    const hostile = pushdown(cmp('eq', title, lit('$where')));
    expect(hostile).toEqual({ query: { title: { $eq: '$where' } } });
    expect(pushdown(cmp('like', title, lit('^.*$'))).query).toEqual({ title: { $regex: '\\^\\.\\*\\$', $options: 'i' } });
  });

  it('keeps relations, json paths, modifiers and cross-type comparisons residual', () => {
    for (const where of [
      cmp('eq', authorName, lit('Alice')),
      cmp('eq', path(posts, 'meta', { jsonPath: ['a'] }), lit(1)),
      cmp('eq', path(posts, 'title', { modifier: 'lower' }), lit('x')),
      cmp('eq', views, lit('5')),
      cmp('eq', path(posts, 'tags', { modifier: 'each' }), lit('t1'), 'any'),
      cmp('eq', path(comments, 'body', { hops: [backRelation(comments, 'post')] }), lit('x'), 'any'),
    ]) {
      expect(pushdown(where)).toEqual({ query: {}, residual: where });
    }
  });

  it('splits a top-level and into native items and a residual', () => {
    const residual = cmp('eq', authorName, lit('Alice'));
    expect(pushdown(and(cmp('gt', views, lit(1)), residual, cmp('eq', title, lit('x'))))).toEqual({
      query: { $and: [{ views: { $gt: 1 } }, { title: { $eq: 'x' } }] },
      residual,
    });
  });

  it('an or with any residual part stays residual as a whole', () => {
    const where = or(cmp('eq', title, lit('a')), cmp('eq', authorName, lit('Alice')));
    expect(pushdown(where)).toEqual({ query: {}, residual: where });
  });
});

describe('like patterns', () => {
  it.each([
    ['abc', 'abc'],
    ['50%', '^50[\\s\\S]*$'],
    ['a_b%', '^a[\\s\\S]b[\\s\\S]*$'],
    ['100\\%', '100%'],
    ['a\\_b', 'a_b'],
    ['a\\_%', '^a_[\\s\\S]*$'],
  ])('%s → %s', (pattern, regex) => {
    expect(likeRegex(pattern)).toBe(regex);
  });
});

describe('native sort', () => {
  it('sorts own fields natively with _rowid as the tie-breaker', () => {
    expect(nativeSort([sortBy(views, 'desc'), sortBy(title)])).toEqual({ views: -1, title: 1, _rowid: 1 });
    expect(nativeSort([{ kind: 'rowid', direction: 'desc' }])).toEqual({ _rowid: -1 });
    expect(nativeSort(undefined)).toEqual({ _rowid: 1 });
    // Ties follow the last term's direction, so an index on (views, _rowid) serves either order.
    expect(nativeSort([sortBy(views, 'desc')])).toEqual({ views: -1, _rowid: -1 });
  });

  it('leaves related, json and random sorts to memory', () => {
    expect(nativeSort([sortBy(authorName)])).toBeUndefined();
    expect(nativeSort([sortBy(path(posts, 'meta'))])).toBeUndefined();
    expect(nativeSort([{ kind: 'random' }])).toBeUndefined();
  });
});
