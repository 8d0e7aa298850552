/**
 * Golden tests for the whole filter pipeline on SQL: expression text -> parse -> resolve against a schema and
 * request -> PostgreSQL text + bound parameters. The snapshots are reviewed like code: a change in them is a
 * change in the SQL every list, view and rule runs.
 */
import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../src/filter/parser.js';
import { resolveFilter } from '../../src/filter/resolve.js';
import { resolveSort } from '../../src/filter/sort.js';
import { aliceRequest, options, posts } from '../../src/filter/test-fixtures.js';
import { compileCondition, compileSort } from '../../src/storage/sql/filter-compiler.js';

const scope = { alias: 't' };

function sqlOf(expression: string, client = false) {
  const condition = resolveFilter(parseFilter(expression), options({ collection: posts, request: aliceRequest(), client }));
  return compileCondition(condition, scope);
}

const cases: [string, string][] = [
  ['equality with the NULL/"" fallback', 'title = ""'],
  ['null-safe inequality', 'title != "x"'],
  ['numbers and booleans', 'views >= 10 && draft = false'],
  ['contains with escaping', 'title ~ "50%_off"'],
  ['a user LIKE pattern', 'title ~ "a%b"'],
  ['negated contains', 'title !~ "spam"'],
  ['single relation hop', 'author.name = "Ann"'],
  ['ALL over a multiple relation', 'tags.name = "red"'],
  ['ANY over a multiple relation', 'tags.name ?= "red"'],
  ['back-relation', 'comments_via_post.message ?~ "hi"'],
  ['json path', 'meta.a.0 > 2'],
  ['length modifier', 'tags:length > 1'],
  ['@request.auth constants', 'author = @request.auth.id'],
  ['@collection join correlated by alias', '@collection.members.user ?= @request.auth.id && @collection.members.team ?= author.team'],
  ['datetime macro', 'created >= @todayStart'],
  ['geoDistance', 'geoDistance(location.lon, location.lat, 23.32, 42.69) < 25'],
  ['strftime', "strftime('%Y-%m', created) = '2024-03'"],
  ['precedence: && binds tighter than ||', 'title = "a" || title = "b" && views > 1'],
  ['a hostile literal stays a parameter', `title = "'; drop table posts; --"`],
];

describe('filter pipeline golden SQL', () => {
  it.each(cases)('%s', (_label, expression) => {
    const { sql, bindings } = sqlOf(expression);
    expect(sql.split('?').length - 1).toBe(bindings.length);
    expect({ expression, sql, bindings }).toMatchSnapshot();
  });

  it('guards relation hops of client filters with the target list rule', () => {
    expect(sqlOf('tags.name ?= "red"', true)).toMatchSnapshot();
  });

  it('never splices a literal into the SQL text', () => {
    for (const [, expression] of cases) {
      const { sql } = sqlOf(expression);
      expect(sql).not.toContain('drop table');
      expect(sql).not.toContain('Ann');
      expect(sql).not.toContain('50%_off');
    }
  });

  it('compiles sorts', () => {
    const terms = resolveSort('-author.name,title:lower,@rowid', options({ collection: posts }));
    expect(compileSort(terms, scope)).toMatchSnapshot();
  });
});
