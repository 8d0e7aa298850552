import { describe, expect, it } from 'vitest';
import type { App } from '../core/app.js';
import type { CommittedEvent } from '../events/domain-event.js';
import type { EventHandler } from '../events/event-bus.js';
import { coalesced, syncInstanceCaches } from './instance-sync.js';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await tick(5);
  }
}

describe('coalesced', () => {
  it('runs once per burst: calls during a run share one follow-up run', async () => {
    let runs = 0;
    let release!: () => void;
    const run = coalesced(async () => {
      runs++;
      await new Promise<void>((r) => (release = r));
    });
    const first = run();
    const burst = [run(), run(), run()];
    expect(runs).toBe(1);
    release();
    await first;
    await eventually(() => runs === 2, 'the follow-up run');
    release();
    await Promise.all(burst);
    expect(runs).toBe(2);
  });

  it('runs again after a failed run', async () => {
    let runs = 0;
    const run = coalesced(async () => {
      runs++;
      if (runs === 1) throw new Error('storage down');
    });
    await expect(run()).rejects.toThrow('storage down');
    await run();
    expect(runs).toBe(2);
  });
});

function fakeApp(dialect: string) {
  const values = new Map<string, unknown>();
  const counts = { collections: 0, settings: 0 };
  let handler: EventHandler | null = null;
  const app = {
    storage: { dialect, getValue: async (k: string) => values.get(k) },
    collections: { load: async () => void counts.collections++ },
    settings: { load: async () => void counts.settings++ },
    events: {
      subscribe: (_name: string, h: EventHandler, opts: { mode: string }) => {
        expect(opts.mode).toBe('live');
        handler = h;
        return () => (handler = null);
      },
    },
    logger: { warn: () => undefined },
  } as unknown as App;
  const emit = (type: string) => handler!({ type, id: 'evt', seq: 1, occurredAt: '', data: {} } as unknown as CommittedEvent);
  return { app, values, counts, emit, subscribed: () => handler !== null };
}

describe('syncInstanceCaches', () => {
  it('reloads the registry on collection events and the settings on a new revision', async () => {
    const { app, values, counts, emit, subscribed } = fakeApp('postgres');
    const sync = syncInstanceCaches(app, { settingsPollMs: 10 });
    try {
      await sync.refresh();
      expect(counts).toEqual({ collections: 1, settings: 1 });
      await emit('record.created');
      await emit('collection.created');
      await eventually(() => counts.collections === 2, 'a registry reload');
      await tick(50);
      expect(counts.settings).toBe(1); // unchanged revision: nothing to do
      values.set('settings.revision', 'r2');
      await eventually(() => counts.settings === 2, 'a settings reload');
      await tick(50);
      expect(counts.settings).toBe(2);
    } finally {
      sync.stop();
    }
    expect(subscribed()).toBe(false);
  });

  it('does nothing on embedded PGlite, which only one process can open', async () => {
    const { app, subscribed } = fakeApp('pglite');
    const sync = syncInstanceCaches(app, { settingsPollMs: 10 });
    expect(subscribed()).toBe(false);
    sync.stop();
  });
});
