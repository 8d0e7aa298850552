import { describe, expect, it } from 'vitest';
import { evaluateCondition } from './evaluate.js';
import { FilterError } from './errors.js';
import { parseFilter } from './parser.js';
import { resolveFilter } from './resolve.js';
import { field } from './test-fixtures.js';
import { emptyRequestInfo } from './request.js';
import type { SchemaCollection } from './schema.js';

/** Shaped like the collections list the evaluator is first used for. */
const collectionsView: SchemaCollection = {
  id: 'collections',
  name: 'collections',
  type: 'base',
  uniqueFields: [],
  listRule: '',
  fields: [
    field('id'),
    field('name'),
    field('type'),
    field('system', 'bool'),
    field('count', 'number'),
    field('created'),
    field('labels', 'select', { multiple: true }),
    field('options', 'json'),
    field('place', 'geoPoint'),
    field('owner', 'relation', { relationTo: 'collections' }),
  ],
};
const schema = { collection: (n: string) => (n === 'collections' ? collectionsView : undefined) };

const record = {
  id: 'c1',
  name: 'Posts_2024',
  type: 'base',
  system: false,
  count: 12,
  created: '2024-03-01 10:00:00.000Z',
  labels: ['blue', 'green'],
  options: { size: 3, tag: null, nested: { ok: true } },
  place: { lon: 23.32, lat: 42.69 },
  owner: '',
};

const matches = (filter: string, data: Record<string, unknown> = record) =>
  evaluateCondition(
    resolveFilter(parseFilter(filter), {
      schema,
      collection: collectionsView,
      request: emptyRequestInfo(),
      now: new Date(Date.UTC(2024, 5, 1)),
      client: false,
    }),
    data,
  );

describe('evaluateCondition', () => {
  it.each([
    ['name = "Posts_2024"', true],
    ['name = "posts_2024"', false],
    ['name != "x"', true],
    ['owner = ""', true],
    ['owner = null', true],
    ['owner != ""', false],
    ['missing_is_unknown_field_so_not_tested = 1', undefined],
    ['name ~ "POSTS"', true],
    ['name ~ "sts_2"', true],
    ['name ~ "sts_x"', false],
    ['name ~ "Posts%"', true],
    ['name ~ "%2024"', true],
    ['name ~ "P_sts%"', true],
    ['name ~ "P\\_sts%"', false],
    ['name !~ "zzz"', true],
    ['name ~ type', false],
    ['count > 10', true],
    ['count >= 12 && count <= 12', true],
    ['count < "13"', true],
    ['count = "12"', true],
    ['created >= "2024-03-01"', true],
    ['created < "2024-03-01"', false],
    ['created < @now', true],
    ['system = false', true],
    ['system = 0', true],
    ['system != true', true],
    ['labels:each ?= "green"', true],
    ['labels:each = "green"', false],
    ['labels:each ~ "e"', true],
    ['labels:length = 2', true],
    ['labels ~ "green"', true],
    ['options.size = 3', true],
    ['options.tag = null', true],
    ['options.tag = ""', false],
    ['options.nested.ok = true', true],
    ['options.missing = null', true],
    ['name:lower = "posts_2024"', true],
    ['geoDistance(place.lon, place.lat, 23.32, 42.69) < 1', true],
    ['geoDistance(place.lon, place.lat, 24.75, 42.14) > 100', true],
    ['name = "x" || (type = "base" && system = false)', true],
    ['null = ""', true],
    ['1 < 2', true],
    ['"a" < 1', false],
  ])('%s → %s', (filter, expected) => {
    if (expected === undefined) {
      expect(() => matches(filter)).toThrow(FilterError);
      return;
    }
    expect(matches(filter)).toBe(expected);
  });

  it('ALL over an empty set is true, ANY is false', () => {
    const empty = { ...record, labels: [] };
    expect(matches('labels:each = "x"', empty)).toBe(true);
    expect(matches('labels:each ?= "x"', empty)).toBe(false);
  });

  it('refuses hops and non-base roots', () => {
    expect(() => matches('owner.name = "x"')).toThrow(FilterError);
    expect(() => matches('@collection.collections.name ?= "x"')).toThrow(FilterError);
  });
});
