/**
 * The one JobQueue behaviour suite, run against every driver (local-queue.test.ts, bullmq-queue.test.ts):
 * both must show the same semantics. A harness hands out queue instances sharing one backend (a database or
 * a Redis prefix), so "two instances" tests are real; tests isolate themselves with job names of their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext, JobQueue } from '../../src/jobs/job-queue.js';
import { sleep, uniqueJobName, waitFor } from './wait-for.js';

export interface QueueHarness {
  /** A new, not yet started queue instance on the shared backend; the harness closes it. */
  create(): Promise<JobQueue>;
  dispose(): Promise<void>;
}

export function runJobQueueSuite(name: string, factory: () => Promise<QueueHarness>): void {
  describe(`job queue: ${name}`, () => {
    let harness: QueueHarness;
    let queue: JobQueue;

    beforeAll(async () => {
      harness = await factory();
      queue = await harness.create();
      await queue.start();
    });
    afterAll(async () => {
      await harness?.dispose();
    });

    it('runs a job with its payload and context', async () => {
      const job = uniqueJobName('basic');
      const seen: { payload: unknown; ctx: JobContext }[] = [];
      queue.define<{ n: number }>({ name: job, handle: async (payload, ctx) => void seen.push({ payload, ctx }) });
      const id = await queue.enqueue(job, { n: 1 });
      await waitFor(() => seen.length === 1, 'the job to run');
      expect(seen[0].payload).toEqual({ n: 1 });
      expect(seen[0].ctx).toMatchObject({ id, attempt: 1 });
      expect(seen[0].ctx.signal).toBeInstanceOf(AbortSignal);
      await waitFor(async () => (await queue.listJobs(job, 'completed', 1, 10)).length === 1, 'the job to be completed');
      const counts = await queue.counts();
      expect(counts.find((c) => c.name === job)?.counts).toMatchObject({ completed: 1, failed: 0, active: 0 });
    });

    it('retries with backoff: fails twice, then succeeds on the third attempt', async () => {
      const job = uniqueJobName('retry');
      const attempts: { attempt: number; at: number }[] = [];
      queue.define({
        name: job,
        options: { attempts: 3, backoff: { type: 'fixed', delayMs: 400 } },
        handle: async (_payload, ctx) => {
          attempts.push({ attempt: ctx.attempt, at: Date.now() });
          if (ctx.attempt < 3) throw new Error(`failure ${ctx.attempt}`);
        },
      });
      await queue.enqueue(job, {});
      await waitFor(async () => (await queue.listJobs(job, 'completed', 1, 10)).length === 1, 'the job to complete');
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
      // Backoff honoured (lower bound only: the machine may be slow, never fast).
      expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(350);
      expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(350);
    });

    it('fails after the last attempt with error and stack, and can be retried and removed', async () => {
      const job = uniqueJobName('fail');
      let calls = 0;
      let healthy = false;
      queue.define({
        name: job,
        options: { attempts: 2, backoff: { type: 'exponential', delayMs: 100 } },
        handle: async () => {
          calls++;
          if (!healthy) throw new Error('receiver down');
        },
      });
      const id = await queue.enqueue(job, { to: 'x' });
      const [failed] = await waitFor(async () => {
        const list = await queue.listJobs(job, 'failed', 1, 10);
        return list.length ? list : null;
      }, 'the job to fail');
      expect(calls).toBe(2);
      expect(failed).toMatchObject({ id, name: job, state: 'failed', payload: { to: 'x' }, attempts: 2, error: 'receiver down' });
      expect(failed.stack).toContain('receiver down');
      expect((await queue.counts()).find((c) => c.name === job)?.counts.failed).toBe(1);

      healthy = true;
      await queue.retry(job, id);
      await waitFor(async () => (await queue.listJobs(job, 'completed', 1, 10)).some((j) => j.id === id), 'the retried job to complete');
      expect(calls).toBe(3);
      await queue.remove(job, id);
      expect(await queue.listJobs(job, 'completed', 1, 10)).toEqual([]);
      await expect(queue.remove(job, id)).rejects.toMatchObject({ status: 404 });
      await expect(queue.retry(job, 'no-such-job')).rejects.toMatchObject({ status: 404 });
    });

    it('holds a delayed job back until its time', async () => {
      const job = uniqueJobName('delay');
      let ranAt = 0;
      queue.define({ name: job, handle: async () => void (ranAt = Date.now()) });
      const enqueuedAt = Date.now();
      await queue.enqueue(job, {}, { delayMs: 1_500 });
      await waitFor(async () => (await queue.listJobs(job, 'delayed', 1, 10)).length === 1 || ranAt > 0, 'the delayed job to be listed');
      await waitFor(() => ranAt > 0, 'the delayed job to run');
      expect(ranAt - enqueuedAt).toBeGreaterThanOrEqual(1_400);
    });

    it('enqueues a job once per dedup id', async () => {
      const job = uniqueJobName('dedup');
      let calls = 0;
      queue.define({ name: job, handle: async () => void calls++ });
      const [a, b] = await Promise.all([queue.enqueue(job, { v: 1 }, { dedupId: 'evt:1' }), queue.enqueue(job, { v: 2 }, { dedupId: 'evt:1' })]);
      expect(a).toBe(b);
      await waitFor(() => calls === 1, 'the job to run');
      expect(await queue.enqueue(job, { v: 3 }, { dedupId: 'evt:1' })).toBe(a);
      const other = await queue.enqueue(job, {}, { dedupId: 'evt:2' });
      expect(other).not.toBe(a);
      await waitFor(() => calls === 2, 'the second job to run');
      await sleep(500);
      expect(calls).toBe(2);
    });

    it('enqueues many jobs at once: each runs once, dedup ids skipped, delays kept', async () => {
      const job = uniqueJobName('many');
      const seen: number[] = [];
      queue.define<{ n: number }>({ name: job, handle: async (p) => void seen.push(p.n) });
      await queue.enqueue(job, { n: 0 }, { dedupId: 'batch:0' });
      const enqueuedAt = Date.now();
      await queue.enqueueMany<{ n: number }>(job, [
        { payload: { n: 100 }, options: { dedupId: 'batch:0' } },
        { payload: { n: 1 }, options: { dedupId: 'batch:1' } },
        { payload: { n: 101 }, options: { dedupId: 'batch:1' } },
        { payload: { n: 2 } },
        { payload: { n: 3 }, options: { delayMs: 800 } },
      ]);
      await queue.enqueueMany(job, []);
      await waitFor(() => seen.includes(3), 'the delayed job');
      expect(Date.now() - enqueuedAt).toBeGreaterThanOrEqual(750);
      await sleep(500);
      expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
    });

    it('cuts an attempt off at its timeout, aborting its signal, and retries it', async () => {
      const job = uniqueJobName('timeout');
      const aborted: number[] = [];
      queue.define({
        name: job,
        options: { attempts: 2, timeoutMs: 300, backoff: { type: 'fixed', delayMs: 100 } },
        handle: (_payload, ctx) =>
          // Hangs like an unresponsive receiver; only the signal ends it.
          new Promise<void>((_, reject) => ctx.signal.addEventListener('abort', () => (aborted.push(ctx.attempt), reject(new Error('aborted'))))),
      });
      await queue.enqueue(job, {});
      const [failed] = await waitFor(async () => {
        const list = await queue.listJobs(job, 'failed', 1, 10);
        return list.length ? list : null;
      }, 'the job to time out twice');
      expect(aborted).toEqual([1, 2]);
      expect(failed.error).toMatch(/timed out after 300 ms/);
    });

    it('runs up to `concurrency` jobs of a queue at once', async () => {
      const job = uniqueJobName('concurrency');
      let running = 0;
      let peak = 0;
      let done = 0;
      queue.define({
        name: job,
        options: { concurrency: 3 },
        handle: async () => {
          peak = Math.max(peak, ++running);
          await sleep(300);
          running--;
          done++;
        },
      });
      for (let i = 0; i < 6; i++) await queue.enqueue(job, { i });
      await waitFor(() => done === 6, 'all jobs to run');
      expect(peak).toBeGreaterThan(1);
      expect(peak).toBeLessThanOrEqual(3);
    });

    it('fires a cron schedule once per tick across two instances, and runs it on demand', async () => {
      const job = uniqueJobName('cron');
      const scheduleId = uniqueJobName('every-second');
      const runs: string[] = [];
      const second = await harness.create();
      for (const [label, q] of [['a', queue], ['b', second]] as const) {
        q.define({ name: job, handle: async (payload) => void runs.push(`${label}:${JSON.stringify(payload)}`) });
        await q.schedule(scheduleId, '* * * * * *', job, { from: 'cron' });
      }
      await second.start();
      const started = Date.now();
      await sleep(4_500);
      await queue.unschedule(scheduleId);
      await second.unschedule(scheduleId);
      const elapsedTicks = Math.floor((Date.now() - started) / 1000);
      await sleep(1_500);
      // Two instances firing independently would give about twice the ticks (slack for a slow machine: a
      // tick whose timer started just before unschedule may still land).
      expect(runs.length, JSON.stringify({ runs, elapsedTicks })).toBeGreaterThanOrEqual(2);
      expect(runs.length, JSON.stringify({ runs, elapsedTicks })).toBeLessThanOrEqual(elapsedTicks + 2);
      expect(runs.every((r) => r.endsWith('{"from":"cron"}'))).toBe(true);

      const daily = uniqueJobName('daily');
      await queue.schedule(daily, '0 3 * * *', job, { from: 'manual' });
      expect(await queue.listSchedules()).toContainEqual({ id: daily, expression: '0 3 * * *', jobName: job });
      await queue.runSchedule(daily);
      await waitFor(() => runs.some((r) => r.endsWith('{"from":"manual"}')), 'the on-demand run');
      await queue.unschedule(daily);
      expect((await queue.listSchedules()).some((s) => s.id === daily)).toBe(false);
      await expect(queue.runSchedule(daily)).rejects.toMatchObject({ status: 404 });
      await expect(queue.schedule('bad', 'not a cron', job)).rejects.toThrow();
    });
  });
}
