/** Filter and sort conformance: the same resolved conditions must select the same rows on every adapter. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureTables, posts } from './conformance-filter-fixture.js';
import { filterCases, sortCases } from './conformance-filter-cases.js';
import type { SuiteContext } from './conformance-tables.js';

export function filterTests(ctx: SuiteContext): void {
  beforeAll(() => createFixture(ctx.storage));

  describe('where', () => {
    it.each(filterCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const table = fixtureTables[c.table];
      const found = await ctx.storage.find({ table, where: c.where });
      expect(found.map((r) => r.id)).toEqual(c.expected);
      expect(await ctx.storage.count({ table, where: c.where })).toBe(c.expected.length);
    });
  });

  describe('sort', () => {
    it.each(sortCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const found = await ctx.storage.find({ table: posts, sort: c.sort });
      expect(found.map((r) => r.id)).toEqual(c.expected);
    });

    it('random order returns every row exactly once, and pages with filters', async () => {
      const found = await ctx.storage.find({ table: posts, sort: [{ kind: 'random' }] });
      expect(found.map((r) => r.id).sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
      const page = await ctx.storage.find({ table: posts, sort: [{ kind: 'rowid', direction: 'desc' }], limit: 2, offset: 1 });
      expect(page.map((r) => r.id)).toEqual(['p3', 'p2']);
    });
  });
}
