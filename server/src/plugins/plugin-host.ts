/**
 * The plugin host: validates every plugin's config, calls `register(api, config)` in order, and keeps what
 * they registered (routes for the HTTP layer, cron schedules applied once the queue runs, start/close
 * callbacks). A plugin that fails to register stops the server's start with an error naming it.
 */
import type { App } from '../core/app.js';
import type { AnyPlugin } from './plugin-api.js';
import { createPluginApi, type PluginRegistration } from './plugin-api-build.js';
import { registerAfterHooks } from './plugin-after-hooks.js';
import { validatePluginConfig, PluginConfigError } from './plugin-config.js';
import type { PluginEntry } from './plugin-load.js';
import type { PluginRouteSpec } from './plugin-routes.js';

export interface LoadedPluginInfo {
  name: string;
  version: string | null;
  source: string;
  /** The validated config with defaults. */
  config: Record<string, unknown>;
  /** The current settings section, or null when the plugin declares none. */
  settings: Record<string, unknown> | null;
  routes: { method: string; path: string }[];
  hooks: string[];
  jobs: string[];
  crons: { id: string; expression: string; job: string }[];
}

export interface PluginHost {
  readonly routes: readonly PluginRouteSpec[];
  /** After app.jobs/app.events started: applies cron schedules and runs the plugins' onStart callbacks. */
  start(): Promise<void>;
  close(): Promise<void>;
  /** For GET /api/plugins; re-reads each settings section so other instances' updates show. */
  describe(): Promise<LoadedPluginInfo[]>;
  settingsOf(name: string): PluginRegistration['settings'] | undefined;
}

export async function createPluginHost(app: App, entries: readonly PluginEntry[]): Promise<PluginHost> {
  const registrations: PluginRegistration[] = [];
  for (const entry of entries) registrations.push(await registerPlugin(app, entry.plugin, entry.config, entry.source));
  // Without any plugin nothing consumes events for hooks (and no cursor holds the outbox back).
  const unsubscribe = registrations.length ? registerAfterHooks(app) : () => {};

  return {
    routes: registrations.flatMap((r) => r.routes),

    async start() {
      for (const r of registrations) {
        await r.settings.reload();
        // onStart first: a plugin's cron job may rely on what it sets up (collections, indexes).
        for (const fn of r.onStart) await fn();
        for (const c of r.crons) await app.jobs.schedule(c.id, c.expression, c.job, c.payload);
      }
    },

    async close() {
      unsubscribe();
      for (const r of [...registrations].reverse()) {
        for (const fn of r.onClose) {
          await Promise.resolve()
            .then(fn)
            .catch((err: unknown) => app.logger.error('plugin close failed', { plugin: r.name, error: String(err) }));
        }
      }
    },

    async describe() {
      const out: LoadedPluginInfo[] = [];
      for (const r of registrations) {
        out.push({
          name: r.name,
          version: r.version,
          source: r.source,
          config: r.shownConfig,
          settings: r.settings.declared ? await r.settings.reload() : null,
          routes: r.routes.map((route) => ({ method: route.method, path: route.path })),
          hooks: [...r.hookIds],
          jobs: [...r.jobs],
          crons: r.crons.map((c) => ({ id: c.id, expression: c.expression, job: c.job })),
        });
      }
      return out;
    },

    settingsOf: (name) => registrations.find((r) => r.name === name)?.settings,
  };
}

async function registerPlugin(app: App, plugin: AnyPlugin, rawConfig: unknown, source: string): Promise<PluginRegistration> {
  const config = validatePluginConfig(plugin.name, plugin.config, rawConfig);
  const { api, registration } = createPluginApi(app, plugin, config, source);
  try {
    await plugin.register(api, config);
  } catch (err) {
    if (err instanceof PluginConfigError) throw err;
    throw new Error(`plugin "${plugin.name}" failed to register: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  app.logger.info('plugin loaded', { plugin: plugin.name, source, routes: registration.routes.length, hooks: registration.hookIds.length });
  return registration;
}
