import { describe, expect, it } from 'vitest';
import { findSingleColumnUniqueIndex, indexColumnNames, parseIndex, renameIndexTable, toIndexSpec } from './index-parse.js';

describe('parseIndex', () => {
  it('parses the PocketBase default auth indexes', () => {
    const p = parseIndex("CREATE UNIQUE INDEX `idx_email_pbc_1` ON `users` (`email`) WHERE `email` != ''");
    expect(p).toMatchObject({
      name: 'idx_email_pbc_1',
      table: 'users',
      unique: true,
      columns: [{ name: 'email', nocase: false, desc: false }],
      where: { kind: 'compare', column: 'email', op: 'neq', value: '' },
    });
  });

  const valid: [string, Partial<ReturnType<typeof parseIndex>>][] = [
    ['CREATE INDEX idx ON posts (title)', { name: 'idx', table: 'posts', unique: false }],
    ['create index if not exists "i" on "posts" ("a" collate nocase desc, [b] ASC);', {
      name: 'i',
      columns: [
        { name: 'a', nocase: true, desc: true },
        { name: 'b', nocase: false, desc: false },
      ],
    }],
    ['CREATE INDEX `main`.`idx` ON `t` (`a`)', { name: 'idx', table: 't' }],
    ["CREATE INDEX i ON t (a) WHERE a > 5 AND (b IS NOT NULL OR 'x' = c)", {
      where: {
        kind: 'and',
        items: [
          { kind: 'compare', column: 'a', op: 'gt', value: 5 },
          {
            kind: 'or',
            items: [
              { kind: 'compare', column: 'b', op: 'neq', value: null },
              { kind: 'compare', column: 'c', op: 'eq', value: 'x' },
            ],
          },
        ],
      },
    }],
    ["CREATE INDEX i ON t (a) WHERE a <= 'it''s'", { where: { kind: 'compare', column: 'a', op: 'lte', value: "it's" } }],
    ['CREATE INDEX i ON t (a) WHERE 3 < a', { where: { kind: 'compare', column: 'a', op: 'gt', value: 3 } }],
  ];
  it.each(valid)('%s', (sql, expected) => {
    expect(parseIndex(sql)).toMatchObject(expected as object);
  });

  it.each([
    'CREATE TABLE t (a)',
    'CREATE INDEX ON t (a)',
    'CREATE INDEX i ON t ()',
    'CREATE INDEX i ON t (a',
    'CREATE INDEX i ON t (lower(a))',
    'CREATE INDEX i ON t (a) WHERE',
    'CREATE INDEX i ON t (a) WHERE a LIKE 1',
    'CREATE INDEX i ON t (a) extra',
    "CREATE INDEX i ON t (a) WHERE a = 'open",
    '',
  ])('rejects %j', (sql) => {
    expect(parseIndex(sql)).toBeNull();
  });

  it('lists referenced columns', () => {
    expect(indexColumnNames(parseIndex('CREATE INDEX i ON t (a, b) WHERE c = 1 AND a = 2')!)).toEqual(['a', 'b', 'c']);
  });
});

describe('toIndexSpec', () => {
  it('builds base-rooted conditions with the exact field names', () => {
    const spec = toIndexSpec(parseIndex("CREATE UNIQUE INDEX i ON t (EMAIL) WHERE email != ''")!, (name) =>
      name.toLowerCase() === 'email' ? { name: 'email', type: 'email', storage: 'text', multiple: false } : undefined,
    );
    expect(spec.columns).toEqual([{ name: 'email', nocase: false, desc: false }]);
    expect(spec.where).toEqual({
      kind: 'compare',
      op: 'neq',
      quantifier: 'all',
      left: { kind: 'path', root: { kind: 'base' }, hops: [], field: { name: 'email', type: 'email', storage: 'text', multiple: false }, multi: false, joinKey: 'base' },
      right: { kind: 'literal', value: '' },
    });
  });
});

describe('renameIndexTable', () => {
  it('rewrites only the table identifier', () => {
    expect(renameIndexTable("CREATE UNIQUE INDEX `idx_posts` ON `posts` (`posts`) WHERE posts != ''", 'articles')).toBe(
      "CREATE UNIQUE INDEX `idx_posts` ON `articles` (`posts`) WHERE posts != ''",
    );
    expect(renameIndexTable('CREATE INDEX i ON "old" (a)', 'new')).toBe('CREATE INDEX i ON `new` (a)');
  });
});

describe('findSingleColumnUniqueIndex', () => {
  it('finds only unique single-column indexes', () => {
    const indexes = ['CREATE INDEX a ON t (x)', 'CREATE UNIQUE INDEX b ON t (x, y)', 'CREATE UNIQUE INDEX c ON t (Y)'];
    expect(findSingleColumnUniqueIndex(indexes, 'x')).toBeUndefined();
    expect(findSingleColumnUniqueIndex(indexes, 'y')?.name).toBe('c');
  });
});
