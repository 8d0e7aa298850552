import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { createPlinth, type Plinth } from '../../src/server.js';
import { collect, expectCount, startRealtimeApi, type RealtimeApi } from './realtime-fixture.js';
import { testBackends } from '../support/test-database.js';

/**
 * Two Plinth instances on one PostgreSQL: every instance reads the shared outbox, so a change committed through
 * instance A reaches subscribers connected to instance B, once.
 */
describe.runIf(testBackends.includes('postgres'))('realtime across two instances on postgres', () => {
  let api: RealtimeApi;
  let second: Plinth;
  let secondUrl: string;
  let secondDir: string;
  beforeAll(async () => {
    api = await startRealtimeApi('postgres');
    await api.admin.collections.create({ name: 'shared', listRule: '', viewRule: '', createRule: '', updateRule: '', fields: [{ name: 't', type: 'text' }] });
    secondDir = mkdtempSync(join(tmpdir(), 'plinth-second-'));
    second = await createPlinth(
      { ...api.server.app.config, http: { host: '127.0.0.1', port: 0 }, dataDir: secondDir, superuser: null },
      { logger: createLogger('error', (line) => process.stderr.write(line + '\n')) },
    );
    secondUrl = (await second.listen()).url;
  });
  afterAll(async () => {
    await second?.close();
    await api?.close();
    if (secondDir) rmSync(secondDir, { recursive: true, force: true });
  });

  it('delivers a change made through A to a subscriber on B, exactly once', async () => {
    const onB = new PocketBase(secondUrl).autoCancellation(false);
    const onA = api.client();
    const gotB = await collect(onB, 'shared', '*');
    const gotA = await collect(onA, 'shared', '*');
    try {
      const rec = await api.client().collection('shared').create({ t: 'from A' });
      await new PocketBase(secondUrl).autoCancellation(false).collection('shared').update(rec.id, { t: 'from B' });
      await expectCount(gotB, 2, 'events on instance B');
      await expectCount(gotA, 2, 'events on instance A');
      expect(gotB.map((e) => [e.action, e.record.t])).toEqual([
        ['create', 'from A'],
        ['update', 'from B'],
      ]);
    } finally {
      await onB.realtime.unsubscribe();
    }
  });
});
