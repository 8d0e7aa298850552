/**
 * The request log writer below HTTP: batches become multi-row inserts, a full batch flushes without waiting
 * for the timer, close() writes everything still buffered (graceful shutdown loses nothing), and past
 * maxBuffer entries are dropped and counted rather than held.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGS } from '../../src/core/collections/collection-system-builtins.js';
import { LOG_LEVELS, type LogEntry } from '../../src/logs/log-entry.js';
import { createLogWriter } from '../../src/logs/log-writer.js';
import { testBackends } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { eventually } from '../webhooks/webhook-receiver.js';

const entry = (marker: string, i: number): LogEntry => ({
  level: LOG_LEVELS.info,
  message: `GET /${marker}/${i}`,
  data: { type: 'request', url: `/${marker}/${i}`, status: 200 },
  created: new Date(),
});

describe.each(testBackends)('log writer (%s)', (backend) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  const table = () => t.app.collections.table(t.app.collections.require(LOGS));
  const stored = async (marker: string) => {
    const rows = await t.app.storage.find({ table: table() });
    return rows.filter((row) => String(row.message).startsWith(`GET /${marker}/`));
  };

  it('writes everything still buffered on close, in order, as the API stores entries', async () => {
    // A timer that never fires within the test: only close() can write these.
    const writer = createLogWriter(t.app, { flushMs: 3_600_000, batchSize: 10_000 });
    for (let i = 0; i < 450; i++) writer.add(entry('close', i));
    await writer.close();
    const rows = await stored('close');
    expect(rows.map((row) => row.message)).toEqual(Array.from({ length: 450 }, (_, i) => `GET /close/${i}`));
    expect(rows[3]).toMatchObject({ level: 0, data: { type: 'request', url: '/close/3', status: 200 } });
    expect(String(rows[3].id)).toMatch(/^[a-z0-9]{15}$/);
    expect(rows[3].created).toBe(rows[3].updated);
    writer.add(entry('close', 999));
    await writer.flush();
    expect(await stored('close')).toHaveLength(450);
    expect(writer.dropped).toBe(0);
  });

  it('flushes a full batch without waiting for the timer', async () => {
    const writer = createLogWriter(t.app, { flushMs: 3_600_000, batchSize: 25 });
    for (let i = 0; i < 60; i++) writer.add(entry('batch', i));
    // Two full batches went out on their own; the last 10 entries wait for the timer or close().
    await eventually('the full batches', async () => (await stored('batch')).length === 50);
    await writer.close();
    expect(await stored('batch')).toHaveLength(60);
  });

  it('drops and counts entries past maxBuffer instead of holding them', async () => {
    const writer = createLogWriter(t.app, { flushMs: 3_600_000, batchSize: 10_000, maxBuffer: 30 });
    for (let i = 0; i < 45; i++) writer.add(entry('bounded', i));
    expect(writer.dropped).toBe(15);
    await writer.close();
    expect(await stored('bounded')).toHaveLength(30);
  });
});
