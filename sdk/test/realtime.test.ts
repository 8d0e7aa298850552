/** Realtime against a real server: typed events, filters, unsubscribe, reconnect + resubscribe, EventSource. */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, MemoryAuthStore, type EventSourceCtor, type RealtimeEvent } from '../src/index.js';
import { startHarness, type Harness } from './support/plinth.js';

type Msg = { id: string; text: string; n: number };
const waitFor = async (check: () => boolean, what: string, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

let h: Harness;
beforeAll(async () => {
  // Short idle timeout: the server drops quiet streams quickly, which exercises reconnection.
  h = await startHarness({ realtimeLimits: { idleMs: 1500, maxLifetimeMs: 120_000 } });
  await h.admin.collections.create({
    name: 'messages',
    type: 'base',
    listRule: '',
    viewRule: '',
    createRule: '',
    updateRule: '',
    deleteRule: '',
    fields: [{ name: 'text', type: 'text' }, { name: 'n', type: 'number' }],
  });
});
afterAll(() => h?.close());

describe('realtime', () => {
  it('delivers create/update/delete, honours filters and record topics, and stops after unsubscribe', async () => {
    const pb = h.guest();
    const all: string[] = [];
    const big: string[] = [];
    const stopAll = await pb.collection('messages').subscribe('*', (e: RealtimeEvent<Msg>) => all.push(`${e.action}:${e.record.text}`));
    await pb.collection('messages').subscribe('*', (e: RealtimeEvent<Msg>) => big.push(e.record.text), { filter: (f) => f.gt('n', 10) });
    const writer = h.admin.collection('messages');
    const a = await writer.create({ text: 'a', n: 1 });
    const one: string[] = [];
    await pb.collection('messages').subscribe(a.id, (e: RealtimeEvent<Msg>) => one.push(e.action));
    await writer.create({ text: 'b', n: 20 });
    await writer.update(a.id, { text: 'a2' });
    await writer.delete(a.id);
    await waitFor(() => all.length === 4 && one.length === 2, 'events');
    expect(all).toEqual(['create:a', 'create:b', 'update:a2', 'delete:a2']);
    expect(big).toEqual(['b']);
    expect(one).toEqual(['update', 'delete']);
    await stopAll();
    await pb.collection('messages').unsubscribe();
    expect(pb.realtime.isConnected).toBe(false);
    await writer.create({ text: 'c', n: 30 });
    await new Promise((r) => setTimeout(r, 500));
    expect(all).toHaveLength(4);
    expect(big).toEqual(['b']);
  });

  it('reconnects after the server drops the stream and resubscribes under a new client id', async () => {
    const pb = createClient(h.url, { authStore: new MemoryAuthStore(), realtime: { reconnectDelays: [100] } });
    const got: string[] = [];
    const drops: string[][] = [];
    pb.realtime.onDisconnect = (topics) => drops.push(topics);
    await pb.collection('messages').subscribe('*', (e) => got.push(e.record.text));
    const firstId = pb.realtime.clientId;
    await waitFor(() => drops.length > 0, 'the idle disconnect');
    expect(drops[0]).toEqual(['messages/*']);
    await waitFor(() => pb.realtime.isConnected && pb.realtime.clientId !== firstId, 'the reconnect');
    // Writes keep flowing through the new connection (retry the write in case it raced the resubscription).
    for (let i = 0; i < 20 && !got.includes('after'); i++) {
      await h.admin.collection('messages').create({ text: 'after', n: 0 });
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(got).toContain('after');
    pb.realtime.disconnect();
    await pb.realtime.unsubscribe();
  });

  it('sends the auth of the store and reconnects when it changes', async () => {
    await h.admin.collections.create({ name: 'secrets', type: 'base', listRule: '@request.auth.id != ""', viewRule: '@request.auth.id != ""', fields: [{ name: 'text', type: 'text' }] });
    await h.admin.collection('users').create({ email: 'rt@example.com', password: 'rt-pass-1234', passwordConfirm: 'rt-pass-1234' });
    const pb = h.guest();
    const got: string[] = [];
    await pb.collection('secrets').subscribe('*', (e) => got.push(e.record.text));
    await h.admin.collection('secrets').create({ text: 'hidden' });
    await new Promise((r) => setTimeout(r, 500));
    expect(got).toEqual([]);
    const before = pb.realtime.clientId;
    await pb.collection('users').authWithPassword('rt@example.com', 'rt-pass-1234');
    await waitFor(() => pb.realtime.isConnected && pb.realtime.clientId !== before, 'the reconnect with auth');
    for (let i = 0; i < 20 && !got.includes('visible'); i++) {
      await h.admin.collection('secrets').create({ text: 'visible' });
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(got).toContain('visible');
    await pb.realtime.unsubscribe();
  });

  it('uses an injected EventSource implementation', async () => {
    // The `eventsource` package installed for the server's tests.
    const path = createRequire(new URL('../../server/package.json', import.meta.url)).resolve('eventsource');
    const { EventSource } = (await import(path)) as { EventSource: EventSourceCtor };
    const pb = createClient(h.url, { authStore: new MemoryAuthStore(), realtime: { EventSource } });
    const got: string[] = [];
    await pb.collection('messages').subscribe('*', (e) => got.push(e.record.text), { filter: 'n = 77' });
    await h.admin.collection('messages').create({ text: 'via-es', n: 77 });
    await waitFor(() => got.length === 1, 'the event');
    expect(got).toEqual(['via-es']);
    await pb.realtime.unsubscribe();
  });
});
