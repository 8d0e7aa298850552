/**
 * Builds the PluginApi handed to one plugin's register(), and records what the plugin registered through it.
 * Everything is namespaced by the plugin's name: hook ids, job names, cron ids and the settings key.
 */
import type { App } from '../core/app.js';
import { createCollection } from '../core/collections/collection-create.js';
import { AppError, badRequest, fieldError, forbidden, notFound, unauthorized, validationFailed } from '../core/errors.js';
import type { Hook, HookHandler } from '../core/hooks/hook-chain.js';
import type { AppHooks } from '../core/hooks/record-hook-events.js';
import type { AnyPlugin, HookBindOptions, PluginApi, PluginHooks, PluginJobs, PluginLogger } from './plugin-api.js';
import { routeCollector, reply, type PluginRouteSpec } from './plugin-routes.js';
import { recordsAccess, rulesHelpers, systemCaller } from './plugin-records.js';
import { searchHelpers } from './plugin-search.js';
import { redactPluginConfig } from './plugin-config.js';
import { createPluginSettings, type PluginSettingsStore } from './plugin-settings.js';

export interface PluginRegistration {
  name: string;
  version: string | null;
  source: string;
  config: Record<string, unknown>;
  /** The config as shown to superusers (secret keys blanked). */
  shownConfig: Record<string, unknown>;
  routes: PluginRouteSpec[];
  crons: { id: string; expression: string; job: string; payload: unknown }[];
  jobs: string[];
  hookIds: string[];
  settings: PluginSettingsStore<Record<string, unknown>>;
  onStart: (() => Promise<void> | void)[];
  onClose: (() => Promise<void> | void)[];
}

const LOCAL_NAME = /^[a-z0-9_-]{1,60}$/;

export function createPluginApi(app: App, plugin: AnyPlugin, config: Record<string, unknown>, source: string) {
  const name = plugin.name;
  const registration: PluginRegistration = {
    name,
    version: plugin.version ?? null,
    source,
    config,
    shownConfig: redactPluginConfig(plugin.config, config),
    routes: [],
    crons: [],
    jobs: [],
    hookIds: [],
    settings: createPluginSettings(name, plugin.settings, app.storage),
    onStart: [],
    onClose: [],
  };

  const localName = (kind: string, value: string) => {
    if (!LOCAL_NAME.test(value)) throw new Error(`${kind} "${value}" must match [a-z0-9_-]{1,60}`);
    return `plugin:${name}:${value}`;
  };

  const bind = <E>(point: keyof AppHooks, handler: HookHandler<E>, options: HookBindOptions = {}) => {
    const id = `${name}:${point}:${options.id ?? registration.hookIds.filter((h) => h.includes(`:${point}:`)).length}`;
    if (registration.hookIds.includes(id)) throw new Error(`hook id "${id}" is used twice`);
    registration.hookIds.push(id);
    const hook = app.hooks[point] as unknown as Hook<E>;
    return hook.bind(handler, { id, priority: options.priority, tags: options.collections });
  };
  const after = <E>(point: keyof AppHooks) => (handler: (event: E) => Promise<void> | void, options?: HookBindOptions) =>
    bind<E>(point, async (event) => void (await handler(event)), options);

  const hooks: PluginHooks = {
    onRecordCreate: (h, o) => bind('recordCreate', h, o),
    onRecordUpdate: (h, o) => bind('recordUpdate', h, o),
    onRecordDelete: (h, o) => bind('recordDelete', h, o),
    onCollectionCreate: (h, o) => bind('collectionCreate', h, o),
    onCollectionUpdate: (h, o) => bind('collectionUpdate', h, o),
    onCollectionDelete: (h, o) => bind('collectionDelete', h, o),
    onRecordAfterCreate: after('recordAfterCreate'),
    onRecordAfterUpdate: after('recordAfterUpdate'),
    onRecordAfterDelete: after('recordAfterDelete'),
    onCollectionAfterCreate: after('collectionAfterCreate'),
    onCollectionAfterUpdate: after('collectionAfterUpdate'),
    onCollectionAfterDelete: after('collectionAfterDelete'),
    onRecordsListRequest: (h, o) => bind('recordsListRequest', h, o),
    onRecordViewRequest: (h, o) => bind('recordViewRequest', h, o),
    onRecordAuthRequest: (h, o) => bind('recordAuthRequest', h, o),
  };

  const jobs: PluginJobs = {
    define(job, handle, options) {
      const full = localName('job name', job);
      app.jobs.define({ name: full, handle, options });
      registration.jobs.push(full);
    },
    enqueue: (job, payload, options) => app.jobs.enqueue(localName('job name', job), payload, options),
    cron(id, expression, job, payload) {
      if (!LOCAL_NAME.test(id)) throw new Error(`cron id "${id}" must match [a-z0-9_-]{1,60}`);
      registration.crons.push({ id: `${name}:${id}`, expression, job: localName('job name', job), payload: payload ?? null });
    },
  };

  const logger: PluginLogger = {
    debug: (msg, data) => app.logger.debug(msg, { plugin: name, ...data }),
    info: (msg, data) => app.logger.info(msg, { plugin: name, ...data }),
    warn: (msg, data) => app.logger.warn(msg, { plugin: name, ...data }),
    error: (msg, data) => app.logger.error(msg, { plugin: name, ...data }),
  };

  const api: PluginApi<Record<string, unknown>> = {
    name,
    logger,
    hooks,
    routes: routeCollector(name, registration.routes),
    records: recordsAccess(app),
    rules: rulesHelpers(app),
    jobs,
    settings: registration.settings,
    collections: {
      get: (nameOrId) => app.collections.get(nameOrId),
      async ensure(definition) {
        const existing = app.collections.get(definition.name);
        if (existing) return existing;
        try {
          await createCollection(app, definition);
        } catch (err) {
          // Surface the field errors: this is a plugin author's mistake, seen in the start-up log.
          const data = err instanceof AppError ? ` ${JSON.stringify(err.data)}` : '';
          throw new Error(`plugin "${name}" could not create collection "${definition.name}": ${(err as Error).message}${data}`, { cause: err });
        }
        return app.collections.require(definition.name);
      },
    },
    search: searchHelpers(app),
    errors: { badRequest, validation: validationFailed, unauthorized, forbidden, notFound, fieldError },
    reply,
    systemCaller: systemCaller(),
    onStart: (fn) => void registration.onStart.push(fn),
    onClose: (fn) => void registration.onClose.push(fn),
    now: () => app.now(),
  };
  return { api, registration };
}
