/** A small schema and request for the filter tests (not a test file itself). */
import type { LeafField, PathOperand } from './condition.js';
import type { ResolveOptions } from './resolve.js';
import { emptyRequestInfo, type RequestInfo } from './request.js';
import type { SchemaCollection, SchemaField, SchemaLookup, StorageKind } from './schema.js';

const storageOf = (type: string, multiple: boolean): StorageKind => {
  if (multiple) return 'list';
  if (type === 'number') return 'number';
  if (type === 'bool') return 'bool';
  if (type === 'json') return 'json';
  if (type === 'geoPoint') return 'geo';
  return 'text';
};

export function field(name: string, type = 'text', extra: Partial<SchemaField> = {}): SchemaField {
  const multiple = extra.multiple ?? false;
  return { name, type, storage: storageOf(type, multiple), multiple, hidden: false, ...extra };
}

const rel = (name: string, to: string, multiple = false) => field(name, 'relation', { relationTo: to, multiple });

function collection(
  id: string,
  name: string,
  fields: SchemaField[],
  extra: Partial<SchemaCollection> = {},
): SchemaCollection {
  return { id, name, type: 'base', fields: [field('id'), ...fields], uniqueFields: ['id'], listRule: '', ...extra };
}

export const users = collection(
  'pbc_users',
  'users',
  [
    field('email', 'email'),
    field('emailVisibility', 'bool'),
    field('verified', 'bool'),
    field('name'),
    field('secret', 'text', { hidden: true }),
    field('roles', 'select', { multiple: true }),
    rel('team', 'pbc_teams'),
    field('age', 'number'),
  ],
  { type: 'auth', listRule: 'id = @request.auth.id' },
);
export const teams = collection('pbc_teams', 'teams', [field('name'), rel('owner', 'pbc_users')]);
export const posts = collection('pbc_posts', 'posts', [
  field('title'),
  field('views', 'number'),
  field('status', 'select'),
  rel('author', 'pbc_users'),
  rel('tags', 'pbc_tags', true),
  field('meta', 'json'),
  field('location', 'geoPoint'),
  field('created', 'autodate'),
  field('draft', 'bool'),
]);
export const tags = collection('pbc_tags', 'tags', [field('name')], { listRule: 'name != "secret"' });
export const comments = collection('pbc_comments', 'comments', [field('message'), rel('post', 'pbc_posts')]);
export const reviews = collection('pbc_reviews', 'reviews', [rel('post', 'pbc_posts')], {
  uniqueFields: ['id', 'post'],
});
export const audits = collection('pbc_audits', 'audits', [field('note'), rel('post', 'pbc_posts')], { listRule: null });
export const members = collection('pbc_members', 'members', [rel('user', 'pbc_users'), rel('team', 'pbc_teams')]);

const all = [users, teams, posts, tags, comments, reviews, audits, members];

export const schema: SchemaLookup = {
  collection(nameOrId) {
    return all.find((c) => c.id === nameOrId) ?? all.find((c) => c.name.toLowerCase() === nameOrId.toLowerCase());
  },
};

/** 2024-03-15 (a Friday) 13:45:30.250 UTC. */
export const fixedNow = new Date(Date.UTC(2024, 2, 15, 13, 45, 30, 250));

export const aliceRequest = (overrides: Partial<RequestInfo> = {}): RequestInfo => ({
  ...emptyRequestInfo(),
  auth: {
    id: 'alice',
    collectionId: 'pbc_users',
    collectionName: 'users',
    record: {
      id: 'alice',
      email: 'alice@example.com',
      emailVisibility: false,
      verified: true,
      name: 'Alice',
      secret: 's3',
      roles: ['admin', 'staff'],
      team: 'team1',
      age: 30,
    },
  },
  ...overrides,
});

export function options(overrides: Partial<ResolveOptions> = {}): ResolveOptions {
  return { schema, collection: posts, request: aliceRequest(), now: fixedNow, client: false, ...overrides };
}

export function leaf(c: SchemaCollection, name: string): LeafField {
  const f = c.fields.find((x) => x.name === name)!;
  return { name: f.name, type: f.type, storage: f.storage, multiple: f.multiple };
}

/** A base-rooted path without hops. */
export function basePath(c: SchemaCollection, name: string, extra: Partial<PathOperand> = {}): PathOperand {
  return { kind: 'path', root: { kind: 'base' }, hops: [], field: leaf(c, name), multi: false, joinKey: '', ...extra };
}
