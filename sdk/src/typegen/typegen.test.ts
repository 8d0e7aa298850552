import { describe, expect, it } from 'vitest';
import type { CollectionModel } from '../admin-collections.js';
import { generateTypes, parseSchemaFile } from './typegen.js';

const col = (c: Partial<CollectionModel> & Pick<CollectionModel, 'id' | 'name' | 'fields'>): CollectionModel => ({
  type: 'base',
  system: false,
  listRule: null,
  viewRule: null,
  createRule: null,
  updateRule: null,
  deleteRule: null,
  indexes: [],
  ...c,
});

const authors = col({ id: 'c_authors', name: 'authors', fields: [{ name: 'id', type: 'text', primaryKey: true }, { name: 'name', type: 'text', required: true }] });
const profiles = col({
  id: 'c_profiles',
  name: 'profiles',
  fields: [
    { name: 'author', type: 'relation', collectionId: 'c_authors', maxSelect: 1 },
    { name: 'secret', type: 'text', hidden: true },
    { name: 'where', type: 'geoPoint' },
    { name: 'kind', type: 'select', values: ['a', "b'c"], maxSelect: 1 },
    { name: 'weird-name', type: 'number' },
    { name: 'plugin', type: 'somethingNew' },
  ],
  indexes: ['CREATE UNIQUE INDEX `idx_author` ON `profiles` (`author`)'],
});
const stats = col({ id: 'c_stats', name: 'author_stats', type: 'view', fields: [{ name: 'id', type: 'text' }, { name: 'author', type: 'relation', collectionId: 'c_authors', maxSelect: 1 }, { name: 'total', type: 'number' }] });
const clash = col({ id: 'c_clash', name: 'Authors_', fields: [] });

describe('typegen', () => {
  const out = generateTypes([stats, profiles, clash, authors]);

  it('is deterministic whatever the input order', () => {
    expect(generateTypes([authors, clash, profiles, stats])).toBe(out);
  });

  it('types views as read-only and follows unique back-relations as single', () => {
    expect(out).toContain('export type AuthorStatsCreate = never;');
    expect(out).toContain('profiles_via_author: { to: "profiles"; many: false }');
    // Views are not back-relation sources.
    expect(out).not.toContain('author_stats_via_author');
  });

  it('quotes odd names, marks hidden fields optional, maps every field type, and de-duplicates type names', () => {
    expect(out).toContain('"weird-name": number;');
    expect(out).toContain('"weird-name+"?: number;');
    expect(out).toContain('secret?: string;');
    expect(out).toContain('where: { lon: number; lat: number };');
    expect(out).toContain(`kind: "a" | "b'c" | "";`);
    expect(out).toContain('plugin: unknown;');
    expect(out).toContain('export interface AuthorsRecord extends BaseRecord');
    expect(out).toContain('export interface Authors2Record extends BaseRecord');
  });

  it('limits output to chosen collections and changes the import', () => {
    const only = generateTypes([authors, profiles], { collections: ['profiles'], importFrom: './sdk.js' });
    expect(only).toContain('import type { BaseRecord, DateString, FileInput, JsonValue } from "./sdk.js";');
    expect(only).not.toContain('AuthorsRecord');
    expect(only).toContain('relations: {};');
  });

  it('reads exported files as arrays or import payloads', () => {
    expect(parseSchemaFile(JSON.stringify([authors]))).toHaveLength(1);
    expect(parseSchemaFile(JSON.stringify({ collections: [authors] }))).toHaveLength(1);
    expect(() => parseSchemaFile('{"nope":1}')).toThrow(/array of collections/);
  });
});
