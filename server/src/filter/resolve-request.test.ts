import { describe, expect, it } from 'vitest';
import type { Condition, Operand } from './condition.js';
import { FilterError } from './errors.js';
import { parseFilter } from './parser.js';
import { resolveFilter, type ResolveOptions } from './resolve.js';
import { emptyRequestInfo } from './request.js';
import { aliceRequest, basePath, leaf, options, posts, teams, users } from './test-fixtures.js';

const resolve = (text: string, overrides: Partial<ResolveOptions> = {}) =>
  resolveFilter(parseFilter(text), options(overrides));
/** Resolves `<identifier> = 1` and returns the left operand. */
const operand = (identifier: string, overrides: Partial<ResolveOptions> = {}) =>
  (resolve(`${identifier} = 1`, overrides) as Extract<Condition, { kind: 'compare' }>).left;
const lit = (value: string | number | boolean | null): Operand => ({ kind: 'literal', value });

const withBody = (body: Record<string, unknown>) => ({ request: aliceRequest({ body, method: 'POST' }) });

describe('@request.auth', () => {
  it.each([
    ['@request.auth.id', lit('alice')],
    ['@request.auth.collectionId', lit('pbc_users')],
    ['@request.auth.collectionName', lit('users')],
    ['@request.auth.email', lit('alice@example.com')],
    ['@request.auth.verified', lit(true)],
    ['@request.auth.age', lit(30)],
    ['@request.auth.secret', lit('s3')],
    ['@request.auth.name:lower', lit('alice')],
    ['@request.auth.name:isset', lit(true)],
    ['@request.auth.nope:isset', lit(false)],
    ['@request.auth.nope', lit(null)],
    ['@request.auth.roles', lit('["admin","staff"]')],
    ['@request.auth.roles:length', lit(2)],
    ['@request.auth.roles:each', { kind: 'list', values: ['admin', 'staff'] }],
    ['@request.auth.team', lit('team1')],
    ['@request.auth.team.id', lit('team1')],
  ])('%s', (identifier, expected) => {
    expect(operand(identifier)).toEqual(expected);
  });

  it('guests: every @request.auth.* is NULL', () => {
    const guest = { request: emptyRequestInfo() };
    for (const identifier of ['@request.auth.id', '@request.auth.name:isset', '@request.auth.team.name']) {
      expect(operand(identifier, guest)).toEqual(lit(null));
    }
  });

  it('relation paths continue from the related records', () => {
    expect(operand('@request.auth.team.owner.name')).toEqual({
      kind: 'path',
      root: { kind: 'records', collection: { id: 'pbc_teams', name: 'teams' }, ids: ['team1'] },
      hops: [{ kind: 'relation', field: 'owner', multiple: false, target: { id: 'pbc_users', name: 'users' } }],
      field: leaf(users, 'name'),
      multi: false,
      joinKey: '@request.auth.team.owner',
    });
    expect(operand('@request.auth.team.name')).toMatchObject({ hops: [], field: leaf(teams, 'name'), joinKey: '@request.auth.team' });
    expect(operand('@request.auth.team.nope')).toEqual(lit(null));
  });

  it('traversing a non-relation auth field → 400', () => {
    expect(() => operand('@request.auth.name.x')).toThrow(FilterError);
  });
});

describe('@request.body', () => {
  it('plain values, numeric strings for number fields, nested json, JSON text for non-scalars', () => {
    const opts = withBody({ title: 'Hello', views: '42', meta: { a: [{ b: 'deep' }] }, extra: { x: 1 } });
    expect(operand('@request.body.title', opts)).toEqual(lit('Hello'));
    expect(operand('@request.body.views', opts)).toEqual(lit(42));
    expect(operand('@request.body.meta.a.0.b', opts)).toEqual(lit('deep'));
    expect(operand('@request.body.meta.a', opts)).toEqual(lit('[{"b":"deep"}]'));
    expect(operand('@request.body.extra', opts)).toEqual(lit('{"x":1}'));
    expect(operand('@request.body.missing', opts)).toEqual(lit(null));
    expect(operand('@request.body.title:lower', opts)).toEqual(lit('hello'));
    expect(operand('@request.body.status:lower', opts)).toEqual(lit(''));
  });

  it(':isset', () => {
    const opts = withBody({ title: '' });
    expect(operand('@request.body.title:isset', opts)).toEqual(lit(true));
    expect(operand('@request.body.views:isset', opts)).toEqual(lit(false));
    expect(operand('@request.body.unknownKey:isset', opts)).toEqual(lit(false));
  });

  it(':each and :length on select/relation/file fields', () => {
    const opts = withBody({ tags: ['t1', 't2'], status: 'draft' });
    expect(operand('@request.body.tags:each', opts)).toEqual({ kind: 'list', values: ['t1', 't2'] });
    expect(operand('@request.body.tags:length', opts)).toEqual(lit(2));
    expect(operand('@request.body.status:each', opts)).toEqual(lit('draft'));
    expect(operand('@request.body.status:length', opts)).toEqual(lit(1));
    expect(operand('@request.body.author:length', opts)).toEqual(lit(0));
    expect(() => operand('@request.body.title:each', opts)).toThrow(/multivalue/);
  });

  it('relation paths use the submitted ids', () => {
    const opts = withBody({ author: 'u2', tags: ['t1', 't1', 't2'] });
    expect(operand('@request.body.author.verified', opts)).toEqual({
      kind: 'path',
      root: { kind: 'records', collection: { id: 'pbc_users', name: 'users' }, ids: ['u2'] },
      hops: [],
      field: leaf(users, 'verified'),
      multi: false,
      joinKey: '@request.body.author',
    });
    expect(operand('@request.body.tags.name', opts)).toMatchObject({
      root: { kind: 'records', ids: ['t1', 't2'] },
      multi: true,
      joinKey: '@request.body.tags',
    });
    expect(operand('@request.body.author.verified', withBody({}))).toEqual(lit(null));
  });

  it(':changed compares the submitted value with the stored field', () => {
    const opts = withBody({ title: 'New' });
    expect(resolve('@request.body.title:changed = true', opts)).toEqual({
      kind: 'compare',
      op: 'neq',
      quantifier: 'all',
      left: lit('New'),
      right: basePath(posts, 'title'),
    });
    expect(resolve('@request.body.title:changed = false', opts)).toMatchObject({ op: 'eq' });
    expect(resolve('@request.body.views:changed = true', opts)).toEqual({ kind: 'constant', value: false });
    expect(resolve('@request.body.views:changed != true', opts)).toEqual({ kind: 'constant', value: true });
    expect(() => resolve('@request.body.title:changed > 1', opts)).toThrow(FilterError);
    expect(() => resolve('@request.query.x:changed = true', opts)).toThrow(FilterError);
  });
});

describe('other @request values', () => {
  const request = aliceRequest({
    method: 'PATCH',
    context: 'realtime',
    query: { page: '2', q: 'Abc' },
    headers: { x_token: 'tok' },
  });

  it.each([
    ['@request.method', lit('PATCH')],
    ['@request.context', lit('realtime')],
    ['@request.query.page', lit('2')],
    ['@request.query.q:lower', lit('abc')],
    ['@request.query.page:isset', lit(true)],
    ['@request.query.nope:isset', lit(false)],
    ['@request.headers.x_token', lit('tok')],
    ['@request.headers.missing', lit(null)],
    ['@request.unknown.thing', lit(null)],
  ])('%s', (identifier, expected) => {
    expect(operand(identifier, { request })).toEqual(expected);
  });
});
