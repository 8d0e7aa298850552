/** Loaded plugins and their settings sections (Plinth's addition; superusers only). */
import type { PlinthClientCore } from './client-core.js';
import type { RequestOptions } from './record-service.js';

export interface PluginInfo {
  name: string;
  version: string | null;
  /** The module it was loaded from (`inline` when handed over in code). */
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

export class PluginService {
  private readonly client: PlinthClientCore;
  constructor(client: PlinthClientCore) {
    this.client = client;
  }

  list(opts: RequestOptions = {}): Promise<{ items: PluginInfo[]; totalItems: number }> {
    return this.client.transport.send('/api/plugins', opts);
  }

  /** Partial update of a plugin's settings section; answers the whole section. A bad value is a 400 with field errors. */
  updateSettings<S extends Record<string, unknown> = Record<string, unknown>>(name: string, patch: Partial<S>, opts: RequestOptions = {}): Promise<S> {
    return this.client.transport.send(`/api/plugins/${encodeURIComponent(name)}/settings`, { ...opts, method: 'PATCH', body: patch });
  }
}
