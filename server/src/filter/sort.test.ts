import { describe, expect, it } from 'vitest';
import { FilterError } from './errors.js';
import { resolveSort } from './sort.js';
import { basePath, leaf, options, posts, tags, users } from './test-fixtures.js';

function errorOf(fn: () => unknown): FilterError {
  try {
    fn();
  } catch (err) {
    if (err instanceof FilterError) return err;
    throw err;
  }
  throw new Error('expected a FilterError');
}

describe('resolveSort', () => {
  it('empty → no terms', () => {
    expect(resolveSort('', options())).toEqual([]);
    expect(resolveSort('  ', options())).toEqual([]);
  });

  it('directions, specials, modifiers, relation and json paths', () => {
    expect(resolveSort('-created, title ,+id,@random,-@rowid,title:lower,meta.a.0,tags.name', options())).toEqual([
      { kind: 'path', operand: basePath(posts, 'created'), direction: 'desc' },
      { kind: 'path', operand: basePath(posts, 'title'), direction: 'asc' },
      { kind: 'path', operand: basePath(posts, 'id'), direction: 'asc' },
      { kind: 'random' },
      { kind: 'rowid', direction: 'desc' },
      { kind: 'path', operand: basePath(posts, 'title', { modifier: 'lower' }), direction: 'asc' },
      { kind: 'path', operand: basePath(posts, 'meta', { jsonPath: ['a', 0] }), direction: 'asc' },
      {
        kind: 'path',
        operand: {
          kind: 'path',
          root: { kind: 'base' },
          hops: [{ kind: 'relation', field: 'tags', multiple: true, target: { id: 'pbc_tags', name: 'tags' } }],
          field: leaf(tags, 'name'),
          multi: true,
          joinKey: 'tags',
        },
        direction: 'asc',
      },
    ]);
  });

  it.each([
    ['nope'],
    ['true'],
    ['null'],
    ['@now'],
    ['@request.auth.id'],
    ['"title"'],
    ['title,'],
    ['ti tle'],
    ['-'],
    ['title:upper'],
  ])('%s → 400', (text) => {
    expect(errorOf(() => resolveSort(text, options())).status).toBe(400);
  });

  it('limits: 8 terms and 255 characters each', () => {
    expect(resolveSort(Array(8).fill('title').join(','), options())).toHaveLength(8);
    expect(errorOf(() => resolveSort(Array(9).fill('title').join(','), options())).status).toBe(400);
    const long = 'meta.' + 'a'.repeat(250);
    expect(resolveSort(long, options())).toHaveLength(1);
    expect(errorOf(() => resolveSort(long + 'a', options())).status).toBe(400);
  });

  it('client restrictions: @request/@collection → 403, hidden fields → 400, guarded hops', () => {
    const client = options({ client: true });
    expect(errorOf(() => resolveSort('@collection.tags.name', client))).toMatchObject({
      status: 403,
      message: 'Only superusers can filter by @collection.',
    });
    expect(errorOf(() => resolveSort('-@request.auth.id', client)).status).toBe(403);
    expect(errorOf(() => resolveSort('secret', options({ client: true, collection: users }))).status).toBe(400);
    expect(resolveSort('secret', options({ collection: users }))).toHaveLength(1);
    expect(resolveSort('@collection.tags.name', options())).toHaveLength(1);
    const [term] = resolveSort('tags.name', client);
    expect(term).toMatchObject({ operand: { hops: [{ guard: { kind: 'compare', op: 'neq' } }] } });
  });

  it('sorting by an auth email does not add the filter-only visibility constraint', () => {
    const [term] = resolveSort('email', options({ client: true, collection: users }));
    expect(term).toEqual({ kind: 'path', operand: basePath(users, 'email'), direction: 'asc' });
  });
});
