/**
 * Many instances, one Plinth: every instance caches the collection registry and the settings in memory, and
 * a change made through one instance must reach all the others within a second.
 *
 * - Collections: every schema change commits a `collection.*` event with it; a 'live' consumer per instance
 *   reloads the registry. On PostgreSQL the outbox wakes consumers through LISTEN/NOTIFY, so this takes
 *   milliseconds; the dispatcher's 1 s poll bounds it everywhere else.
 * - Settings: every update writes a new `settings.revision` in the same transaction; each instance reads that
 *   one key every `settingsPollMs` and reloads on a difference. (Not an outbox event: the consumers of the
 *   event stream treat its types as a closed set of record and collection changes.)
 *
 * The instance that made the change reloads too: harmless (one small query), and it repairs the one race a
 * reload has, an older read finishing after a newer one. Embedded PGlite is one process by construction
 * (its data directory is locked), so there it does nothing.
 */
import type { App } from '../core/app.js';
import { randomString } from '../core/ids.js';
import { SETTINGS_REVISION_KEY } from '../core/settings/settings-service.js';
import type { CommittedEvent } from '../events/domain-event.js';

export interface InstanceSync {
  /** Reloads both caches now (after start: closes the window between boot and the consumer's first read). */
  refresh(): Promise<void>;
  stop(): void;
}

/**
 * Serialised, coalesced runs of `fn`: calls while a run is in progress share one follow-up run, so a burst of
 * events (a collections import) costs two reloads, not one per event.
 */
export function coalesced(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const run = (): Promise<void> => {
    running = fn().finally(() => {
      running = null;
    });
    return running;
  };
  return () => {
    if (queued) return queued;
    if (!running) return run();
    queued = running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return run();
      });
    return queued;
  };
}

const isCollectionEvent = (event: CommittedEvent) => event.type.startsWith('collection.');

/** Subscribes the consumer and starts the settings poll; call before app.events.start(), then `refresh()`. */
export function syncInstanceCaches(app: App, opts: { settingsPollMs?: number } = {}): InstanceSync {
  const reloadCollections = coalesced(() => app.collections.load(app.storage));
  let revision: unknown;
  const reloadSettings = coalesced(async () => {
    // Revision first: a change committed between the two reads is then seen again on the next poll.
    revision = await app.storage.getValue(SETTINGS_REVISION_KEY);
    await app.settings.load(app.storage);
  });
  const failed = (what: string) => (err: unknown) =>
    app.logger.warn(`could not reload ${what} after a change on another instance`, { error: err instanceof Error ? err.message : String(err) });

  const refresh = async () => {
    await Promise.all([reloadCollections(), reloadSettings()]);
  };
  // One process by construction: no other instance can change anything, so nothing to consume or poll.
  if (app.storage.dialect === 'pglite') return { refresh, stop: () => undefined };

  // Not awaited: the rest of the batch is read meanwhile, and joins the reload already queued.
  const handler = async (event: CommittedEvent) => {
    if (isCollectionEvent(event)) void reloadCollections().catch(failed('collections'));
  };
  const unsubscribe = app.events.subscribe(`instance-sync:${randomString(12)}`, handler, { mode: 'live' });

  let polling = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      if ((await app.storage.getValue(SETTINGS_REVISION_KEY)) !== revision) await reloadSettings();
    } catch (err) {
      failed('settings')(err);
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), opts.settingsPollMs ?? 400);
  timer.unref();

  return {
    refresh,
    stop: () => {
      unsubscribe();
      clearInterval(timer);
    },
  };
}
