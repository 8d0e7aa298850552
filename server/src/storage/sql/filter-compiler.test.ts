import { describe, expect, it } from 'vitest';
import type { Condition, Hop, Operand, SortTerm } from '../../filter/condition.js';
import { compileCondition, compileSort } from './filter-compiler.js';
import { likePattern } from './filter-operators.js';
import { and, cmp, leaf, lit, or, path, ref } from './filter-test-db.js';
import type { SqlFragment } from './sql-text.js';
import { joinFragments, quoteIdent } from './sql-text.js';

const scope = { alias: 't' };

/** Every `?` in the text is a placeholder: their count must match the bindings. */
function checked(f: SqlFragment): SqlFragment {
  expect(f.sql.split('?').length - 1).toBe(f.bindings.length);
  return f;
}
const where = (cond: Condition): SqlFragment => checked(compileCondition(cond, scope));
const orderBy = (terms: SortTerm[]): SqlFragment => checked(compileSort(terms, scope));

const title = path(leaf('title', 'text'));
const views = path(leaf('views', 'number'));
const flag = path(leaf('flag', 'bool'));
const authorHop: Hop = { kind: 'relation', field: 'author', multiple: false, target: ref('users') };
const tagsHop: Hop = { kind: 'relation', field: 'tags', multiple: true, target: ref('tags') };
const AUTHOR_NAME = `(SELECT "_j1"."name" FROM (SELECT 1) AS "_d2" LEFT JOIN "users" AS "_j1" ON "_j1"."id" = "t"."author" LIMIT 1)`;
const TAG_JOINS = (kw: string, e: string, j: string): string =>
  `${kw} LATERAL jsonb_array_elements_text((CASE WHEN jsonb_typeof("t"."tags") = 'array' THEN "t"."tags" ELSE '[]'::jsonb END)) AS "${e}"(v) ON true ${kw} "tags" AS "${j}" ON "${j}"."id" = "${e}"."v"`;

describe('sql-text', () => {
  it('quotes identifiers and joins fragments', () => {
    expect(quoteIdent('we"ird')).toBe('"we""ird"');
    expect(joinFragments([{ sql: 'a = ?', bindings: [1] }, { sql: 'b = ?', bindings: [2] }], ' AND ')).toEqual({ sql: 'a = ? AND b = ?', bindings: [1, 2] });
  });
});

describe('equality', () => {
  it('text column vs literal is index friendly; NULL-able sides are COALESCEd', () => {
    expect(where(cmp('eq', title, lit('a')))).toEqual({ sql: `"t"."title" = ?::text`, bindings: ['a'] });
    expect(where(cmp('neq', title, lit(null)))).toEqual({ sql: `"t"."title" <> COALESCE(NULL::text, '')`, bindings: [] });
    const name = path(leaf('name', 'text'), { hops: [authorHop] });
    expect(where(cmp('eq', name, lit('')))).toEqual({ sql: `COALESCE(${AUTHOR_NAME}, '') = ?::text`, bindings: [''] });
  });
  it('an OR of equalities on one never-NULL text operand is one = ANY; anything else stays an OR', () => {
    expect(where(or(cmp('eq', title, lit('a')), cmp('eq', title, lit('b"c')), cmp('eq', title, lit('d\\e'))))).toEqual({
      sql: `"t"."title" = ANY(?::text[])`,
      bindings: ['{"a","b\\"c","d\\\\e"}'],
    });
    const name = path(leaf('name', 'text'), { hops: [authorHop] });
    const body = path(leaf('body', 'text'));
    const viaRelation = where(or(cmp('eq', name, lit('a')), cmp('eq', name, lit('b')))).sql;
    expect(viaRelation.startsWith(`(COALESCE(${AUTHOR_NAME}, '') = ?::text OR COALESCE(`)).toBe(true);
    expect(viaRelation).not.toContain('ANY');
    expect(where(or(cmp('eq', title, lit('a')), cmp('eq', body, lit('b')))).sql).toBe(`("t"."title" = ?::text OR "t"."body" = ?::text)`);
    expect(where(or(cmp('eq', title, lit('a')), cmp('neq', title, lit('b')))).sql).toBe(`("t"."title" = ?::text OR "t"."title" <> ?::text)`);
    expect(where(or(cmp('eq', views, lit('1')), cmp('eq', views, lit('2')))).sql).toBe(`("t"."views" = ?::float8 OR "t"."views" = ?::float8)`);
  });
  it('numbers, booleans and numeric text literals', () => {
    expect(where(cmp('eq', views, lit('10')))).toEqual({ sql: `"t"."views" = ?::float8`, bindings: [10] });
    expect(where(cmp('neq', flag, lit(true)))).toEqual({ sql: `("t"."flag")::int <> ?::float8`, bindings: [1] });
    expect(where(cmp('eq', views, lit('abc')))).toEqual({ sql: `("t"."views" IS NULL AND ?::text = '')`, bindings: ['abc'] });
    expect(where(cmp('eq', title, lit(5)))).toEqual({ sql: `"t"."title" = ?::text`, bindings: ['5'] });
  });
  it('json uses null-safe jsonb comparison', () => {
    const meta = path(leaf('meta', 'json'), { jsonPath: ['a', 0] });
    expect(where(cmp('eq', meta, lit('x')))).toEqual({
      sql: `NULLIF(("t"."meta" #> ?::text[]), 'null'::jsonb) IS NOT DISTINCT FROM to_jsonb(?::text)`,
      bindings: ['{"a","0"}', 'x'],
    });
    expect(where(cmp('neq', path(leaf('meta', 'json')), lit('{"b": 1}')))).toEqual({
      sql: `NULLIF("t"."meta", 'null'::jsonb) IS DISTINCT FROM ?::jsonb`,
      bindings: ['{"b":1}'],
    });
  });
});

describe('ordering and like', () => {
  it('text ordering is byte-wise; number vs text never casts unsafely', () => {
    expect(where(cmp('gte', path(leaf('created', 'text')), lit('2024-01-01')))).toEqual({
      sql: `("t"."created") COLLATE "C" >= (?::text)`,
      bindings: ['2024-01-01'],
    });
    expect(where(cmp('lt', views, lit('abc')))).toEqual({ sql: `("t"."views" IS NOT NULL AND ?::text IS NOT NULL)`, bindings: ['abc'] });
    expect(where(cmp('gt', views, lit('abc')))).toEqual({ sql: 'false', bindings: [] });
    const meta = path(leaf('meta', 'json'), { jsonPath: ['n'] });
    expect(where(cmp('gt', meta, lit(3)))).toEqual({
      sql:
        `(SELECT CASE jsonb_typeof(_j.v) WHEN 'number' THEN (_j.v #>> '{}')::float8 WHEN 'boolean' THEN (_j.v = 'true'::jsonb)::int END` +
        ` FROM (SELECT (("t"."meta" #> ?::text[])) AS v) AS _j) > ?::float8`,
      bindings: ['{"n"}', 3],
    });
  });
  it('like wraps and escapes unless the literal has an unescaped %', () => {
    expect(where(cmp('like', title, lit('a_b')))).toEqual({ sql: `"t"."title" ILIKE ?::text ESCAPE '\\'`, bindings: ['%a\\_b%'] });
    expect(where(cmp('nlike', title, lit('a%')))).toEqual({ sql: `"t"."title" NOT ILIKE ?::text ESCAPE '\\'`, bindings: ['a%'] });
    expect(where(cmp('like', title, path(leaf('name', 'text'))))).toEqual({
      sql: `"t"."title" ILIKE ('%' || "t"."name" || '%') ESCAPE '\\'`,
      bindings: [],
    });
    expect(likePattern('50\\% off')).toBe('%50\\% off%');
    expect(likePattern('a\\b')).toBe('%a\\\\b%');
    expect(likePattern('100%')).toBe('100%');
  });
});

describe('quantifiers', () => {
  const tagName = path(leaf('name', 'text'), { hops: [tagsHop] });
  it("'all' is NOT EXISTS of a counter-example", () => {
    expect(where(cmp('eq', tagName, lit('red')))).toEqual({
      sql: `NOT EXISTS (SELECT 1 FROM (SELECT 1) AS "_d3" ${TAG_JOINS('JOIN', '_e2', '_j1')} WHERE (COALESCE("_j1"."name", '') = ?::text) IS NOT TRUE)`,
      bindings: ['red'],
    });
  });
  it("'any' comparisons share one EXISTS with correlated joins", () => {
    const tagOwner = path(leaf('owner', 'text'), { hops: [tagsHop] });
    expect(where(and(cmp('eq', tagName, lit('red'), 'any'), cmp('eq', tagOwner, lit('u1'), 'any'), cmp('eq', title, lit('x'))))).toEqual({
      sql:
        `EXISTS (SELECT 1 FROM (SELECT 1) AS "_d3" ${TAG_JOINS('LEFT JOIN', '_e2', '_j1')}` +
        ` WHERE (COALESCE("_j1"."name", '') = ?::text AND COALESCE("_j1"."owner", '') = ?::text AND "t"."title" = ?::text))`,
      bindings: ['red', 'u1', 'x'],
    });
  });
  it('@collection and records roots; literal lists expand', () => {
    const team = path(leaf('team', 'text'), { root: { kind: 'collection', collection: ref('members'), alias: 'm' } });
    expect(where(cmp('eq', team, lit('A'), 'any'))).toEqual({
      sql: `EXISTS (SELECT 1 FROM (SELECT 1) AS "_d2" LEFT JOIN "members" AS "_c1" ON true WHERE COALESCE("_c1"."team", '') = ?::text)`,
      bindings: ['A'],
    });
    const names = path(leaf('name', 'text'), { root: { kind: 'records', collection: ref('users'), ids: ['u1', 'u"2'] }, multi: true });
    expect(where(cmp('neq', names, lit('x')))).toEqual({
      sql: `NOT EXISTS (SELECT 1 FROM (SELECT 1) AS "_d2" JOIN "users" AS "_c1" ON "_c1"."id" = ANY(?::text[]) WHERE (COALESCE("_c1"."name", '') <> ?::text) IS NOT TRUE)`,
      bindings: ['{"u1","u\\"2"}', 'x'],
    });
    const list: Operand = { kind: 'list', values: ['a', 'b'] };
    expect(where(cmp('eq', title, list, 'any'))).toEqual({ sql: `("t"."title" = ?::text OR "t"."title" = ?::text)`, bindings: ['a', 'b'] });
    expect(where(or())).toEqual({ sql: 'false', bindings: [] });
    expect(where({ kind: 'constant', value: true })).toEqual({ sql: 'true', bindings: [] });
  });
  it('back relations and guards', () => {
    const guard = cmp('eq', path(leaf('verified', 'bool')), lit(true));
    const via: Hop = { kind: 'backRelation', source: ref('lists'), field: 'items', fieldMultiple: true, multiple: true, guard };
    expect(where(cmp('eq', path(leaf('id', 'text'), { hops: [via] }), lit('l1'), 'any'))).toEqual({
      sql:
        `EXISTS (SELECT 1 FROM (SELECT 1) AS "_d2" LEFT JOIN "lists" AS "_j1" ON "_j1"."items" @> jsonb_build_array("t"."id")` +
        ` AND (("_j1"."verified")::int = ?::float8) WHERE COALESCE("_j1"."id", '') = ?::text)`,
      bindings: [1, 'l1'],
    });
  });
});

describe('modifiers and functions', () => {
  it('lower, length, each', () => {
    expect(where(cmp('eq', path(leaf('title', 'text'), { modifier: 'lower' }), lit('a')))).toEqual({ sql: `LOWER("t"."title") = ?::text`, bindings: ['a'] });
    expect(where(cmp('gt', path(leaf('tags', 'list'), { modifier: 'length' }), lit(1)))).toEqual({
      sql: `jsonb_array_length((CASE WHEN jsonb_typeof("t"."tags") = 'array' THEN "t"."tags" ELSE '[]'::jsonb END)) > ?::float8`,
      bindings: [1],
    });
    expect(where(cmp('eq', path(leaf('tags', 'list'), { modifier: 'each' }), lit('x'), 'any'))).toEqual({
      sql:
        `EXISTS (SELECT 1 FROM (SELECT 1) AS "_d2" LEFT JOIN LATERAL jsonb_array_elements_text((CASE WHEN jsonb_typeof("t"."tags") = 'array'` +
        ` THEN "t"."tags" ELSE '[]'::jsonb END)) AS "_e1"(v) ON true WHERE COALESCE("_e1"."v", '') = ?::text)`,
      bindings: ['x'],
    });
  });
  it('geoDistance and strftime bind every literal', () => {
    const geo: Operand = { kind: 'call', fn: 'geoDistance', args: [lit(1), lit(2), lit(3), lit(4)] };
    const f = where(cmp('lt', geo, lit(25)));
    expect(f.sql).toContain('6371 * acos(least(1, greatest(-1,');
    expect(f.bindings).toEqual([1, 2, 3, 4, 25]);
    const strftime: Operand = { kind: 'call', fn: 'strftime', args: [lit('%Y/x'), path(leaf('created', 'text')), lit('+2 days')] };
    const s = where(cmp('eq', strftime, lit('2024/x')));
    expect(s.bindings).toEqual(['/x', 2, '2024/x']);
    expect(s.sql).toContain(`regexp_match("t"."created", '^`);
    expect(s.sql.startsWith('COALESCE((SELECT to_char("_s2".ts, \'YYYY\') || ?::text FROM')).toBe(true);
  });
});

describe('sort', () => {
  it('compiles paths, multi paths, random and rowid', () => {
    expect(
      orderBy([
        { kind: 'path', operand: title, direction: 'asc' },
        { kind: 'path', operand: path(leaf('name', 'text'), { hops: [authorHop] }), direction: 'desc' },
        { kind: 'random' },
        { kind: 'rowid', direction: 'desc' },
      ]),
    ).toEqual({
      // NOT NULL keys carry no NULLS clause (index-friendly); a relation hop may be NULL and keeps it.
      sql: `("t"."title") COLLATE "C" ASC, (${AUTHOR_NAME}) COLLATE "C" DESC NULLS LAST, random(), "t"."_rowid" DESC`,
      bindings: [],
    });
    expect(orderBy([{ kind: 'path', operand: path(leaf('name', 'text'), { hops: [tagsHop] }), direction: 'asc' }])).toEqual({
      sql: `(SELECT MIN(("_j1"."name") COLLATE "C") FROM (SELECT 1) AS "_d3" ${TAG_JOINS('JOIN', '_e2', '_j1')}) ASC NULLS FIRST`,
      bindings: [],
    });
  });
});

describe('injection', () => {
  it('hostile literals only appear in bindings', () => {
    const hostile = "'; drop table posts; --";
    const conds: Condition[] = [
      cmp('eq', title, lit(hostile)),
      cmp('like', title, lit(hostile)),
      cmp('gt', path(leaf('meta', 'json'), { jsonPath: [hostile] }), lit(hostile)),
      cmp('eq', path(leaf('name', 'text'), { root: { kind: 'records', collection: ref('users'), ids: [hostile] }, multi: false }), lit(hostile)),
      cmp('eq', { kind: 'call', fn: 'strftime', args: [lit(`%Y${hostile}`), lit(hostile), lit('+1 day')] }, lit(hostile)),
    ];
    for (const cond of conds) {
      const f = where(cond);
      expect(f.sql).not.toContain('drop table');
      expect(JSON.stringify(f.bindings)).toContain('drop table');
    }
  });
});
