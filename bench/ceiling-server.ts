/**
 * The ceiling: the least a Koa + pg server must do to answer the benchmark's requests on Plinth's own tables —
 * hand-written SQL for exactly these URLs, no filter parser, no rules, no hooks, no outbox, no request log.
 * It answers in PocketBase's JSON shape so that response sizes match. Run by bench-processes.ts:
 *   node --import tsx bench/ceiling-server.ts --port 8099 --db postgres://...
 * koa and pg come from the server package (the same versions Plinth runs on).
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import type KoaType from 'koa';
import type PgType from 'pg';

const require = createRequire(new URL('../server/package.json', import.meta.url));
const Koa = require('koa') as typeof KoaType;
const pg = require('pg') as typeof PgType;

const arg = (name: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || !process.argv[i + 1]) throw new Error(`--${name} is required`);
  return process.argv[i + 1];
};

// Plinth's pool is 10 connections too (storage/sql/sql-connection.ts).
const pool = new pg.Pool({ connectionString: arg('db'), max: 10 });
const COLUMNS = 'id, title, status, score, author, created, updated';
const META = { collectionId: 'posts', collectionName: 'posts' };

type Row = Record<string, unknown>;
const record = (row: Row) => ({ ...META, ...row });
const pbNow = () => new Date().toISOString().replace('T', ' ');
const newId = () => randomBytes(10).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 15);

async function readJson(req: KoaType.Request): Promise<Row> {
  const chunks: Buffer[] = [];
  for await (const chunk of req.req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Row;
}

async function list(params: URLSearchParams): Promise<unknown> {
  const perPage = Number(params.get('perPage') ?? 30);
  const page = Number(params.get('page') ?? 1);
  const filter = params.get('filter') ?? '';
  const where: string[] = [];
  const values: unknown[] = [];
  if (filter.includes('status')) {
    values.push('published', 500);
    where.push('status = $1 AND score > $2');
  } else if (filter.startsWith('created <')) {
    values.push(/'([^']+)'/.exec(filter)![1]);
    where.push('created < $1');
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = (await pool.query(`SELECT ${COLUMNS} FROM posts ${whereSql} ORDER BY created DESC LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`, values)).rows as Row[];
  let totalItems = -1;
  if (params.get('skipTotal') !== '1') totalItems = Number((await pool.query(`SELECT count(*) AS n FROM posts ${whereSql}`, values)).rows[0].n);
  const items = rows.map(record);
  if (params.get('expand') === 'author' && rows.length) {
    const authors = (await pool.query('SELECT id, name, created, updated FROM authors WHERE id = ANY($1)', [rows.map((r) => r.author)])).rows as Row[];
    const byId = new Map(authors.map((a) => [a.id, { collectionId: 'authors', collectionName: 'authors', ...a }]));
    for (const item of items as Row[]) item.expand = { author: byId.get(item.author) };
  }
  return { page, perPage, totalItems, totalPages: totalItems < 0 ? -1 : Math.ceil(totalItems / perPage), items };
}

const app = new Koa();
app.use(async (ctx) => {
  const match = /^\/api\/collections\/posts\/records(?:\/([^/]+))?$/.exec(ctx.path);
  if (ctx.path === '/api/health') {
    ctx.body = { code: 200, message: 'API is healthy.', data: {} };
    return;
  }
  if (!match) return;
  const id = match[1];
  if (ctx.method === 'GET' && id) {
    const row = (await pool.query(`SELECT ${COLUMNS} FROM posts WHERE id = $1`, [id])).rows[0] as Row | undefined;
    if (row) ctx.body = record(row);
  } else if (ctx.method === 'GET') {
    ctx.body = await list(new URLSearchParams(ctx.querystring));
  } else if (ctx.method === 'PATCH' && id) {
    const body = await readJson(ctx.request);
    const sql = `UPDATE posts SET score = $2, updated = $3 WHERE id = $1 RETURNING ${COLUMNS}`;
    const row = (await pool.query(sql, [id, body.score, pbNow()])).rows[0] as Row | undefined;
    if (row) ctx.body = record(row);
  } else if (ctx.method === 'POST' && !id) {
    const b = await readJson(ctx.request);
    const now = pbNow();
    const sql = `INSERT INTO posts (id, title, status, score, author, created, updated) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING ${COLUMNS}`;
    ctx.body = record((await pool.query(sql, [newId(), b.title, b.status, b.score, b.author, now])).rows[0] as Row);
  }
});

const server = createServer(app.callback()).listen(Number(arg('port')), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close(() => void pool.end().then(() => process.exit(0)));
  server.closeAllConnections();
});
