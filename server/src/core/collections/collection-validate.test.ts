import { describe, expect, it } from 'vitest';
import { defaultCollectionId } from '../ids.js';
import { collectionToJSON } from './collection-json.js';
import { defaultAuthIndexes, scaffold } from './collection-scaffold.js';
import { superusersCollection, usersCollection } from './collection-builtins.js';
import { buildNewCollection, buildUpdatedCollection, finalizeCollection } from './collection-input.js';
import { validateCollection } from './collection-validate.js';
import type { Collection } from './model.js';

const users = usersCollection();
const superusers = superusersCollection();
const posts = finalizeCollection(
  buildNewCollection({
    name: 'posts',
    fields: [
      { name: 'title', type: 'text' },
      { name: 'author', type: 'relation', collectionId: users.id },
    ],
    listRule: 'author = @request.auth.id',
  }),
);
const others = [superusers, users, posts];

const create = (input: Record<string, unknown>, existing: Collection[] = others) =>
  validateCollection({ collection: buildNewCollection(input), original: null, others: existing });
const update = (original: Collection, patch: Record<string, unknown>) =>
  validateCollection({
    collection: buildUpdatedCollection(original, patch),
    original,
    others: others.filter((c) => c.id !== original.id),
  });
const code = (errs: unknown, ...path: string[]) =>
  path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], errs) as { code?: string } | undefined;

describe('builtins are valid', () => {
  it.each([superusers, users, posts])('$name', (c) => {
    expect(validateCollection({ collection: c, original: null, others: others.filter((o) => o !== c) })).toBeNull();
  });
});

describe('collection names', () => {
  it.each([
    ['', 'validation_required'],
    ['has space', 'validation_match_invalid'],
    ['POSTS', 'validation_collection_name_exists'],
    ['a_via_b', 'validation_found_via'],
    ['_plinth_x', 'validation_collection_name_invalid'],
    [users.id, 'validation_collection_name_id_duplicate'],
    ['x'.repeat(256), 'validation_length_out_of_range'],
  ])('%j -> %s', (name, expected) => {
    expect(code(create({ name }), 'name')?.code).toBe(expected);
  });

  it('rejects an unknown type', () => {
    expect(code(create({ name: 'x', type: 'nope' }), 'type')?.code).toBe('validation_in_invalid');
  });
});

describe('fields', () => {
  it('accepts file fields and checks their thumb sizes', () => {
    expect(code(create({ name: 'docs', fields: [{ name: 'doc', type: 'file', thumbs: ['100x100', '0x50f'] }] }), 'fields')).toBeUndefined();
    const errs = create({ name: 'docs', fields: [{ name: 'doc', type: 'file', thumbs: ['100x100', 'big'] }] });
    expect(code(errs, 'fields', '1', 'thumbs', '1')?.code).toBe('validation_invalid_thumb_size');
  });

  it.each([
    ['null', 'validation_not_in_invalid'],
    ['expand', 'validation_not_in_invalid'],
    ['a b', 'validation_match_invalid'],
    ['x_via_y', 'validation_found_via'],
  ])('field name %j -> %s', (name, expected) => {
    expect(code(create({ name: 'c', fields: [{ name, type: 'text' }] }), 'fields', '1', 'name')?.code).toBe(expected);
  });

  it('rejects case-insensitive duplicate names', () => {
    const errs = create({ name: 'c', fields: [{ name: 'title', type: 'text' }, { name: 'Title', type: 'number' }] });
    expect(code(errs, 'fields', '2', 'name')?.code).toBe('validation_duplicated_field_name');
  });

  it('reports per-type option errors under the field index', () => {
    const errs = create({ name: 'c', fields: [{ name: 'tags', type: 'select', values: [] }] });
    expect(code(errs, 'fields', '1', 'values')?.code).toBe('validation_required');
  });

  it('reserves passwordConfirm on auth collections', () => {
    const errs = create({ name: 'members', type: 'auth', fields: [{ name: 'passwordConfirm', type: 'text' }] });
    expect(code(errs, 'fields')).toBeDefined();
    expect(JSON.stringify(errs)).toContain('validation_reserved_field_name');
  });

  it('adds missing system fields on create', () => {
    const c = buildNewCollection({ name: 'members', type: 'auth', fields: [{ name: 'nick', type: 'text' }] });
    expect(c.fields.map((f) => f.name)).toEqual(['id', 'password', 'tokenKey', 'email', 'emailVisibility', 'verified', 'nick']);
    expect(c.indexes).toHaveLength(2);
  });

  it('suffixes a taken default collection id and avoids clashing default field ids', () => {
    const taken = defaultCollectionId('base', 'posts');
    expect(buildNewCollection({ name: 'posts' }, (id) => id === taken).id).toBe(taken + '2');
    const title = posts.fields.find((f) => f.name === 'title')!;
    const next = buildUpdatedCollection(posts, {
      fields: [...posts.fields.filter((f) => f !== title), { ...title, name: 'heading' }, { name: 'title', type: 'text' }],
    });
    const ids = next.fields.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('forbids changing a field type or relation target', () => {
    const title = posts.fields.find((f) => f.name === 'title')!;
    const author = posts.fields.find((f) => f.name === 'author')!;
    const errs = update(posts, {
      fields: [...posts.fields.filter((f) => f !== title && f !== author), { ...title, type: 'number' }, { ...author, collectionId: superusers.id }],
    });
    expect(JSON.stringify(errs)).toContain('validation_field_type_change');
    expect(JSON.stringify(errs)).toContain('validation_field_relation_change');
  });

  it('forbids removing system fields', () => {
    const errs = update(users, { fields: users.fields.filter((f) => f.name !== 'verified') });
    expect(code(errs, 'fields')?.code).toBe('validation_missing_verified_field');
  });

  it('matches fields without id by name on update (rename keeps the id)', () => {
    const next = buildUpdatedCollection(posts, { fields: [...posts.fields.filter((f) => f.name !== 'title'), { name: 'title', max: 10 }] });
    const title = next.fields.find((f) => f.name === 'title')!;
    expect(title.id).toBe(posts.fields.find((f) => f.name === 'title')!.id);
    expect(title.type).toBe('text');
    expect(title.max).toBe(10);
  });
});

describe('rules', () => {
  it('reports unresolvable rules', () => {
    const errs = create({ name: 'c', listRule: 'missing = 1', viewRule: 'id = ' });
    expect(code(errs, 'listRule')?.code).toBe('validation_invalid_rule');
    expect(code(errs, 'viewRule')?.code).toBe('validation_invalid_rule');
  });

  it('accepts rules over other collections and request data', () => {
    expect(create({ name: 'c', listRule: "@request.auth.id != '' && @collection.posts.title != ''" })).toBeNull();
  });

  it('locks system collection rules and names', () => {
    expect(code(update(superusers, { listRule: '' }), 'listRule')?.code).toBe('validation_collection_system_rule_change');
    expect(code(update(superusers, { name: 'admins' }), 'name')?.code).toBe('validation_collection_system_name_change');
  });

  it('forbids type changes', () => {
    expect(code(update(posts, { type: 'auth' }), 'type')?.code).toBe('validation_collection_type_change');
  });
});

describe('indexes', () => {
  it.each([
    [['CREATE INDEX nope'], 'validation_invalid_index_expression'],
    [['CREATE INDEX i1 ON c (missing)'], 'validation_invalid_index_column'],
    [['CREATE INDEX i1 ON c (id)', 'CREATE INDEX I1 ON c (id)'], 'validation_duplicated_index_name'],
    [['CREATE INDEX i1 ON c (id)', 'CREATE INDEX i2 ON c (id)'], 'validation_duplicated_index_definition'],
  ])('%j -> %s', (indexes, expected) => {
    expect(JSON.stringify(create({ name: 'c', indexes }))).toContain(expected);
  });

  it('rewrites the table name on rename', () => {
    const withIndex = { ...posts, indexes: ['CREATE INDEX `idx_title` ON `posts` (`title`)'] };
    expect(buildUpdatedCollection(withIndex, { name: 'articles' }).indexes).toEqual(['CREATE INDEX `idx_title` ON `articles` (`title`)']);
  });

  it('turns scaffold JSON into a valid collection (placeholder indexes renamed, table retargeted)', () => {
    const scaffoldAuth = collectionToJSON(scaffold('auth'));
    const draft = buildNewCollection({ ...scaffoldAuth, name: 'members', indexes: [...scaffoldAuth.indexes, 'CREATE INDEX i ON other (email)'] });
    expect(draft.indexes).toEqual(['CREATE INDEX i ON `members` (email)', ...defaultAuthIndexes(draft.id, 'members')]);
    expect(validateCollection({ collection: draft, original: null, others })).toBeNull();
  });

  it('requires the unique auth indexes', () => {
    const errs = update(users, { indexes: [] });
    expect(code(errs, 'indexes')?.code).toBe('validation_missing_required_unique_index');
  });
});

describe('auth options', () => {
  it.each([
    [{ authToken: { duration: 5 } }, ['authToken', 'duration'], 'validation_min_greater_equal_than_required'],
    [{ authToken: { secret: 'short' } }, ['authToken', 'secret'], 'validation_length_out_of_range'],
    [{ manageRule: '' }, ['manageRule'], 'validation_nil_or_not_empty_required'],
    [{ otp: { enabled: true, length: 2 } }, ['otp', 'length'], 'validation_min_greater_equal_than_required'],
    [{ mfa: { enabled: true } }, ['mfa', 'enabled'], 'validation_mfa_not_enough_auths'],
    [{ passwordAuth: { identityFields: ['name'] } }, ['passwordAuth', 'identityFields'], 'validation_missing_unique_constraint'],
    [{ oauth2: { enabled: true, providers: [{ name: 'nope', clientId: 'a', clientSecret: 'b' }] } }, ['oauth2', 'providers', '0', 'name'], 'validation_missing_provider'],
  ])('%j', (patch, path, expected) => {
    expect(code(update(users, patch), ...path)?.code).toBe(expected);
  });

  it('keeps token secrets and nested options not mentioned in a patch', () => {
    const next = buildUpdatedCollection(users, { authToken: { duration: 100 } });
    expect(next.authToken).toEqual({ duration: 100, secret: users.authToken!.secret });
    expect(update(users, { authToken: { duration: 100 } })).toBeNull();
  });
});
