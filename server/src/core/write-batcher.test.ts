import { describe, expect, it } from 'vitest';
import { createWriteBatcher } from './write-batcher.js';

describe('createWriteBatcher', () => {
  it('writes the first item at once and the items added meanwhile together in the next write', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const batcher = createWriteBatcher<number>(async (items) => {
      writes.push(items);
      if (writes.length === 1) await new Promise<void>((r) => (release = r));
    });
    const first = batcher.add(1);
    expect(writes).toEqual([[1]]);
    const rest = [batcher.add(2), batcher.add(3), batcher.add(4)];
    release();
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('rejects the items of a failed write only, and keeps going', async () => {
    let calls = 0;
    const batcher = createWriteBatcher<string>(async (items) => {
      calls++;
      if (items.includes('bad')) throw new Error('write failed');
    });
    await expect(batcher.add('bad')).rejects.toThrow('write failed');
    await expect(batcher.add('good')).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });

  it('caps a batch at maxBatch items', async () => {
    const sizes: number[] = [];
    let release!: () => void;
    const batcher = createWriteBatcher<number>(async (items) => {
      sizes.push(items.length);
      if (sizes.length === 1) await new Promise<void>((r) => (release = r));
    }, 2);
    const all = [1, 2, 3, 4, 5, 6].map((n) => batcher.add(n));
    release();
    await Promise.all(all);
    await batcher.drain();
    expect(sizes).toEqual([1, 2, 2, 1]);
  });
});
