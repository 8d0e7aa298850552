/**
 * The dataset: `authors` and `posts` (with a relation to authors) are created through Plinth's own API, so the
 * tables, columns and indexes are exactly Plinth's; the rows are then bulk-inserted with one SQL statement
 * each (100,000 API creates would take longer than the whole benchmark). The same SQL runs on PostgreSQL (pg)
 * and on the PGlite data directory of a stopped Plinth.
 */
import { authorCount, type Profile } from './bench-config.js';

const PUBLIC_RULES = { listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: null };

export interface Superuser {
  email: string;
  password: string;
}

export const BENCH_SUPERUSER: Superuser = { email: 'bench@example.com', password: 'bench-pass-1234' };

async function api(base: string, path: string, init: RequestInit & { token?: string } = {}): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = init.token;
  const res = await fetch(base + path, { ...init, headers });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Creates the two collections (public rules: the benchmark measures the data path, not auth). */
export async function createBenchCollections(base: string, su: Superuser = BENCH_SUPERUSER): Promise<void> {
  const auth = (await api(base, '/api/collections/_superusers/auth-with-password', {
    method: 'POST',
    body: JSON.stringify({ identity: su.email, password: su.password }),
  })) as { token: string };
  const create = (body: unknown) => api(base, '/api/collections', { method: 'POST', body: JSON.stringify(body), token: auth.token });
  const autodates = [
    { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
    { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
  ];
  const authors = (await create({
    name: 'authors',
    type: 'base',
    ...PUBLIC_RULES,
    fields: [{ name: 'name', type: 'text' }, ...autodates],
  })) as { id: string };
  await create({
    name: 'posts',
    type: 'base',
    ...PUBLIC_RULES,
    fields: [
      { name: 'title', type: 'text' },
      { name: 'status', type: 'select', values: ['draft', 'published', 'archived'], maxSelect: 1 },
      { name: 'score', type: 'number' },
      { name: 'author', type: 'relation', collectionId: authors.id, maxSelect: 1 },
      ...autodates,
    ],
    // Sort key alone (expand/deep-page lists), and the filtered list's equality column first.
    indexes: [
      'CREATE INDEX idx_posts_created ON posts (created)',
      'CREATE INDEX idx_posts_status_created ON posts (status, created)',
      'CREATE INDEX idx_posts_status_score ON posts (status, score)',
    ],
  });
}

const C_COLLATION = [
  ['authors', ['id', 'name', 'created', 'updated']],
  ['posts', ['id', 'title', 'status', 'author', 'created', 'updated']],
].map(([table, columns]) => `ALTER TABLE ${table} ${(columns as string[]).map((c) => `ALTER COLUMN ${c} TYPE text COLLATE "C"`).join(', ')}`);

const createdSql = (i: string) => `to_char(timestamp '2024-01-01 00:00:00' + ${i} * interval '1 second', 'YYYY-MM-DD HH24:MI:SS.MS') || 'Z'`;

/** Statements that fill the tables (ids and created stamps as bench-config's postId/authorId/seededCreated). */
export function seedStatements(p: Profile): string[] {
  const authors = authorCount(p);
  return [
    `INSERT INTO authors (id, name, created, updated)
       SELECT 'a' || lpad(i::text, 14, '0'), 'Author ' || i, ${createdSql('i')}, ${createdSql('i')}
       FROM generate_series(1, ${authors}) AS i`,
    `INSERT INTO posts (id, title, status, score, author, created, updated)
       SELECT 'p' || lpad(i::text, 14, '0'),
              'Post number ' || i,
              (ARRAY['draft', 'published', 'archived'])[1 + i % 3],
              (i * 7919) % 1000,
              'a' || lpad((1 + i % ${authors})::text, 14, '0'),
              ${createdSql('i')}, ${createdSql('i')}
       FROM generate_series(1, ${p.records}) AS i`,
    ...(p.cCollation ? C_COLLATION : []),
    // VACUUM, not just ANALYZE: it also sets the visibility map, without which no count is index-only.
    'VACUUM ANALYZE authors',
    'VACUUM ANALYZE posts',
  ];
}

/** Rows the write scenarios added are removed between targets that share one database. */
export const SEEDED_MAX_ROWID = 'SELECT max(_rowid) AS max FROM posts';
export const trimPostsSql = (maxRowid: number) => `DELETE FROM posts WHERE _rowid > ${Math.floor(maxRowid)}`;
