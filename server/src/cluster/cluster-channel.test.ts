import { describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import type { MessageBus } from '../storage/port.js';
import { ClusterChannel } from './cluster-channel.js';

const logger = createLogger('error', () => undefined);

/** One in-memory "network": every bus of it hears every message, asynchronously, its own included. */
function network(maxMessageBytes = 1000) {
  const listeners = new Set<(message: string) => void>();
  const bus = (): MessageBus => ({
    maxMessageBytes,
    async publish(message) {
      for (const listener of [...listeners]) queueMicrotask(() => listener(message));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return { bus, listeners };
}

describe('ClusterChannel', () => {
  it('resolves with the reply of the one instance that answers; the silent ones and the asker stay out', async () => {
    const net = network();
    const [asker, owner, bystander] = [0, 1, 2].map(() => new ClusterChannel(net.bus(), logger));
    const seen: string[] = [];
    asker.serve('op', async () => {
      seen.push('asker');
      return 'from the asker itself';
    });
    owner.serve('op', async (body) => ({ echoed: body }));
    bystander.serve('op', async () => {
      seen.push('bystander');
      return undefined;
    });
    expect(await asker.request('op', { n: 1 }, 5_000)).toEqual({ echoed: { n: 1 } });
    expect(seen).toEqual(['bystander']);
    for (const c of [asker, owner, bystander]) await c.close();
    expect(net.listeners.size).toBe(0);
  });

  it('resolves with undefined when nobody answers in time, or when the channel closes meanwhile', async () => {
    const net = network();
    const asker = new ClusterChannel(net.bus(), logger);
    new ClusterChannel(net.bus(), logger).serve('op', async () => undefined);
    expect(await asker.request('op', {}, 50)).toBeUndefined();
    const pending = asker.request('op', {}, 60_000);
    await asker.close();
    expect(await pending).toBeUndefined();
    expect(await asker.request('op', {}, 60_000)).toBeUndefined();
  });

  it('refuses a request larger than one message with a 413, and ignores junk on the bus', async () => {
    const net = network(200);
    const asker = new ClusterChannel(net.bus(), logger);
    const owner = new ClusterChannel(net.bus(), logger);
    owner.serve('op', async () => 'ok');
    expect(() => asker.request('op', 'x'.repeat(200), 5_000)).toThrow(expect.objectContaining({ status: 413 }));
    const raw = net.bus();
    for (const junk of ['not json', 'null', '[]', '{"kind":"reply"}', '{"kind":"request","id":"1"}', 'x'.repeat(500)]) await raw.publish(junk);
    expect(await asker.request('op', 'small', 5_000)).toBe('ok');
    await asker.close();
    await owner.close();
  });
});
