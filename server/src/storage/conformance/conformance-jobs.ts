/** The in-process job store (port.ts JobStore): dedup, leases, outcomes, retry, listing and pruning. */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { NewJob } from '../port.js';
import { type SuiteContext, uniqueName } from './conformance-tables.js';

const T0 = 1_700_000_000_000;

function job(queue: string, overrides: Partial<NewJob> = {}): NewJob {
  return { id: randomUUID(), queue, payload: { 'a.b': 1, $x: [true] }, maxAttempts: 3, runAt: T0, createdAt: T0, ...overrides };
}

export function jobTests(ctx: SuiteContext): void {
  it('stores a job once per dedup id and tells waiting from delayed', async () => {
    const queue = uniqueName('q');
    const first = job(queue, { dedupId: 'same' });
    expect(await ctx.storage.addJob(first)).toBe(first.id);
    expect(await ctx.storage.addJob(job(queue, { dedupId: 'same' }))).toBe(first.id);
    await ctx.storage.addJob(job(queue, { runAt: T0 + 60_000 }));
    const counts = (await ctx.storage.countJobs()).filter((c) => c.queue === queue);
    expect(counts.sort((a, b) => a.state.localeCompare(b.state))).toEqual([
      { queue, state: 'delayed', count: 1 },
      { queue, state: 'waiting', count: 1 },
    ]);
    const [waiting] = await ctx.storage.listJobs(queue, 'waiting', 0, 10);
    expect(waiting).toMatchObject({ id: first.id, payload: first.payload, dedupId: 'same', attemptsMade: 0, error: null, finishedAt: null });
  });

  it('leases due jobs once, earliest first, and re-leases them when the lease expires', async () => {
    const queue = uniqueName('q');
    const late = job(queue, { runAt: T0 + 10 });
    const early = job(queue, { runAt: T0 + 5 });
    const future = job(queue, { runAt: T0 + 1_000_000 });
    for (const j of [late, early, future]) await ctx.storage.addJob(j);
    const claim = { queue, now: T0 + 100, leaseUntil: T0 + 1_000, limit: 10 };
    const [a, b] = await Promise.all([ctx.storage.claimJobs({ ...claim, owner: 'A' }), ctx.storage.claimJobs({ ...claim, owner: 'B' })]);
    const ids = [...a, ...b].map((j) => j.id);
    expect(ids.sort()).toEqual([early.id, late.id].sort());
    const mine = a.length ? a : b;
    expect(mine[0].state).toBe('active');
    if (mine.length === 2) expect(mine.map((j) => j.id)).toEqual([early.id, late.id]);
    expect(await ctx.storage.claimJobs({ ...claim, owner: 'C' })).toEqual([]);
    // The holders die: after the lease another instance takes both over.
    const again = await ctx.storage.claimJobs({ ...claim, owner: 'C', now: T0 + 2_000, leaseUntil: T0 + 3_000 });
    expect(again.map((j) => j.id).sort()).toEqual([early.id, late.id].sort());
    await ctx.storage.extendJobLeases('C', [early.id], T0 + 10_000);
    const taken = await ctx.storage.claimJobs({ ...claim, owner: 'D', now: T0 + 5_000, leaseUntil: T0 + 6_000 });
    expect(taken.map((j) => j.id)).toEqual([late.id]);
  });

  it('releases only jobs of the lease holder, waiting again with the attempt uncounted', async () => {
    const queue = uniqueName('q');
    const j = job(queue);
    await ctx.storage.addJob(j);
    await ctx.storage.claimJobs({ queue, owner: 'A', now: T0, leaseUntil: T0 + 60_000, limit: 1 });
    await ctx.storage.releaseJobs('B', [j.id]);
    expect(await ctx.storage.listJobs(queue, 'active', 0, 10)).toHaveLength(1);
    await ctx.storage.releaseJobs('A', [j.id]);
    expect((await ctx.storage.listJobs(queue, 'waiting', 0, 10))[0]).toMatchObject({ id: j.id, attemptsMade: 0, error: null });
    expect(await ctx.storage.finishJob(j.id, 'A', { state: 'completed', at: T0 })).toBe(false);
    // Claimable at once, long before A's lease would have run out.
    const [again] = await ctx.storage.claimJobs({ queue, owner: 'C', now: T0 + 1, leaseUntil: T0 + 1_000, limit: 1 });
    expect(again).toMatchObject({ id: j.id, attemptsMade: 0 });
  });

  it('finishes attempts only for the lease holder, then retries, removes and prunes', async () => {
    const queue = uniqueName('q');
    const j = job(queue);
    await ctx.storage.addJob(j);
    await ctx.storage.claimJobs({ queue, owner: 'A', now: T0, leaseUntil: T0 + 1_000, limit: 1 });
    expect(await ctx.storage.finishJob(j.id, 'B', { state: 'completed', at: T0 })).toBe(false);
    expect(await ctx.storage.finishJob(j.id, 'A', { state: 'delayed', runAt: T0 + 50, error: 'e1', stack: null })).toBe(true);
    expect((await ctx.storage.listJobs(queue, 'delayed', 0, 1))[0]).toMatchObject({ attemptsMade: 1, error: 'e1', runAt: T0 + 50 });

    await ctx.storage.claimJobs({ queue, owner: 'A', now: T0 + 60, leaseUntil: T0 + 1_000, limit: 1 });
    expect(await ctx.storage.finishJob(j.id, 'A', { state: 'failed', at: T0 + 70, error: 'e2', stack: 'at x' })).toBe(true);
    expect((await ctx.storage.listJobs(queue, 'failed', 0, 1))[0]).toMatchObject({ attemptsMade: 2, error: 'e2', stack: 'at x', finishedAt: T0 + 70 });

    expect(await ctx.storage.retryJob(queue, j.id, T0 + 100)).toBe(true);
    expect((await ctx.storage.listJobs(queue, 'waiting', 0, 1))[0]).toMatchObject({ attemptsMade: 0, error: null, runAt: T0 + 100 });
    expect(await ctx.storage.retryJob(queue, j.id, T0 + 100)).toBe(false);

    await ctx.storage.claimJobs({ queue, owner: 'A', now: T0 + 100, leaseUntil: T0 + 1_000, limit: 1 });
    await ctx.storage.finishJob(j.id, 'A', { state: 'completed', at: T0 + 200 });
    expect(await ctx.storage.pruneJobs('completed', T0 + 200)).toBe(0);
    expect(await ctx.storage.pruneJobs('completed', T0 + 201)).toBeGreaterThanOrEqual(1);
    expect(await ctx.storage.listJobs(queue, 'completed', 0, 10)).toEqual([]);

    const other = job(queue);
    await ctx.storage.addJob(other);
    expect(await ctx.storage.removeJob(queue, other.id)).toBe(true);
    expect(await ctx.storage.removeJob(queue, other.id)).toBe(false);
  });

  it('adds many jobs at once, skipping dedup ids already stored or repeated in the batch', async () => {
    const queue = uniqueName('q');
    const stored = job(queue, { dedupId: 'a' });
    await ctx.storage.addJob(stored);
    const batch = [job(queue, { dedupId: 'a' }), job(queue, { dedupId: 'b' }), job(queue, { dedupId: 'b' }), job(queue), job(queue, { runAt: T0 + 60_000 })];
    await ctx.storage.addJobs(batch);
    await ctx.storage.addJobs([]);
    const waiting = await ctx.storage.listJobs(queue, 'waiting', 0, 10);
    expect(waiting.map((j) => j.id).sort()).toEqual([stored.id, batch[1].id, batch[3].id].sort());
    expect(waiting.find((j) => j.id === batch[1].id)).toMatchObject({ payload: batch[1].payload, dedupId: 'b', maxAttempts: 3 });
    expect((await ctx.storage.listJobs(queue, 'delayed', 0, 10)).map((j) => j.id)).toEqual([batch[4].id]);
  });

  it('completes many jobs at once, only those the owner still holds', async () => {
    const queue = uniqueName('q');
    const [a, b, c] = [job(queue), job(queue), job(queue)];
    await ctx.storage.addJobs([a, b, c]);
    await ctx.storage.claimJobs({ queue, owner: 'A', now: T0, leaseUntil: T0 + 1_000, limit: 2 });
    const held = (await ctx.storage.listJobs(queue, 'active', 0, 10)).map((j) => j.id);
    const [free] = (await ctx.storage.listJobs(queue, 'waiting', 0, 10)).map((j) => j.id);
    await ctx.storage.completeJobs('B', held, T0 + 5);
    expect(await ctx.storage.listJobs(queue, 'active', 0, 10)).toHaveLength(2);
    await ctx.storage.completeJobs('A', [...held, free], T0 + 9);
    const completed = await ctx.storage.listJobs(queue, 'completed', 0, 10);
    expect(completed.map((j) => j.id).sort()).toEqual([...held].sort());
    for (const j of completed) expect(j).toMatchObject({ attemptsMade: 1, finishedAt: T0 + 9, error: null });
    expect((await ctx.storage.listJobs(queue, 'waiting', 0, 10)).map((j) => j.id)).toEqual([free]);
  });

  it('marks finished jobs completed in the same call that claims the next ones', async () => {
    const queue = uniqueName('q');
    const [a, b, c] = [job(queue, { runAt: T0 }), job(queue, { runAt: T0 + 1 }), job(queue, { runAt: T0 + 2 })];
    await ctx.storage.addJobs([a, b, c]);
    const [first] = await ctx.storage.claimJobs({ queue, owner: 'A', now: T0 + 10, leaseUntil: T0 + 1_000, limit: 1 });
    expect(first.id).toBe(a.id);
    // Another owner's completion list is ignored; A's is applied while A claims b.
    const stray = await ctx.storage.claimJobs({ queue, owner: 'B', now: T0 + 10, leaseUntil: T0 + 1_000, limit: 1, complete: { ids: [a.id], at: T0 + 15 } });
    expect(stray.map((j) => j.id)).toEqual([b.id]);
    expect((await ctx.storage.listJobs(queue, 'active', 0, 10)).map((j) => j.id).sort()).toEqual([a.id, b.id].sort());
    const next = await ctx.storage.claimJobs({ queue, owner: 'A', now: T0 + 20, leaseUntil: T0 + 1_000, limit: 5, complete: { ids: [a.id], at: T0 + 20 } });
    expect(next.map((j) => j.id)).toEqual([c.id]);
    expect((await ctx.storage.listJobs(queue, 'completed', 0, 10))[0]).toMatchObject({ id: a.id, attemptsMade: 1, finishedAt: T0 + 20, error: null });
    // Completing with nothing left to claim still completes.
    expect(await ctx.storage.claimJobs({ queue, owner: 'A', now: T0 + 30, leaseUntil: T0 + 1_000, limit: 5, complete: { ids: [c.id], at: T0 + 30 } })).toEqual([]);
    expect((await ctx.storage.listJobs(queue, 'completed', 0, 10)).map((j) => j.id).sort()).toEqual([a.id, c.id].sort());
  });

  it('lists newest first with offset and limit', async () => {
    const queue = uniqueName('q');
    const jobs = [1, 2, 3].map((n) => job(queue, { createdAt: T0 + n, runAt: T0 + n }));
    for (const j of jobs) await ctx.storage.addJob(j);
    expect((await ctx.storage.listJobs(queue, 'waiting', 0, 2)).map((j) => j.id)).toEqual([jobs[2].id, jobs[1].id]);
    expect((await ctx.storage.listJobs(queue, 'waiting', 2, 2)).map((j) => j.id)).toEqual([jobs[0].id]);
  });
}
