import { describe, expect, it } from 'vitest';
import type { Condition } from './condition.js';
import { FilterError } from './errors.js';
import { parseFilter } from './parser.js';
import { resolveFilter, type ResolveOptions } from './resolve.js';
import { basePath, leaf, options, posts, tags, users } from './test-fixtures.js';

const resolveClient = (text: string, overrides: Partial<ResolveOptions> = {}) =>
  resolveFilter(parseFilter(text), options({ client: true, ...overrides }));

function statusOf(fn: () => unknown): { status: number; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof FilterError) return { status: err.status, message: err.message };
    throw err;
  }
  throw new Error('expected a FilterError');
}

describe('client filter restrictions', () => {
  it.each([
    ['@request.auth.id != ""', 'Only superusers can filter by @request.'],
    ['title = "@request.x"', 'Only superusers can filter by @request.'],
    ['@collection.tags.name ?= "x"', 'Only superusers can filter by @collection.'],
    ['@request.auth.id = @collection.tags.id', 'Only superusers can filter by @collection.'],
    ["strftime('%Y', @request.query.x) = '1'", 'Only superusers can filter by @request.'],
  ])('%s → 403', (text, message) => {
    expect(statusOf(() => resolveClient(text))).toEqual({ status: 403, message });
  });

  it('rules (client: false) may use @request and @collection', () => {
    expect(() => resolveFilter(parseFilter('@collection.tags.name ?= @request.auth.name'), options())).not.toThrow();
  });

  it('hidden fields are refused on any traversed collection', () => {
    expect(statusOf(() => resolveClient('secret = "x"', { collection: users })).status).toBe(400);
    expect(statusOf(() => resolveClient('author.secret = "x"')).message).toContain('secret');
    expect(() => resolveFilter(parseFilter('author.secret = "x"'), options())).not.toThrow();
  });

  it('relation hops carry the target list rule as a guard', () => {
    const cond = resolveClient('tags.name ?= "go" && author.name = "x"') as Extract<Condition, { kind: 'and' }>;
    const [tagCmp, authorCmp] = cond.items as Extract<Condition, { kind: 'compare' }>[];
    expect(tagCmp.left).toMatchObject({
      hops: [
        {
          kind: 'relation',
          field: 'tags',
          guard: { kind: 'compare', op: 'neq', quantifier: 'all', left: basePath(tags, 'name'), right: { kind: 'literal', value: 'secret' } },
        },
      ],
    });
    // users.listRule = `id = @request.auth.id`, resolved against the request with users as base
    expect(authorCmp.left).toMatchObject({
      hops: [
        {
          kind: 'relation',
          field: 'author',
          guard: { kind: 'compare', op: 'eq', left: basePath(users, 'id'), right: { kind: 'literal', value: 'alice' } },
        },
      ],
    });
  });

  it('empty list rule → no guard; back-relations are guarded too', () => {
    const cond = resolveClient('comments_via_post.message ?= "x"') as Extract<Condition, { kind: 'compare' }>;
    expect(cond.left).toMatchObject({ hops: [{ kind: 'backRelation' }] });
    expect((cond.left as { hops: Record<string, unknown>[] }).hops[0]).not.toHaveProperty('guard');
  });

  it('a null list rule on a traversed collection → 400', () => {
    expect(statusOf(() => resolveClient('audits_via_post.note ?= "x"')).status).toBe(400);
  });

  it('non-client rules never get guards', () => {
    const cond = resolveFilter(parseFilter('tags.name ?= "go"'), options()) as Extract<Condition, { kind: 'compare' }>;
    expect((cond.left as { hops: Record<string, unknown>[] }).hops[0]).not.toHaveProperty('guard');
    expect(() => resolveFilter(parseFilter('audits_via_post.note ?= "x"'), options())).not.toThrow();
  });

  it('auth emails are only matched when emailVisibility is on', () => {
    expect(resolveClient('email = "a@b.c"', { collection: users })).toEqual({
      kind: 'and',
      items: [
        { kind: 'compare', op: 'eq', quantifier: 'all', left: basePath(users, 'email'), right: { kind: 'literal', value: 'a@b.c' } },
        {
          kind: 'compare',
          op: 'eq',
          quantifier: 'all',
          left: basePath(users, 'emailVisibility'),
          right: { kind: 'literal', value: true },
        },
      ],
    });
    expect(resolveFilter(parseFilter('email = "a@b.c"'), options({ collection: users }))).toEqual({
      kind: 'compare',
      op: 'eq',
      quantifier: 'all',
      left: basePath(users, 'email'),
      right: { kind: 'literal', value: 'a@b.c' },
    });
    const viaRelation = resolveClient('author.email ?= "a"') as Extract<Condition, { kind: 'and' }>;
    expect(viaRelation.items[1]).toMatchObject({
      quantifier: 'any',
      left: { joinKey: 'author', field: leaf(users, 'emailVisibility') },
    });
    expect(posts.fields.some((f) => f.name === 'email')).toBe(false);
  });
});
