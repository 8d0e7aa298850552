/**
 * The App: every long-lived dependency, built once by the composition root (`server.ts`) and passed
 * explicitly to use cases and routes. No module keeps its own singletons.
 */
import type { Config } from '../config/config.js';
import type { StorageAdapter } from '../storage/port.js';
import type { Logger } from './logger.js';
import type { CollectionRegistry } from './collections/registry.js';
import type { SettingsService } from './settings/settings.js';

export interface App {
  readonly config: Config;
  readonly storage: StorageAdapter;
  readonly collections: CollectionRegistry;
  readonly settings: SettingsService;
  readonly logger: Logger;
  /** Wall clock; tests may freeze it. */
  readonly now: () => Date;
}
