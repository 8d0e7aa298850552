import { describe, expect, it } from 'vitest';
import { measureSize } from '../scripts/measure-size.js';

describe('bundle size', () => {
  it('stays under 12 KB minified + gzipped', async () => {
    const { gzipped } = await measureSize();
    console.log(`@plinth/sdk min+gzip: ${gzipped} bytes`);
    expect(gzipped).toBeLessThan(12 * 1024);
  });
});
