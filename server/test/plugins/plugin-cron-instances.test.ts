/**
 * A plugin's cron with two Plinth instances on one PostgreSQL database, sharing the in-process (database)
 * job driver: both instances register the same plugin and arm the schedule, yet every tick runs the job once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlinthPlugin } from '../../src/plugins/plugin-api.js';
import { createTestDatabase, startPluginServer, testBackends, waitFor, type PluginServer, type TestDatabase } from './plugin-server.js';

const JOB = 'plugin:cron-test:tick';

describe.runIf(testBackends.includes('postgres'))('plugin cron across two instances (postgres)', () => {
  let db: TestDatabase;
  const instances: PluginServer[] = [];
  const runs: { instance: number; jobId: string }[] = [];

  const cronPlugin = (instance: number): PlinthPlugin => ({
    name: 'cron-test',
    register(api) {
      api.jobs.define('tick', async (_payload, ctx) => void runs.push({ instance, jobId: ctx.id }));
      api.jobs.cron('every-second', '* * * * * *', 'tick');
    },
  });

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    // One after the other: the first creates the system schema, the second finds it.
    for (const instance of [0, 1]) instances.push(await startPluginServer({ backend: 'postgres', database: db, plugins: [{ plugin: cronPlugin(instance) }] }));
  });
  afterAll(async () => {
    for (const server of instances) await server.close();
    await db?.dispose();
  });

  it('fires once per tick', async () => {
    await waitFor(() => new Set(runs.map((r) => r.jobId)).size >= 5, 'five ticks', 60_000);
    for (const server of instances) await server.plinth.close();

    const jobs = await instances[0].app.storage.listJobs(JOB, 'completed', 0, 1000).catch(async () => {
      // Closed above: read through a fresh instance of the same database.
      const reader = await startPluginServer({ backend: 'postgres', database: db });
      try {
        return await reader.app.storage.listJobs(JOB, 'completed', 0, 1000);
      } finally {
        await reader.close();
      }
    });
    const tickOf = new Map(jobs.map((j) => [j.id, j.dedupId]));
    const perTick = new Map<string, number>();
    for (const run of runs) {
      const tick = tickOf.get(run.jobId);
      expect(tick, `job ${run.jobId} is a cron job`).toMatch(/^cron:cron-test:every-second:/);
      perTick.set(tick!, (perTick.get(tick!) ?? 0) + 1);
    }
    expect(perTick.size).toBeGreaterThanOrEqual(5);
    expect([...perTick.values()].every((n) => n === 1)).toBe(true);
    expect(runs.length).toBe(perTick.size);
  });
});
