/**
 * The App: every long-lived dependency, built once by the composition root (`server.ts`) and passed
 * explicitly to use cases and routes. No module keeps its own singletons.
 */
import type { Config } from '../config/config.js';
import type { StorageAdapter } from '../storage/port.js';
import type { FileStorage } from '../files/port.js';
import type { EventBus } from '../events/event-bus.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Logger } from './logger.js';
import type { CollectionRegistry } from './collections/registry.js';
import type { SettingsService } from './settings/settings.js';
import type { Mailer } from './auth/mail-port.js';
import type { RateLimiter } from './auth/rate-limit-port.js';
import type { OAuth2RedirectSink } from './auth/oauth2-redirect-port.js';
import type { RecordDeleteWatcher } from './records/record-delete-watch.js';
import type { RemoteFileFetcher } from './auth/oauth2-avatar-port.js';
import type { AppHooks } from './hooks/record-hook-events.js';

export interface App {
  readonly config: Config;
  readonly storage: StorageAdapter;
  readonly collections: CollectionRegistry;
  readonly settings: SettingsService;
  readonly logger: Logger;
  /** Record files (local disk under the data dir, or S3 per settings `s3`). */
  readonly files: FileStorage;
  /** Outgoing mail, queued as durable jobs (mail/). */
  readonly mailer: Mailer;
  /** Shared hit counters for rate limits and attempt limits (ratelimit/). */
  readonly rateLimiter: RateLimiter;
  /** Committed domain events from the outbox (events/dispatcher.ts). */
  readonly events: EventBus;
  /** Background jobs and cron: BullMQ with REDIS_URL, else in-process and durable in the database. */
  readonly jobs: JobQueue;
  /** Prometheus instruments on the App's own registry (metrics/). */
  readonly metrics: Metrics;
  /** Set by the realtime engine: where `/api/oauth2-redirect` delivers the provider's answer. */
  oauth2Redirect?: OAuth2RedirectSink;
  /** Guarded downloads of remote files (OAuth2 avatars); absent in Apps built without network access. */
  readonly remoteFiles?: RemoteFileFetcher;
  /** Set by the realtime engine: sees each record inside its delete's transaction, before the row goes. */
  recordDeleteWatcher?: RecordDeleteWatcher;
  /**
   * Domain hook points (core/hooks): record writes run through their chains, request and "after" hooks are
   * fed by the HTTP layer and the committed-event stream. Plugins bind to them through the plugin API.
   */
  readonly hooks: AppHooks;
  /** Wall clock; tests may freeze it. */
  readonly now: () => Date;
}
