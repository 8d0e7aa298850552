import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, sqlBackends, startRealtimeApi, waitFor, type RealtimeApi } from './realtime-fixture.js';

/** Idle and maximum connection lifetimes (shortened here): the server closes, the SDK reconnects and resubscribes. */
describe.each(sqlBackends)('realtime connection lifetimes on %s', (backend) => {
  let api: RealtimeApi;
  beforeAll(async () => {
    api = await startRealtimeApi(backend, { idleMs: 1500, maxLifetimeMs: 4000 });
    await api.admin.collections.create({ name: 'ticks', listRule: '', viewRule: '', createRule: '', fields: [{ name: 'n', type: 'number' }] });
  });
  afterAll(() => api?.close());

  it('sends PB_CONNECT with the client id on the id line, and closes idle connections', async () => {
    const ids: string[] = [];
    const source = new EventSource(`${api.server.url}/api/realtime`);
    source.addEventListener('PB_CONNECT', (e) => {
      const data = JSON.parse(e.data) as { clientId: string };
      expect(e.lastEventId).toBe(data.clientId);
      ids.push(data.clientId);
    });
    try {
      await waitFor(() => ids.length >= 2, 'a reconnect after the idle timeout');
      expect(ids[0]).toMatch(/^[A-Za-z0-9]{40}$/);
      expect(ids[1]).not.toBe(ids[0]);
    } finally {
      source.close();
    }
  });

  it('ends connections at the maximum lifetime even when busy; the SDK resubscribes', async () => {
    const pb = api.client();
    const got = await collect(pb, 'ticks', '*');
    const first = pb.realtime.clientId;
    let n = 0;
    const writer = api.client();
    // Events every 400 ms keep the connection from going idle; the max lifetime still ends it.
    const ticker = setInterval(() => void writer.collection('ticks').create({ n: n++ }).catch(() => undefined), 400);
    try {
      await waitFor(() => pb.realtime.clientId !== '' && pb.realtime.clientId !== first && got.length > 0, 'a new client id after the max lifetime', 20_000);
    } finally {
      clearInterval(ticker);
    }
    const before = got.length;
    await writer.collection('ticks').create({ n: -1 });
    await waitFor(() => got.some((e) => e.record.n === -1), 'an event after resubscribing');
    expect(got.length).toBeGreaterThan(before);
  });
});
