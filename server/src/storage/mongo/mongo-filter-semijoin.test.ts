/**
 * Relation conditions as semi-joins, on a real server (FerretDB): the query documents actually sent (seen
 * through the driver's command monitoring) and the rows returned, which must equal the residual evaluation.
 */
import { type CommandStartedEvent, type Document, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Condition } from '../../filter/condition.js';
import { silentLogger } from '../../core/logger.js';
import { type FerretDbServer, startFerretDb } from '../../../test/support/ferretdb.js';
import { and, cmp, createFixture, lit, path, posts, relation, tags, users } from '../conformance/conformance-filter-fixture.js';
import type { StorageAdapter } from '../port.js';
import { KeyedSerial, type MongoScope } from './mongo-connection.js';
import { evaluateResidual, joinEnv } from './mongo-filter-evaluate.js';
import { RowLoader } from './mongo-filter-loader.js';
import { planQuery, relationChain, semiJoinQuery } from './mongo-filter-semijoin.js';
import { createMongoStorage } from './mongo-storage.js';
import { fromDocument } from './mongo-values.js';

let server: FerretDbServer;
let storage: StorageAdapter;
let client: MongoClient;
let scope: MongoScope;
const finds: { collection: string; filter: Document }[] = [];

beforeAll(async () => {
  server = await startFerretDb();
  storage = await createMongoStorage(server.url, silentLogger);
  await storage.migrate();
  await createFixture(storage);
  client = new MongoClient(server.url, { monitorCommands: true });
  client.on('commandStarted', (event: CommandStartedEvent) => {
    if (event.commandName === 'find') finds.push({ collection: event.command.find as string, filter: event.command.filter as Document });
  });
  await client.connect();
  scope = { db: client.db(), serial: new KeyedSerial() };
});

afterAll(async () => {
  await client?.close();
  await storage?.close();
  await server?.stop();
});

const authorName = (op: 'eq' | 'neq' | 'like', value: string) => cmp(op, path(users, 'name', { hops: [relation('author', users, false)] }), lit(value));
const tagName = (value: string, quantifier: 'any' | 'all') => cmp('eq', path(tags, 'name', { hops: [relation('tags', tags, true)] }), lit(value), quantifier);

/** What the residual evaluator says, row by row over the whole collection: the reference. */
async function reference(where: Condition): Promise<string[]> {
  const env = joinEnv(new RowLoader(scope));
  const docs = await scope.db.collection('posts').find({}).sort({ _rowid: 1 }).toArray();
  const rows = docs.map((doc) => fromDocument(posts, doc));
  const passed = await Promise.all(rows.map((row) => evaluateResidual(where, row, env)));
  return rows.filter((_, i) => passed[i]).map((row) => String(row.id));
}

describe('semi-joins on relation chains', () => {
  it('sends the related query first, then `field $in ids` to the base collection', async () => {
    finds.length = 0;
    const plan = await planQuery(scope, authorName('eq', 'Alice'));
    expect(plan).toEqual({ query: { author: { $in: ['u1'] } } });
    expect(finds).toEqual([{ collection: 'users', filter: { name: { $eq: 'Alice' } } }]);
  });

  it('walks chains hop by hop and keeps base conditions native', async () => {
    const where = and(cmp('gt', path(posts, 'views'), lit(0)), authorName('like', 'ali'));
    expect(await planQuery(scope, where)).toEqual({ query: { $and: [{ views: { $gt: 0 } }, { author: { $in: ['u1'] } }] } });
    expect((await storage.find({ table: posts, where })).map((r) => r.id)).toEqual(['p1']);
  });

  it('narrows multiple relations for ? comparisons but keeps them residual (one joined row per chain)', async () => {
    const where = tagName('js', 'any');
    const plan = await planQuery(scope, where);
    expect(plan.query).toEqual({ tags: { $in: ['t1'] } });
    expect(plan.residual).toEqual(where);
  });

  it('refuses chains where a missing related row would match, and ALL over sets', async () => {
    for (const where of [authorName('eq', ''), authorName('neq', 'Alice'), tagName('js', 'all')]) {
      const chain = relationChain(where);
      expect(chain && (await semiJoinQuery(scope, chain))).toBeFalsy();
      expect((await planQuery(scope, where)).residual).toEqual(where);
    }
  });

  it('returns exactly what the in-memory evaluation returns', async () => {
    for (const where of [
      authorName('eq', 'Alice'),
      authorName('eq', ''),
      authorName('neq', 'Bob'),
      authorName('like', 'o'),
      tagName('ts', 'any'),
      tagName('js', 'all'),
      and(authorName('eq', 'Alice'), tagName('go', 'any')),
    ]) {
      expect((await storage.find({ table: posts, where })).map((r) => r.id)).toEqual(await reference(where));
      expect(await storage.count({ table: posts, where })).toBe((await reference(where)).length);
    }
  });

  it('treats hostile literals as data in both queries', async () => {
    finds.length = 0;
    const plan = await planQuery(scope, authorName('eq', '$where'));
    expect(plan).toEqual({ query: { author: { $in: [] } } });
    expect(finds[0].filter).toEqual({ name: { $eq: '$where' } });
  });
});
