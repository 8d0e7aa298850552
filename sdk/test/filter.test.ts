/** The filter builder's literals against a real server: every tricky value matches exactly its own record. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/plinth.js';

const values = [
  'plain',
  'with "double" and \'single\' quotes',
  'back\\slash',
  'backslash before quote \\" here',
  '\\\\"\\x',
  'new\nline\r\ttab',
  'control \u0001\u001f\u007f chars',
  'unicode ✓ 𝄞 \u2028',
  '{:notAParam} %like_ wildcards',
  '"',
  '\\"',
  '// not a comment',
];

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.admin.collections.create({ name: 'texts', type: 'base', listRule: '', fields: [{ name: 'value', type: 'text' }, { name: 'n', type: 'number' }] });
  for (const [i, value] of values.entries()) await h.admin.collection('texts').create({ value, n: i });
});
afterAll(() => h?.close());

describe('filter values against the server', () => {
  it('match exactly the record holding that value', async () => {
    const texts = h.guest().collection('texts');
    for (const [i, value] of values.entries()) {
      const res = await texts.list({ filter: (f) => f.eq('value', value) });
      expect(res.items.map((r) => r.n), JSON.stringify(value)).toEqual([i]);
    }
  });

  it('bind raw parameters safely', async () => {
    const res = await h.guest().collection('texts').list({ filter: h.admin.filter('value = {:v} || n = {:n}', { v: 'back\\slash', n: 0 }), sort: 'n' });
    expect(res.items.map((r) => r.n)).toEqual([0, 2]);
  });
});
